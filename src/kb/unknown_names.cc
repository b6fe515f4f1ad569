// `rayzan kb unknown`: people the event stage coded but the base lacks.
#include <algorithm>
#include <fstream>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "rayzan/kb.h"

namespace rayzan {

Result<std::vector<UnknownName>> CollectUnknownNames(const std::vector<std::string>& jsonl_files) {
  constexpr size_t kDocumentsKept = 3;
  std::map<std::tuple<std::string, std::string, std::string>, UnknownName> groups;
  for (const std::string& path : jsonl_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Error(path + ": cannot open");
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json event = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (event.is_discarded() || !event.is_object()) {
        return Status::Error(path + ":" + std::to_string(number) + ": not a JSON object");
      }
      auto actors = event.find("actors");
      if (actors == event.end() || !actors->is_array()) continue;
      auto text = [](const nlohmann::json& object, const char* field) {
        auto it = object.find(field);
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      for (const nlohmann::json& actor : *actors) {
        if (!actor.is_object()) continue;
        auto in_kb = actor.find("in_kb");
        if (in_kb == actor.end() || !in_kb->is_boolean() || in_kb->get<bool>()) continue;
        // An unresolved office ("foreign_minister of UZ") is not a name to add.
        if (text(actor, "kind") != "person") continue;
        std::string name = text(actor, "name");
        if (name.empty()) continue;
        UnknownName& group = groups[{name, text(actor, "role"), text(actor, "country")}];
        if (group.count == 0) {
          group.name = name;
          group.role = text(actor, "role");
          group.country = text(actor, "country");
        }
        ++group.count;
        std::string doc = text(event, "doc");
        if (!doc.empty() && group.documents.size() < kDocumentsKept &&
            std::find(group.documents.begin(), group.documents.end(), doc) == group.documents.end()) {
          group.documents.push_back(doc);
        }
      }
    }
  }
  std::vector<UnknownName> out;
  for (auto& [key, group] : groups) out.push_back(std::move(group));
  std::stable_sort(out.begin(), out.end(), [](const UnknownName& a, const UnknownName& b) { return a.count > b.count; });
  return out;
}

}  // namespace rayzan
