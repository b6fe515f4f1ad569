// Which office of data/kb/README.md a Wikidata position is, from
// data/kb/wikidata_offices.tsv. Internal to the kb_import stage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rayzan/status.h"

namespace rayzan::internal {

class OfficeMap {
 public:
  // Reads the mapping file; fails naming the file and line.
  static Result<OfficeMap> Load(const std::string& path);

  // The office of a class (by the file's row order: lower rank = earlier
  // row). nullopt when the class is not listed. `generic` is set for
  // generic_class rows.
  struct ClassOffice {
    std::string office;
    int rank = 0;
    bool generic = false;
  };
  const ClassOffice* ForClass(uint32_t qid) const;

  // The office named by an English label ("Minister of Foreign Affairs of
  // Iran" → foreign_minister): the longest listed phrase found on word
  // boundaries, case-insensitively. Empty when none; "-" when the longest
  // phrase is marked as not an office.
  std::string ForLabel(std::string_view english_label) const;

  // Every class id in the file (for the dump reader's cheap filter).
  std::vector<uint32_t> ClassIds() const;

 private:
  std::unordered_map<uint32_t, ClassOffice> classes_;
  std::vector<std::pair<std::string, std::string>> phrases_;  // longest first
};

}  // namespace rayzan::internal
