#include "kb_import/dump_reader.h"

#include <bzlib.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstring>

namespace rayzan::internal {

// A stream of uncompressed bytes. Read() returns the count read, 0 at the
// end, -1 on error (with a message).
class DumpReader::Source {
 public:
  virtual ~Source() = default;
  virtual long Read(char* out, size_t capacity, std::string* error) = 0;
};

namespace {

constexpr size_t kChunk = 1 << 20;

// Every source starts with the bytes already read to recognize the format,
// so that a pipe (/dev/stdin), which cannot be rewound, works too.
class PlainSource : public DumpReader::Source {
 public:
  PlainSource(FILE* file, std::string prefix) : file_(file), prefix_(std::move(prefix)) {}
  ~PlainSource() override { fclose(file_); }
  long Read(char* out, size_t capacity, std::string* error) override {
    if (!prefix_.empty()) {
      size_t n = std::min(capacity, prefix_.size());
      std::memcpy(out, prefix_.data(), n);
      prefix_.erase(0, n);
      return static_cast<long>(n);
    }
    size_t n = fread(out, 1, capacity, file_);
    if (n == 0 && ferror(file_)) {
      *error = "read error";
      return -1;
    }
    return static_cast<long>(n);
  }

 private:
  FILE* file_;
  std::string prefix_;
};

// zlib's inflate with gzip headers; a new member after Z_STREAM_END (pigz,
// bgzip, a resumed download) is read on.
class GzipSource : public DumpReader::Source {
 public:
  GzipSource(FILE* file, std::string prefix) : file_(file), input_(std::move(prefix)) {
    std::memset(&stream_, 0, sizeof stream_);
    inflateInit2(&stream_, 15 + 16);
    stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
    stream_.avail_in = static_cast<uInt>(input_.size());
  }
  ~GzipSource() override {
    inflateEnd(&stream_);
    fclose(file_);
  }
  long Read(char* out, size_t capacity, std::string* error) override {
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(capacity);
    while (stream_.avail_out == capacity) {
      if (stream_.avail_in == 0 && !input_done_) {
        input_.resize(kChunk);
        size_t n = fread(input_.data(), 1, input_.size(), file_);
        if (n == 0) {
          if (ferror(file_)) {
            *error = "read error";
            return -1;
          }
          input_done_ = true;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
        stream_.avail_in = static_cast<uInt>(n);
      }
      if (stream_.avail_in == 0 && input_done_) {
        if (!at_member_end_) {
          *error = "gzip: truncated file";
          return -1;
        }
        break;
      }
      if (at_member_end_) {
        inflateReset(&stream_);
        at_member_end_ = false;
      }
      int code = inflate(&stream_, Z_NO_FLUSH);
      if (code == Z_STREAM_END) {
        at_member_end_ = true;
      } else if (code != Z_OK && !(code == Z_BUF_ERROR && stream_.avail_in == 0)) {
        *error = std::string("gzip: corrupt data (") + (stream_.msg ? stream_.msg : "error") + ")";
        return -1;
      }
    }
    return static_cast<long>(capacity - stream_.avail_out);
  }

 private:
  FILE* file_;
  std::string input_;
  z_stream stream_;
  bool input_done_ = false;
  bool at_member_end_ = false;
};

// The low-level bzip2 interface, so that a new stream after BZ_STREAM_END
// (lbzip2 and pbzip2 write one stream per block group) is read on.
class Bzip2Source : public DumpReader::Source {
 public:
  Bzip2Source(FILE* file, std::string prefix) : file_(file), input_(std::move(prefix)) {
    Init();
    stream_.next_in = input_.data();
    stream_.avail_in = static_cast<unsigned>(input_.size());
  }
  ~Bzip2Source() override {
    BZ2_bzDecompressEnd(&stream_);
    fclose(file_);
  }
  long Read(char* out, size_t capacity, std::string* error) override {
    stream_.next_out = out;
    stream_.avail_out = static_cast<unsigned>(capacity);
    while (stream_.avail_out == capacity) {
      if (stream_.avail_in == 0 && !input_done_) {
        input_.resize(kChunk);
        size_t n = fread(input_.data(), 1, input_.size(), file_);
        if (n == 0) {
          if (ferror(file_)) {
            *error = "read error";
            return -1;
          }
          input_done_ = true;
        }
        stream_.next_in = input_.data();
        stream_.avail_in = static_cast<unsigned>(n);
      }
      if (stream_.avail_in == 0 && input_done_) {
        if (!at_stream_end_) {
          *error = "bzip2: truncated file";
          return -1;
        }
        break;
      }
      if (at_stream_end_) {
        // Another stream follows.
        BZ2_bzDecompressEnd(&stream_);
        char* next_in = stream_.next_in;
        unsigned avail_in = stream_.avail_in;
        Init();
        stream_.next_in = next_in;
        stream_.avail_in = avail_in;
        stream_.next_out = out;
        stream_.avail_out = static_cast<unsigned>(capacity);
      }
      int code = BZ2_bzDecompress(&stream_);
      if (code == BZ_STREAM_END) {
        at_stream_end_ = true;
      } else if (code != BZ_OK) {
        *error = "bzip2: corrupt data (code " + std::to_string(code) + ")";
        return -1;
      } else {
        at_stream_end_ = false;
      }
    }
    return static_cast<long>(capacity - stream_.avail_out);
  }

