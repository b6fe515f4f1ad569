// Warc: streaming reader for web archives (WARC/1.0 and 1.1, .warc or .warc.gz).
//
// WarcReader reads one record at a time with bounded memory: the archive is
// never loaded whole, and a record body is kept up to max_body_bytes. For
// response records with an HTTP envelope the HTTP headers are parsed and the
// body is de-chunked and decompressed (gzip, deflate), so a caller gets the
// page bytes exactly as a browser would before charset decoding.
//
// Damage does not stop the reader: a truncated gzip member, a broken WARC
// header, a Content-Length that lies or a corrupt HTTP body each produce one
// warning line "<file>: offset <n>: <what>" through the warning sink, and
// reading continues with the next record it can find. Gzip archives with one
// member per record, one member for the whole file, or members that do not
// line up with records (warcio's example-wrong-chunks) are all read.
//
// A WarcReader is not thread-safe; use one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "rayzan/status.h"

namespace rayzan {

struct WarcRecord {
  std::string type;        // WARC-Type: "response", "resource", "request", "revisit", "warcinfo", "metadata"
  std::string target_uri;  // WARC-Target-URI; wget's "<...>" brackets removed
  std::string date;        // WARC-Date as written ("2014-01-03T03:03:21Z")
  std::string record_id;   // WARC-Record-ID
  // Byte offset of the record in the file; for .gz, the offset of the gzip
  // member holding its first byte (what CDX indexes call the offset).
  uint64_t offset = 0;
  int http_status = 0;       // response/revisit records with an HTTP envelope; 0 otherwise
  std::string content_type;  // payload media type, lower-case, no parameters ("text/html")
  std::string charset;       // charset parameter of the payload Content-Type, lower-case, or ""
  // Response: the HTTP body, de-chunked and decompressed. Other types: the
  // record block as stored.
  std::string body;
  // The block was shorter than its Content-Length, the body was cut at
  // max_body_bytes, or its content encoding could not be decoded.
  bool truncated = false;

  // True for HTML payloads: an html content type, or none and a body that starts with markup.
  bool IsHtml() const;
};

struct WarcReaderOptions {
  size_t max_body_bytes = 32u << 20;
};

class WarcReader {
 public:
  // Receives one line per problem, already prefixed with the file name and offset.
  using WarningSink = std::function<void(const std::string&)>;

  // Opens a .warc or .warc.gz file (gzip is detected from the bytes, not
  // the name). Fails only when the file cannot be opened.
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path, WarningSink warnings,
                                                  WarcReaderOptions options = {});
  // Reads from memory (used by tests and the fuzzer); name appears in warnings.
  // data must outlive the reader.
  static std::unique_ptr<WarcReader> FromBuffer(std::string_view data, std::string name, WarningSink warnings,
                                                WarcReaderOptions options = {});

  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // Fills *record with the next record and returns true; returns false at
  // the end of the archive.
  bool Next(WarcRecord* record);

 private:
  class Impl;
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rayzan
