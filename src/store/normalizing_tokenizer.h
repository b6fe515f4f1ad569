// The "rayzan" FTS5 tokenizer: splits text into words after the pipeline's
// normalization (normalize.h), so a search for کشور finds كشور, روسیه‌ای finds
// روسيهاي and ۲۰۲۱ finds 2021. Token offsets point into the original text, so
// FTS5 snippets show the article as written.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string_view>

#include "rayzan/normalize.h"

namespace rayzan::store_internal {

// Registers the tokenizer as "rayzan" on `db`. Throws SqliteError when FTS5
// is missing.
void RegisterNormalizingTokenizer(sqlite3* db);

// Lets the calling thread's next tokenization of exactly `text` reuse
// `normalized` (the pipeline has already normalized the article) instead of
// normalizing again. Pass nullptr to clear. Both must outlive the use.
void SetNormalizedHint(std::string_view text, const NormalizedText* normalized);

// Calls on_token(token, source_begin, source_end) for every word of the
// normalized text, as the tokenizer emits them
// (source_begin, source_end are byte offsets into the text `normalized` came from).
void ForEachNormalizedToken(const NormalizedText& normalized,
                            const std::function<void(std::string_view, uint32_t, uint32_t)>& on_token);

}  // namespace rayzan::store_internal
