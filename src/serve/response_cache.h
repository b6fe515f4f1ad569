// Answers kept for as long as the database they came from is unchanged.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "rayzan/serve.h"

namespace rayzan::serve_internal {

// The state of a SQLite file in WAL mode as the file system tells it:
// inode, size and modification time of the file and of its -wal. A commit
// changes the -wal; a checkpoint changes the file.
struct FileVersion {
  long long values[6] = {};
  bool operator==(const FileVersion&) const = default;
  static FileVersion Of(const std::string& database_path);
};

class ResponseCache {
 public:
  // Holds at most `capacity` bytes of bodies; when full it starts over.
  ResponseCache(std::string database_path, size_t capacity);

  // The answer kept for `key` while the database is unchanged; null if none.
  // Sets *version to the database version it saw. Thread-safe.
  std::shared_ptr<const HttpResponse> Find(const std::string& key, FileVersion* version);
  // Keeps `response`, computed after Find() saw `version`, under `key`;
  // dropped when the database changed since. Thread-safe.
  void Insert(const std::string& key, const FileVersion& version, HttpResponse response);

 private:
  const std::string database_path_;
  const size_t capacity_;
  std::mutex mutex_;
  FileVersion version_;
  size_t bytes_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const HttpResponse>> entries_;
};

}  // namespace rayzan::serve_internal
