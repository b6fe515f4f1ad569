#include "rayzan/warc.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>

namespace rayzan {
namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kMaxLine = 64 * 1024;
constexpr size_t kMaxHttpHeader = 256 * 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Splits "text/html; charset=UTF-8" into "text/html" and "utf-8".
void ParseContentType(std::string_view value, std::string* type, std::string* charset) {
  std::string lower = Lower(value);
  size_t semi = lower.find(';');
  *type = std::string(Trim(std::string_view(lower).substr(0, semi)));
  charset->clear();
  size_t cs = lower.find("charset=");
  if (cs != std::string::npos) {
    std::string_view v = std::string_view(lower).substr(cs + 8);
    v = v.substr(0, v.find(';'));
    v = Trim(v);
    if (!v.empty() && (v.front() == '"' || v.front() == '\'')) v.remove_prefix(1);
    if (!v.empty() && (v.back() == '"' || v.back() == '\'')) v.remove_suffix(1);
    *charset = std::string(v);
  }
}

// Inflates gzip or zlib/raw deflate data, keeping at most max_out bytes.
// Returns false when the data is corrupt; *out then holds what decoded.
bool Inflate(std::string_view in, bool gzip, size_t max_out, std::string* out, bool* cut) {
  out->clear();
  *cut = false;
  z_stream zs{};
  // 15+32: gzip or zlib, detected from the header.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return false;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
  char buf[kChunk];
  bool ok = false;
  bool raw_tried = false;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t produced = sizeof buf - zs.avail_out;
    if (out->size() + produced > max_out) {
      out->append(buf, max_out - out->size());
      *cut = true;
      break;
    }
    out->append(buf, produced);
    if (rc == Z_STREAM_END) {
      ok = true;
      break;
    }
    if (rc == Z_DATA_ERROR && !gzip && !raw_tried && out->empty()) {
      // "deflate" servers often send raw deflate without the zlib header.
      raw_tried = true;
      inflateEnd(&zs);
      zs = z_stream{};
      if (inflateInit2(&zs, -15) != Z_OK) return false;
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
      zs.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
      continue;
    }
    if (rc != Z_OK) break;                          // corrupt
    if (zs.avail_in == 0 && produced == 0) break;   // truncated stream
  }
  inflateEnd(&zs);
  return ok || *cut;
}

// Decodes an HTTP/1.1 chunked body. Returns false when the framing is broken;
// *out then holds the chunks decoded so far.
bool Dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t pos = 0;
  while (pos < in.size()) {
    size_t eol = in.find('\n', pos);
    if (eol == std::string_view::npos) return false;
    std::string_view size_line = Trim(in.substr(pos, eol - pos));
    size_line = size_line.substr(0, size_line.find(';'));
    if (size_line.empty()) return false;
    size_t size = 0;
    for (char c : size_line) {
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0 || size > (SIZE_MAX >> 5)) return false;
      size = size * 16 + d;
    }
    pos = eol + 1;
    if (size == 0) return true;
    if (size > in.size() - pos) {
      out->append(in.substr(pos));
      return false;
    }
    out->append(in.substr(pos, size));
    pos += size;
    if (pos < in.size() && in[pos] == '\r') ++pos;
    if (pos < in.size() && in[pos] == '\n') ++pos;
  }
  return false;  // no terminating zero-size chunk
}

}  // namespace

