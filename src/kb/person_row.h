// Parsing one line of a people/*.tsv file (see data/kb/README.md), shared by
// the loader and by `rayzan kb add`, which validates a user's file the same way.
#pragma once

#include <string_view>

#include "base/tsv.h"
#include "rayzan/kb.h"
#include "rayzan/status.h"

namespace rayzan::internal {

// The aliases_XX columns the loader reads, in this order; the importer
// writes the same ones (WikidataImportOptions::languages).
inline constexpr std::string_view kAliasLanguages[] = {"en", "fa", "ar", "ru"};

// The person of a row: id, name, aliases by language (the name first, as
// "en") and tenures. Fails on an empty id or name or a malformed tenure.
Result<Person> ParsePersonRow(const TsvRow& row);

}  // namespace rayzan::internal
