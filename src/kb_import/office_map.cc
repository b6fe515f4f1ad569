#include "kb_import/office_map.h"

#include <algorithm>
#include <cctype>

#include "base/tsv.h"

namespace rayzan::internal {

namespace {

bool IsWordByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

}  // namespace

Result<OfficeMap> OfficeMap::Load(const std::string& path) {
  OfficeMap map;
  int row_number = 0;
  Status status = ReadTsv(path, {"kind", "key", "office"}, [&](const TsvRow& row) -> Status {
    std::string_view kind = row.Get("kind");
    std::string key(row.Get("key"));
    std::string office(row.Get("office"));
    if (office.empty()) return Status::Error("empty office");
    if (kind == "class" || kind == "generic_class") {
      if (key.size() < 2 || key[0] != 'Q' ||
          !std::all_of(key.begin() + 1, key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return Status::Error("class '" + key + "' is not a Q-id");
      }
      uint32_t qid = static_cast<uint32_t>(std::stoul(key.substr(1)));
      map.classes_.emplace(qid, ClassOffice{office, row_number++, kind == "generic_class"});
    } else if (kind == "label") {
      std::string phrase;
      for (char c : key) phrase += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (phrase.empty()) return Status::Error("empty label phrase");
      map.phrases_.emplace_back(std::move(phrase), std::move(office));
    } else {
      return Status::Error("kind '" + std::string(kind) + "' is not class, generic_class or label");
    }
    return Status();
  });
  if (!status.ok()) return status;
  std::stable_sort(map.phrases_.begin(), map.phrases_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return map;
}

const OfficeMap::ClassOffice* OfficeMap::ForClass(uint32_t qid) const {
  auto it = classes_.find(qid);
  return it == classes_.end() ? nullptr : &it->second;
}

std::string OfficeMap::ForLabel(std::string_view english_label) const {
  std::string label;
  label.reserve(english_label.size());
  for (char c : english_label) label += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [phrase, office] : phrases_) {
    for (size_t at = label.find(phrase); at != std::string::npos; at = label.find(phrase, at + 1)) {
      bool starts = at == 0 || !IsWordByte(label[at - 1]);
      size_t end = at + phrase.size();
      bool ends = end == label.size() || !IsWordByte(label[end]);
      if (starts && ends) return office;
    }
  }
  return "";
}

std::vector<uint32_t> OfficeMap::ClassIds() const {
  std::vector<uint32_t> ids;
  for (const auto& [qid, office] : classes_) ids.push_back(qid);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace rayzan::internal