 private:
  void Init() {
    std::memset(&stream_, 0, sizeof stream_);
    BZ2_bzDecompressInit(&stream_, 0, 0);
    at_stream_end_ = false;
  }

  FILE* file_;
  std::string input_;
  bz_stream stream_;
  bool input_done_ = false;
  bool at_stream_end_ = false;
};

}  // namespace

constexpr size_t kQueued = 4;

DumpReader::DumpReader(std::unique_ptr<Source> source, std::string path)
    : source_(std::move(source)), path_(std::move(path)) {
  thread_ = std::thread([this] { Decompress(); });
}

DumpReader::~DumpReader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void DumpReader::Decompress() {
  while (true) {
    std::string chunk(4 * kChunk, '\0');
    std::string error;
    long n = source_->Read(chunk.data(), chunk.size(), &error);
    std::unique_lock<std::mutex> lock(mutex_);
    if (n <= 0) {
      if (n < 0) thread_error_ = path_ + ": " + error;
      finished_ = true;
      changed_.notify_all();
      return;
    }
    chunk.resize(static_cast<size_t>(n));
    changed_.wait(lock, [this] { return stop_ || chunks_.size() < kQueued; });
    if (stop_) return;
    chunks_.push_back(std::move(chunk));
    changed_.notify_all();
  }
}

bool DumpReader::NextChunk() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return !chunks_.empty() || finished_; });
  if (chunks_.empty()) {
    error_ = thread_error_;
    return false;
  }
  chunk_ = std::move(chunks_.front());
  chunks_.pop_front();
  position_ = 0;
  changed_.notify_all();
  return true;
}

Result<std::unique_ptr<DumpReader>> DumpReader::Open(const std::string& path) {
  FILE* file = fopen(path.c_str(), "rb");
  if (file == nullptr) return Status::Error(path + ": cannot open: " + std::strerror(errno));
  char magic[3] = {0, 0, 0};
  size_t n = fread(magic, 1, 3, file);
  std::string prefix(magic, n);
  std::unique_ptr<Source> source;
  if (n >= 2 && static_cast<unsigned char>(magic[0]) == 0x1f && static_cast<unsigned char>(magic[1]) == 0x8b) {
    source = std::make_unique<GzipSource>(file, std::move(prefix));
  } else if (n == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
    source = std::make_unique<Bzip2Source>(file, std::move(prefix));
  } else {
    source = std::make_unique<PlainSource>(file, std::move(prefix));
  }
  return std::unique_ptr<DumpReader>(new DumpReader(std::move(source), path));
}

bool DumpReader::ReadLine(std::string_view* line) {
  if (at_end_) return false;
  // The carried line was handed out last time.
  bool carrying = false;
  carry_.clear();
  while (true) {
    const char* begin = chunk_.data() + position_;
    size_t available = chunk_.size() - position_;
    const char* newline = static_cast<const char*>(std::memchr(begin, '\n', available));
    if (newline != nullptr) {
      size_t length = static_cast<size_t>(newline - begin);
      position_ += length + 1;
      bytes_ += length + 1;
      if (carrying) {
        carry_.append(begin, length);
        *line = carry_;
      } else {
        *line = std::string_view(begin, length);
      }
      if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
      return true;
    }
    // Some entities (a country with its 300 labels and sitelinks) run to
    // megabytes on one line, across chunks.
    carry_.append(begin, available);
    bytes_ += available;
    carrying = carrying || available > 0;
    position_ = chunk_.size();
    if (!NextChunk()) {
      at_end_ = true;
      if (carry_.empty()) return false;
      *line = carry_;  // a last line without '\n'
      if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
      return true;
    }
  }
}

}  // namespace rayzan::internal
