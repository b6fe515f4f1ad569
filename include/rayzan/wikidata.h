// Importing a Wikidata JSON dump into knowledge-base files.
//
// Streams a dump (.json, .json.gz or .json.bz2, one entity a line as
// Wikidata publishes them) once, keeps people who held political or
// diplomatic positions (P39 with P580/P582 and P642 or jurisdiction
// qualifiers), the positions themselves (P17 / P1001), countries,
// international organizations and cities with a population or capital
// status, with labels and aliases in the requested languages, and writes the
// project's own knowledge-base files (see data/kb/README.md) under the output
// folder. Memory stays bounded whatever the dump size.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rayzan/status.h"

namespace rayzan {

struct WikidataImportOptions {
  std::string output_directory;  // created if missing; files are replaced
  std::vector<std::string> languages = {"en", "fa", "ar", "ru"};
  // Called for each broken line or entity ("dump.json.gz:1234: not JSON, skipped").
  std::function<void(const std::string&)> warn;
  // Called now and then with the number of lines read (for a progress display).
  std::function<void(uint64_t lines)> progress;
};

struct WikidataImportStats {
  uint64_t lines = 0;          // lines read
  uint64_t entities = 0;       // entities parsed
  uint64_t skipped_lines = 0;  // broken lines, reported through warn
  uint64_t people = 0;
  uint64_t positions = 0;
  uint64_t countries = 0;
  uint64_t organizations = 0;
  uint64_t cities = 0;
  double seconds = 0;
};

// Fails only when the dump cannot be opened or the output cannot be written;
// a broken line is reported and skipped.
Result<WikidataImportStats> ImportWikidata(const std::string& dump_path, const WikidataImportOptions& options);

}  // namespace rayzan
