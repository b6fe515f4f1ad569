#include "base/tsv.h"

#include <fstream>
#include <sstream>

namespace rayzan::internal {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\r' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> SplitList(std::string_view cell, char separator) {
  std::vector<std::string_view> items;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find(separator, start);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view item = Trim(cell.substr(start, end - start));
    if (!item.empty()) items.push_back(item);
    start = end + 1;
  }
  return items;
}

std::string_view TsvRow::Get(std::string_view column) const {
  for (size_t i = 0; i < header_->size(); ++i) {
    if ((*header_)[i] == column) return i < cells_.size() ? Trim(cells_[i]) : std::string_view();
  }
  return {};
}

std::vector<std::string_view> TsvRow::List(std::string_view column) const { return SplitList(Get(column)); }

Status ReadTsv(const std::string& path, const std::vector<std::string>& required_columns,
               const std::function<Status(const TsvRow&)>& row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot open");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string content = buffer.str();
  std::vector<std::string> header;
  std::string_view rest = content;
  int line_number = 0;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line.front() == '#') continue;
    std::vector<std::string_view> cells = SplitList(line, '\t');
    // SplitList drops empty cells; tab-separated files need positions kept.
    cells.clear();
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (header.empty()) {
      for (std::string_view cell : cells) header.emplace_back(Trim(cell));
      for (const std::string& column : required_columns) {
        bool found = false;
        for (const std::string& h : header) found = found || h == column;
        if (!found) return Status::Error(path + ":" + std::to_string(line_number) + ": header lacks column '" + column + "'");
      }
      continue;
    }
    Status status = row(TsvRow(&header, std::move(cells), line_number));
    if (!status.ok()) return Status::Error(path + ":" + std::to_string(line_number) + ": " + status.message());
  }
  if (header.empty()) return Status::Error(path + ": no header line");
  return Status();
}

}  // namespace rayzan::internal
