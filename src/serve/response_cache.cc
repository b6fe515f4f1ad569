#include "serve/response_cache.h"

#include <sys/stat.h>

namespace rayzan::serve_internal {

FileVersion FileVersion::Of(const std::string& database_path) {
  FileVersion version;
  int slot = 0;
  for (const std::string& path : {database_path, database_path + "-wal"}) {
    struct stat info;
    if (stat(path.c_str(), &info) == 0) {
      version.values[slot] = static_cast<long long>(info.st_ino);
      version.values[slot + 1] = static_cast<long long>(info.st_size);
      version.values[slot + 2] = static_cast<long long>(info.st_mtim.tv_sec) * 1000000000ll + info.st_mtim.tv_nsec;
    }
    slot += 3;
  }
  return version;
}

ResponseCache::ResponseCache(std::string database_path, size_t capacity)
    : database_path_(std::move(database_path)), capacity_(capacity), version_(FileVersion::Of(database_path_)) {}

std::shared_ptr<const HttpResponse> ResponseCache::Find(const std::string& key, FileVersion* version) {
  FileVersion now = FileVersion::Of(database_path_);
  *version = now;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!(now == version_)) {
    entries_.clear();
    bytes_ = 0;
    version_ = now;
    return nullptr;
  }
  auto found = entries_.find(key);
  return found == entries_.end() ? nullptr : found->second;
}

void ResponseCache::Insert(const std::string& key, const FileVersion& version, HttpResponse response) {
  size_t size = response.body.size() + key.size();
  if (size > capacity_ / 16) return;  // one answer may not crowd out the rest
  std::lock_guard<std::mutex> lock(mutex_);
  // The database changed while the answer was computed: it may be stale.
  if (!(version == version_)) return;
  if (bytes_ + size > capacity_) {
    entries_.clear();
    bytes_ = 0;
  }
  auto [entry, added] = entries_.try_emplace(key, std::make_shared<const HttpResponse>(std::move(response)));
  if (added) bytes_ += size;
}

}  // namespace rayzan::serve_internal
