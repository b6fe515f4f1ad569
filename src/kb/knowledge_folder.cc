// `rayzan kb add`: merging a user's file into a knowledge-base folder.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/tsv.h"
#include "kb/person_row.h"
#include "rayzan/kb.h"

namespace rayzan {

namespace {

namespace fs = std::filesystem;
using internal::ReadTsv;
using internal::TsvRow;

// A file of the knowledge base: where a user's file of that kind goes, the
// columns that key a row (as the loader keys it) and those it requires.
struct FileKind {
  std::string_view stem;         // "countries", or "" for people
  std::string_view destination;  // relative to the folder
  std::vector<std::string> key;
  std::vector<std::string> required;
};

const std::vector<FileKind>& FileKinds() {
  static const std::vector<FileKind> kinds = {
      {"countries", "countries.tsv", {"iso2"}, {"iso2"}},
      {"cities", "cities.tsv", {"name", "iso2"}, {"name", "iso2"}},
      {"organizations", "organizations.tsv", {"id"}, {"id", "name"}},
      {"offices", "offices.tsv", {"office", "phrase"}, {"office", "phrase"}},
      {"blocked_names", "blocked_names.tsv", {"phrase"}, {"phrase"}},
      {"", "people/user.tsv", {"id"}, {"id", "name"}},
  };
  return kinds;
}

// A TSV file as lines: comments and blank lines kept verbatim, so a merge
// leaves the rest of a hand-edited file as it was.
struct Table {
  std::vector<std::string> header;
  struct Line {
    bool row = false;
    std::string raw;                 // comments and blank lines
    std::vector<std::string> cells;  // rows
  };
  std::vector<Line> lines;

  int Column(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
  std::string Key(const std::vector<std::string>& cells, const std::vector<std::string>& key) const {
    std::string out;
    for (const std::string& column : key) {
      int at = Column(column);
      if (!out.empty()) out.push_back('\t');
      if (at >= 0 && static_cast<size_t>(at) < cells.size()) out.append(internal::Trim(cells[at]));
    }
    return out;
  }
};

Result<Table> ReadTable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot open");
  Table table;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (internal::Trim(line).empty() || line.front() == '#') {
      table.lines.push_back({false, line, {}});
      continue;
    }
    std::vector<std::string> cells;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      cells.emplace_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (table.header.empty()) {
      for (std::string& cell : cells) table.header.emplace_back(internal::Trim(cell));
      continue;
    }
    table.lines.push_back({true, "", std::move(cells)});
  }
  if (table.header.empty()) return Status::Error(path + ": no header line");
  return table;
}

Status WriteTable(const Table& table, const fs::path& path) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  if (error) return Status::Error(path.parent_path().string() + ": " + error.message());
  fs::path temporary = path;
  temporary += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Error(temporary.string() + ": cannot write");
    for (size_t i = 0; i < table.header.size(); ++i) out << (i ? "\t" : "") << table.header[i];
    out << '\n';
    for (const Table::Line& line : table.lines) {
      if (!line.row) {
        out << line.raw << '\n';
        continue;
      }
      for (size_t i = 0; i < line.cells.size(); ++i) out << (i ? "\t" : "") << line.cells[i];
      out << '\n';
    }
    if (!out) return Status::Error(temporary.string() + ": write failed");
  }
  fs::rename(temporary, path, error);
  if (error) return Status::Error(path.string() + ": " + error.message());
  return Status();
}

// A list cell item may not hold the separators of the format.
Status CheckItem(const std::string& where, const std::string& item) {
  if (item.find_first_of("\t\n\r|") != std::string::npos) {
    return Status::Error(where + ": '" + item + "' contains a tab, line break or '|'");
  }
  return Status();
}

// One person object of a user's JSON file as a people/*.tsv table row.
Result<std::vector<std::string>> PersonJsonToCells(const nlohmann::json& person, const std::string& where,
                                                   const std::vector<std::string>& header) {
  if (!person.is_object()) return Status::Error(where + ": not a JSON object");
  std::map<std::string, std::string> cells;
  for (const char* field : {"id", "name"}) {
    if (!person.contains(field) || !person[field].is_string()) {
      return Status::Error(where + ": needs a string \"" + field + "\"");
    }
    cells[field] = person[field].get<std::string>();
    if (Status status = CheckItem(where, cells[field]); !status.ok()) return status;
  }
  if (person.contains("aliases")) {
    const nlohmann::json& aliases = person["aliases"];
    if (!aliases.is_object()) return Status::Error(where + ": \"aliases\" must map a language to a list");
    for (const auto& [language, list] : aliases.items()) {
      std::string column = "aliases_" + language;
      if (std::find(header.begin(), header.end(), column) == header.end()) {
        return Status::Error(where + ": aliases in '" + language + "': the loader reads en, fa, ar and ru");
      }
      if (!list.is_array()) return Status::Error(where + ": aliases of '" + language + "' must be a list");
      for (const nlohmann::json& alias : list) {
        if (!alias.is_string()) return Status::Error(where + ": an alias is not a string");
        if (Status status = CheckItem(where, alias.get<std::string>()); !status.ok()) return status;
        std::string& cell = cells[column];
        cell += (cell.empty() ? "" : "|") + alias.get<std::string>();
      }
    }
  }
  if (person.contains("roles")) {
    const nlohmann::json& roles = person["roles"];
    if (!roles.is_array()) return Status::Error(where + ": \"roles\" must be a list");
    for (const nlohmann::json& role : roles) {
      std::string text;
      if (role.is_string()) {
        text = role.get<std::string>();
      } else if (role.is_object() && role.contains("office") && role.contains("jurisdiction")) {
        text = role.value("office", "") + "@" + role.value("jurisdiction", "") + ":" + role.value("from", "") +
               ".." + role.value("to", "") + (role.value("acting", false) ? "!acting" : "");
      } else {
        return Status::Error(where + ": a role is neither \"office@XX:FROM..TO\" nor {office, jurisdiction, from, to}");
      }
      if (Status status = CheckItem(where, text); !status.ok()) return status;
      std::string& cell = cells["roles"];
      cell += (cell.empty() ? "" : "|") + text;
    }
  }
  std::vector<std::string> row;
  for (const std::string& column : header) row.push_back(cells.count(column) ? cells[column] : "");
  return row;
}

