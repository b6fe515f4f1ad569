// Reading the project's tab-separated data files (header line, '#' comments,
// '|'-separated list cells). Internal to the library.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rayzan/status.h"

namespace rayzan::internal {

class TsvRow {
 public:
  TsvRow(const std::vector<std::string>* header, std::vector<std::string_view> cells, int line)
      : header_(header), cells_(std::move(cells)), line_(line) {}
  // The cell under `column`, empty when the file has no such column or the row is short.
  std::string_view Get(std::string_view column) const;
  // The '|'-separated items of the cell, trimmed, empty items dropped.
  std::vector<std::string_view> List(std::string_view column) const;
  int line() const { return line_; }

 private:
  const std::vector<std::string>* header_;
  std::vector<std::string_view> cells_;
  int line_;
};

// Calls `row` for each data line of the file. Fails naming the file when it
// cannot be read, or when `row` fails (its message is prefixed with file:line).
Status ReadTsv(const std::string& path, const std::vector<std::string>& required_columns,
               const std::function<Status(const TsvRow&)>& row);

std::vector<std::string_view> SplitList(std::string_view cell, char separator = '|');
std::string_view Trim(std::string_view text);

}  // namespace rayzan::internal
