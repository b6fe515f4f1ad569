// Reading a Wikidata dump line by line, whatever its compression.
// Internal to the kb_import stage (the benchmark also uses it to measure the
// cost of decompression alone).
#pragma once

#include <cstdint>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <string_view>

#include "rayzan/status.h"

namespace rayzan::internal {

// Reads lines from a plain, gzip or bzip2 file; the format is recognized by
// its first bytes, not its name. Concatenated gzip members and bzip2 streams
// (as parallel compressors write them) are read through to the end.
// Decompression runs on a thread of its own, a few megabytes ahead of the
// reader, so that it overlaps with whatever the caller does with the lines.
// One caller at a time.
class DumpReader {
 public:
  ~DumpReader();
  DumpReader(const DumpReader&) = delete;
  DumpReader& operator=(const DumpReader&) = delete;

  // Fails when the file cannot be opened.
  static Result<std::unique_ptr<DumpReader>> Open(const std::string& path);

  // The next line without its '\n' (and '\r'); valid until the next call.
  // Returns false at the end of the file or on a read error (then error()
  // is set).
  bool ReadLine(std::string_view* line);
  // Set when the file turned out to be corrupt or truncated.
  const std::string& error() const { return error_; }
  // Uncompressed bytes handed out so far.
  uint64_t bytes() const { return bytes_; }

 // Where the uncompressed bytes come from; defined in the .cc.
  class Source;

 private:
  explicit DumpReader(std::unique_ptr<Source> source, std::string path);
  void Decompress();     // the decompression thread
  bool NextChunk();      // false at the end

  std::unique_ptr<Source> source_;
  std::string path_;

  // Between the threads: chunks of uncompressed bytes, at most kQueued.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> chunks_;
  bool finished_ = false;  // no more chunks will come
  bool stop_ = false;      // the reader is being destroyed
  std::string thread_error_;
  std::thread thread_;

  // The reader's side.
  std::string chunk_;
  size_t position_ = 0;  // first unread byte in chunk_
  std::string carry_;    // a line split across chunks
  bool at_end_ = false;
  uint64_t bytes_ = 0;
  std::string error_;
};

}  // namespace rayzan::internal