bool WarcRecord::IsHtml() const {
  if (content_type.find("html") != std::string::npos) return true;
  if (!content_type.empty() && content_type != "application/octet-stream" && content_type != "unknown/unknown")
    return false;
  std::string_view b(body);
  while (!b.empty() && (b.front() == ' ' || b.front() == '\n' || b.front() == '\r' || b.front() == '\t'))
    b.remove_prefix(1);
  std::string head = Lower(b.substr(0, 15));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

class WarcReader::Impl {
 public:
  Impl(FILE* file, std::string_view memory, std::string name, WarningSink warn, WarcReaderOptions options)
      : file_(file), memory_(memory), name_(std::move(name)), warn_(std::move(warn)), options_(options) {}

  ~Impl() {
    if (zs_open_) inflateEnd(&zs_);
    if (file_) fclose(file_);
  }

  bool Next(WarcRecord* record) {
    while (true) {
      uint64_t line_start;
      std::string line;
      // Records are separated by CRLF CRLF; skip blank lines.
      do {
        if (!ReadLine(&line, &line_start)) return false;
      } while (Trim(line).empty());
      if (line.rfind("WARC/", 0) != 0) {
        Warn(line_start, "no WARC header here; skipping to the next record");
        if (!Resync(&line, &line_start)) return false;
      }
      *record = WarcRecord();
      record->offset = OffsetOf(line_start);
      int64_t content_length = -1;
      std::string warc_content_type;
      std::string last_name;
      size_t header_lines = 0;
      bool header_ok = true;
      while (true) {
        uint64_t pos;
        if (!ReadLine(&line, &pos)) {
          Warn(record->offset, "archive ends inside a WARC header");
          return false;
        }
        if (Trim(line).empty()) break;
        if (++header_lines > 1000) {
          header_ok = false;
          break;
        }
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = Lower(Trim(std::string_view(line).substr(0, colon)));
        std::string value(Trim(std::string_view(line).substr(colon + 1)));
        if (name == "warc-type") record->type = value;
        else if (name == "warc-target-uri") record->target_uri = value;
        else if (name == "warc-date") record->date = value;
        else if (name == "warc-record-id") record->record_id = value;
        else if (name == "content-type") warc_content_type = value;
        else if (name == "content-length") {
          char* end = nullptr;
          long long v = strtoll(value.c_str(), &end, 10);
          content_length = (end != value.c_str() && v >= 0) ? v : -1;
        }
      }
      if (!header_ok || content_length < 0) {
        Warn(record->offset, header_ok ? "WARC header without a valid Content-Length; record skipped"
                                       : "WARC header too long; record skipped");
        continue;
      }
      // wget <= 1.14 writes "<http://example.com/>".
      if (record->target_uri.size() >= 2 && record->target_uri.front() == '<' && record->target_uri.back() == '>')
        record->target_uri = record->target_uri.substr(1, record->target_uri.size() - 2);

      std::string block;
      size_t keep = options_.max_body_bytes + kMaxHttpHeader;
      uint64_t block_start = buf_base_ + pos_;
      uint64_t got = ReadBlock(static_cast<uint64_t>(content_length), &block, keep);
      if (uint64_t real = EndAtNextRecord(block_start, got); real < got) {
        // A Content-Length that runs into the next gzip member, which starts
        // with a WARC header: the length lied. Stop there and re-read the
        // next record instead of swallowing it.
        record->truncated = true;
        Warn(record->offset, "Content-Length " + std::to_string(content_length) +
                                 " runs into the next record; block cut to " + std::to_string(real) + " bytes");
        if (block.size() > real) block.resize(static_cast<size_t>(real));
      } else if (got < static_cast<uint64_t>(content_length)) {
        record->truncated = true;
        Warn(record->offset, "record truncated: " + std::to_string(got) + " of " + std::to_string(content_length) +
                                 " bytes");
      } else if (block.size() < got) {
        record->truncated = true;
        Warn(record->offset, "record of " + std::to_string(got) + " bytes cut to " + std::to_string(block.size()));
      }

      std::string type = Lower(warc_content_type);
      bool http = type.rfind("application/http", 0) == 0 &&
                  (record->type == "response" || record->type == "revisit") && type.find("request") == std::string::npos;
      if (http) {
        DecodeHttp(std::move(block), record);
      } else {
        ParseContentType(warc_content_type, &record->content_type, &record->charset);
        record->body = std::move(block);
        if (record->body.size() > options_.max_body_bytes) {
          record->body.resize(options_.max_body_bytes);
          record->truncated = true;
        }
      }
      return true;
    }
  }

 private:
  void Warn(uint64_t offset, const std::string& message) {
    if (warn_) warn_(name_ + ": offset " + std::to_string(offset) + ": " + message);
  }

  // Scans forward to a line starting "WARC/1." or "WARC/0.".
  bool Resync(std::string* line, uint64_t* line_start) {
    while (ReadLine(line, line_start)) {
      if (line->rfind("WARC/1.", 0) == 0 || line->rfind("WARC/0.", 0) == 0) return true;
    }
    return false;
  }

  void DecodeHttp(std::string block, WarcRecord* record) {
    size_t header_end = block.find("\r\n\r\n");
    size_t sep = 4;
    if (header_end == std::string::npos) {
      header_end = block.find("\n\n");
      sep = 2;
    }
    std::string_view headers(block.data(), header_end == std::string::npos ? block.size() : header_end);
    std::string_view body;
    if (header_end != std::string::npos) body = std::string_view(block).substr(header_end + sep);
    // Status line: "HTTP/1.1 200 OK", or "HTTP/1.1 200" (pywb missing-status-text.warc).
    size_t eol = headers.find('\n');
    std::string_view status_line = Trim(headers.substr(0, eol));
    if (status_line.rfind("HTTP/", 0) == 0) {
      size_t sp = status_line.find(' ');
      if (sp != std::string_view::npos) record->http_status = atoi(std::string(status_line.substr(sp + 1, 3)).c_str());
    } else {
      Warn(record->offset, "response without an HTTP status line");
    }
    std::string transfer_encoding, content_encoding, content_type;
    size_t pos = eol == std::string_view::npos ? headers.size() : eol + 1;
    while (pos < headers.size()) {
      size_t e = headers.find('\n', pos);
      std::string_view h = headers.substr(pos, e == std::string_view::npos ? std::string_view::npos : e - pos);
      pos = e == std::string_view::npos ? headers.size() : e + 1;
      size_t colon = h.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name = Lower(Trim(h.substr(0, colon)));
      std::string_view value = Trim(h.substr(colon + 1));
      if (name == "transfer-encoding") transfer_encoding = Lower(value);
      else if (name == "content-encoding") content_encoding = Lower(value);
      else if (name == "content-type" && content_type.empty()) content_type = std::string(value);
    }
    ParseContentType(content_type, &record->content_type, &record->charset);

    std::string decoded;
    if (transfer_encoding.find("chunked") != std::string::npos) {
      if (!Dechunk(body, &decoded)) {
        // Some crawlers store the de-chunked body but keep the header.
        if (decoded.empty()) decoded.assign(body);
        else Warn(record->offset, "broken chunked encoding; body kept up to the damage");
      }
    } else {
      decoded.assign(body);
    }
    if (content_encoding == "gzip" || content_encoding == "x-gzip" || content_encoding == "deflate") {
      std::string inflated;
      bool cut = false;
      if (Inflate(decoded, content_encoding != "deflate", options_.max_body_bytes, &inflated, &cut)) {
        decoded = std::move(inflated);
        if (cut) record->truncated = true;
      } else if (!inflated.empty()) {
        Warn(record->offset, "corrupt " + content_encoding + " body; kept what decoded");
        decoded = std::move(inflated);
        record->truncated = true;
      } else {
        // Crawlers such as wget store the body already decoded; keep it as is.
        bool gzip_magic = decoded.size() >= 2 && decoded[0] == '\x1f' && decoded[1] == '\x8b';
        if (gzip_magic) {
          Warn(record->offset, "corrupt " + content_encoding + " body");
          record->truncated = true;
        }
      }
    } else if (!content_encoding.empty() && content_encoding != "identity") {
      Warn(record->offset, "unsupported Content-Encoding " + content_encoding + "; body left encoded");
      record->truncated = true;
    }
    if (decoded.size() > options_.max_body_bytes) {
      decoded.resize(options_.max_body_bytes);
      record->truncated = true;
    }
    record->body = std::move(decoded);
  }

  // ---- byte layer: raw file -> (gunzip) -> buf_

  size_t ReadRaw(char* out, size_t n) {
    if (file_) return fread(out, 1, n, file_);
    size_t take = std::min(n, memory_.size() - memory_pos_);
    memcpy(out, memory_.data() + memory_pos_, take);
    memory_pos_ += take;
    return take;
  }

  // Makes sure raw_ has unread bytes; false at end of file.
  bool FillRaw() {
    if (raw_pos_ < raw_.size()) return true;
    raw_base_ += raw_.size();
    raw_.resize(kChunk);
    size_t n = ReadRaw(raw_.data(), kChunk);
    raw_.resize(n);
    raw_pos_ = 0;
    return n > 0;
  }

  // Appends more decompressed bytes to buf_; false at end of input.
  bool Fill() {
    if (pos_ > (1u << 20) && pos_ * 2 > buf_.size()) {
      buf_.erase(0, pos_);
      buf_base_ += pos_;
      pos_ = 0;
    }
    if (!detected_) {
      if (!FillRaw()) return false;
      detected_ = true;
      gzip_ = raw_.size() >= 2 && static_cast<unsigned char>(raw_[0]) == 0x1f &&
              static_cast<unsigned char>(raw_[1]) == 0x8b;
    }
    if (!gzip_) {
      if (!FillRaw()) return false;
      buf_.append(raw_, raw_pos_, std::string::npos);
      raw_pos_ = raw_.size();
      return true;
    }
    while (true) {
      if (!in_member_) {
        // Find the next member; zero padding and junk between members are skipped.
        while (true) {
          if (!FillRaw()) return false;
          if (static_cast<unsigned char>(raw_[raw_pos_]) == 0x1f) {
            // Need the second magic byte, which may be in the next chunk.
            if (raw_pos_ + 1 < raw_.size()) {
              if (static_cast<unsigned char>(raw_[raw_pos_ + 1]) == 0x8b) break;
            } else {
              std::string keep = raw_.substr(raw_pos_);
              raw_base_ += raw_pos_;
              raw_.resize(kChunk);
              size_t n = ReadRaw(raw_.data() + 1, kChunk - 1);
              raw_[0] = keep[0];
              raw_.resize(n + 1);
              raw_pos_ = 0;
              if (n == 0) return false;
              continue;
            }
          }
          if (raw_[raw_pos_] != 0 && !junk_reported_) {
            Warn(raw_base_ + raw_pos_, "bytes that are not gzip between gzip members skipped");
            junk_reported_ = true;
          }
          ++raw_pos_;
        }
        member_raw_offset_ = raw_base_ + raw_pos_;
        if (!zs_open_) {
          zs_ = z_stream{};
          if (inflateInit2(&zs_, 15 + 16) != Z_OK) return false;
          zs_open_ = true;
        } else {
          inflateReset(&zs_);
        }
        in_member_ = true;
        members_.emplace_back(buf_base_ + buf_.size(), member_raw_offset_);
        if (members_.size() > 4096) members_.pop_front();
      }
      if (!FillRaw()) {
        Warn(member_raw_offset_, "truncated gzip member (archive ends inside it)");
        in_member_ = false;
        return false;
      }
      char out[kChunk];
      zs_.next_in = reinterpret_cast<Bytef*>(raw_.data() + raw_pos_);
      zs_.avail_in = static_cast<uInt>(raw_.size() - raw_pos_);
      zs_.next_out = reinterpret_cast<Bytef*>(out);
      zs_.avail_out = sizeof out;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      raw_pos_ = raw_.size() - zs_.avail_in;
      size_t produced = sizeof out - zs_.avail_out;
      buf_.append(out, produced);
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        junk_reported_ = false;
        if (produced > 0) return true;
        continue;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        Warn(member_raw_offset_, "corrupt gzip member; skipping to the next one");
        in_member_ = false;
        // Resume the magic search just after this member's start.
        if (member_raw_offset_ + 1 >= raw_base_ && member_raw_offset_ + 1 - raw_base_ <= raw_.size())
          raw_pos_ = static_cast<size_t>(member_raw_offset_ + 1 - raw_base_);
        if (produced > 0) return true;
        continue;
      }
      if (produced > 0) return true;
    }
  }

  // For gzip archives: the length of the block [block_start, block_start +
  // got) up to the first later gzip member that begins with "WARC/", with the
  // read position moved back there; got when there is none (or it is no
  // longer buffered).
  uint64_t EndAtNextRecord(uint64_t block_start, uint64_t got) {
    if (!gzip_ || got == 0) return got;
    for (const auto& [decompressed, raw] : members_) {
      if (decompressed <= block_start || decompressed >= block_start + got || decompressed < buf_base_) continue;
      size_t rel = static_cast<size_t>(decompressed - buf_base_);
      if (buf_.compare(rel, 7, "WARC/1.") == 0 || buf_.compare(rel, 7, "WARC/0.") == 0) {
        pos_ = rel;
        return decompressed - block_start;
      }
    }
    return got;
  }

  uint64_t OffsetOf(uint64_t decompressed) const {
    if (!gzip_) return decompressed;
    for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
      if (it->first <= decompressed) return it->second;
    }
    return members_.empty() ? 0 : members_.front().second;
  }

  bool ReadLine(std::string* line, uint64_t* start) {
    line->clear();
    *start = buf_base_ + pos_;
    while (true) {
      const char* begin = buf_.data() + pos_;
      const void* nl = pos_ < buf_.size() ? memchr(begin, '\n', buf_.size() - pos_) : nullptr;
      if (nl != nullptr) {
        size_t len = static_cast<const char*>(nl) - begin;
        if (line->size() < kMaxLine) line->append(begin, std::min(len, kMaxLine - line->size()));
        pos_ += len + 1;
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
      if (line->size() < kMaxLine) line->append(begin, std::min(buf_.size() - pos_, kMaxLine - line->size()));
      pos_ = buf_.size();
      if (!Fill()) return !line->empty();
    }
  }

  // Reads n bytes, keeping the first `keep` of them in *out. Returns the
  // number of bytes consumed (less than n at end of input).
  uint64_t ReadBlock(uint64_t n, std::string* out, size_t keep) {
    out->clear();
    uint64_t done = 0;
    while (done < n) {
      if (pos_ >= buf_.size() && !Fill()) break;
      size_t avail = buf_.size() - pos_;
      size_t take = static_cast<size_t>(std::min<uint64_t>(avail, n - done));
      if (out->size() < keep) out->append(buf_, pos_, std::min(take, keep - out->size()));
      pos_ += take;
      done += take;
    }
    return done;
  }

  FILE* file_ = nullptr;
  std::string_view memory_;
  size_t memory_pos_ = 0;
  std::string name_;
  WarningSink warn_;
  WarcReaderOptions options_;

  std::string raw_;
  size_t raw_pos_ = 0;
  uint64_t raw_base_ = 0;

  bool detected_ = false, gzip_ = false, in_member_ = false, zs_open_ = false, junk_reported_ = false;
  z_stream zs_{};
  uint64_t member_raw_offset_ = 0;
  std::deque<std::pair<uint64_t, uint64_t>> members_;  // (decompressed offset, raw member offset)

  std::string buf_;
  size_t pos_ = 0;
  uint64_t buf_base_ = 0;
};

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcReader::~WarcReader() = default;

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path, WarningSink warnings,
                                                     WarcReaderOptions options) {
  FILE* f = fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::Error(path + ": cannot open: " + strerror(errno));
  return std::unique_ptr<WarcReader>(
      new WarcReader(std::make_unique<Impl>(f, std::string_view(), path, std::move(warnings), options)));
}

std::unique_ptr<WarcReader> WarcReader::FromBuffer(std::string_view data, std::string name, WarningSink warnings,
                                                   WarcReaderOptions options) {
  return std::unique_ptr<WarcReader>(
      new WarcReader(std::make_unique<Impl>(nullptr, data, std::move(name), std::move(warnings), options)));
}

bool WarcReader::Next(WarcRecord* record) { return impl_->Next(record); }

}  // namespace rayzan