Result<Table> ReadJsonPeople(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot open");
  nlohmann::json document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Status::Error(path + ": not JSON");
  Table table;
  table.header = {"id", "name", "aliases_en", "aliases_fa", "aliases_ar", "aliases_ru", "roles"};
  std::vector<nlohmann::json> people;
  if (document.is_array()) {
    people.assign(document.begin(), document.end());
  } else {
    people.push_back(document);
  }
  for (size_t i = 0; i < people.size(); ++i) {
    std::string where = path + ": person " + std::to_string(i + 1);
    auto cells = PersonJsonToCells(people[i], where, table.header);
    if (!cells.ok()) return cells.status();
    table.lines.push_back({true, "", std::move(cells).value()});
  }
  return table;
}

// The loader's checks on one row of a user's TSV file, before anything is merged.
Status ValidateTsv(const std::string& path, const FileKind& kind) {
  return ReadTsv(path, kind.required, [&](const TsvRow& row) -> Status {
    for (const std::string& column : kind.required) {
      if (row.Get(column).empty()) return Status::Error("empty " + column);
    }
    if (kind.stem.empty()) return internal::ParsePersonRow(row).status();
    if (kind.stem == "countries" || kind.stem == "cities") {
      if (row.Get("iso2").size() != 2) return Status::Error("iso2 '" + std::string(row.Get("iso2")) + "' is not two letters");
    }
    return Status();
  });
}

}  // namespace

Result<KnowledgeFileMerge> AddToKnowledgeFolder(const std::string& file, const std::string& directory) {
  if (directory.empty()) return Status::Error("no folder to add to (set HOME or XDG_DATA_HOME)");
  fs::path source(file);
  bool json = source.extension() == ".json";
  if (!json && source.extension() != ".tsv") return Status::Error(file + ": expected a .tsv or .json file");
  const FileKind* kind = &FileKinds().back();
  if (!json) {
    for (const FileKind& candidate : FileKinds()) {
      if (!candidate.stem.empty() && source.stem() == candidate.stem) kind = &candidate;
    }
    if (Status status = ValidateTsv(file, *kind); !status.ok()) return status;
  }
  Result<Table> incoming = json ? ReadJsonPeople(file) : ReadTable(file);
  if (!incoming.ok()) return incoming.status();

  fs::path destination = fs::path(directory) / kind->destination;
  Table merged;
  if (fs::exists(destination)) {
    Result<Table> existing = ReadTable(destination.string());
    if (!existing.ok()) return existing.status();
    merged = std::move(existing).value();
  } else {
    merged.header = incoming.value().header;
    merged.lines.push_back({false, "# Added with `rayzan kb add`; rows replace bundled and imported rows of the same key.", {}});
  }
  for (const std::string& column : incoming.value().header) {
    if (merged.Column(column) < 0) {
      merged.header.push_back(column);
    }
  }
  std::map<std::string, size_t> by_key;
  for (size_t i = 0; i < merged.lines.size(); ++i) {
    if (merged.lines[i].row) by_key[merged.Key(merged.lines[i].cells, kind->key)] = i;
  }
  KnowledgeFileMerge summary;
  summary.destination = destination.string();
  for (const Table::Line& line : incoming.value().lines) {
    if (!line.row) continue;
    std::vector<std::string> cells(merged.header.size());
    for (size_t i = 0; i < incoming.value().header.size() && i < line.cells.size(); ++i) {
      cells[merged.Column(incoming.value().header[i])] = line.cells[i];
    }
    std::string key = merged.Key(cells, kind->key);
    if (auto it = by_key.find(key); it != by_key.end()) {
      merged.lines[it->second].cells = std::move(cells);
      ++summary.replaced;
    } else {
      by_key[key] = merged.lines.size();
      merged.lines.push_back({true, "", std::move(cells)});
      ++summary.added;
    }
  }
  // The merged file must load on its own before it replaces anything.
  fs::path staging = fs::temp_directory_path() / ("rayzan-kb-add-" + std::to_string(::getpid()));
  std::error_code ignored;
  fs::remove_all(staging, ignored);
  Status status = WriteTable(merged, staging / kind->destination);
  if (status.ok()) {
    auto loaded = KnowledgeBase::Load({staging.string()});
    if (!loaded.ok()) {
      std::string message = loaded.status().message();
      std::string staged = (staging / kind->destination).string();
      if (size_t at = message.find(staged); at != std::string::npos) message.replace(at, staged.size(), file);
      status = Status::Error(message);
    }
  }
  fs::remove_all(staging, ignored);
  if (!status.ok()) return status;
  if (Status written = WriteTable(merged, destination); !written.ok()) return written;
  return summary;
}

}  // namespace rayzan
