#include "cli/store_access.h"

#include <cstdio>

#include "rayzan/kb.h"

namespace rayzan::cli {

std::unique_ptr<EventStore> OpenStoreForQueries(const std::string& db_path, bool resolve_actors,
                                                const std::vector<std::string>& extra_kb_directories) {
  StoreOptions options;
  options.read_only = true;
  if (resolve_actors) {
    std::vector<std::string> directories = {KnowledgeBase::BundledDirectory()};
    directories.insert(directories.end(), extra_kb_directories.begin(), extra_kb_directories.end());
    auto kb = KnowledgeBase::Load(directories);
    if (!kb.ok()) {
      std::fprintf(stderr, "rayzan: %s\n", kb.status().message().c_str());
      return nullptr;
    }
    options.knowledge_base = kb.value();
  }
  auto store = EventStore::Open(db_path, options);
  if (!store.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", store.status().message().c_str());
    return nullptr;
  }
  return std::move(store).value();
}

}  // namespace rayzan::cli
