// Serve: the HTTP API and the web UI over an event database.
//
// Three pieces, each usable alone:
//   ApiRouter    maps GET /api/v1/... with a raw query string to EventStore
//                queries and answers JSON (docs/api.md), keeping answers in
//                memory until the database file changes. No sockets, so tests
//                and fuzzers call it directly.
//   AssetBundle  the built web UI (web/bundle/), read into memory once, so a
//                request can only ever name a file of the bundle.
//   HttpServer   the socket side (cpp-httplib): a fixed pool of worker
//                threads, one access-log line per request, Stop() from any
//                thread for a graceful shutdown.
// The server never writes to the database; it answers while another process
// ingests into the same file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rayzan/status.h"

namespace rayzan {

class EventStore;
class KnowledgeBase;

// One answer, as the router or the bundle produces it.
struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Further headers (Content-Disposition, Cache-Control, ETag, Allow).
  std::vector<std::pair<std::string, std::string>> headers;
};

// What one API request may cost. A request beyond a limit is a 400 that names
// the limit; none is silently clamped.
struct ApiLimits {
  int64_t default_page_size = 50;
  int64_t max_page_size = 500;
  // page * per_page may not reach beyond this row: deep pages cost a scan in
  // SQLite, and narrowing the filter is the better answer anyway.
  int64_t max_row = 10000;
  // Events an export (CSV, JSON Lines, PLOVER) or a network view reads at most.
  int64_t max_export_events = 10000;
  size_t max_query_bytes = 4096;    // the raw query string
  size_t max_search_bytes = 256;    // the full-text expression
  int max_search_terms = 16;
  int max_actor_filters = 4;
};

struct ApiOptions {
  ApiLimits limits;
  // Successful answers are kept, up to this many bytes in all, and served
  // again while the database file (and its write-ahead log) is unchanged: an
  // ingest that commits invalidates them all. 0 = no cache.
  size_t cache_bytes = 64u << 20;
};

class ApiRouter {
 public:
  // `store` must outlive the router. `knowledge_base` (may be null) gives an
  // actor's offices over time on /actors/{id}.
  ApiRouter(const EventStore& store, std::shared_ptr<const KnowledgeBase> knowledge_base,
            ApiOptions options = {});
  ~ApiRouter();

  // Answers `method` on `path` (the URL path, percent-encoded or not) with the
  // raw, still percent-encoded `query` (no leading '?'). Every outcome is a
  // response: 200 with JSON (or an export), 4xx with
  // {"error":{"status":N,"message":"..."}} naming the bad parameter, 500 only
  // when the database itself fails. Never throws. Thread-safe.
  HttpResponse Handle(std::string_view method, std::string_view path, std::string_view query) const;

  // True for the paths Handle answers (everything under /api/).
  static bool IsApiPath(std::string_view path);

  struct Impl;  // defined in api_router.cc

 private:
  std::unique_ptr<const Impl> impl_;
};

// The built web UI: index.html and its hashed assets.
class AssetBundle {
 public:
  // Reads every file under `directory` (at most 64 MiB in all). Fails naming
  // the directory when it is missing or has no index.html.
  static Result<std::shared_ptr<const AssetBundle>> Load(const std::string& directory);

  // The bundle of the source tree the binary was built from (web/bundle), or
  // $RAYZAN_WEB when set.
  static std::string DefaultDirectory();

  // The file at `path` ("/assets/index-3f2a.js"); index.html for "/" and for
  // any other path without a file extension (the UI's own routes such as
  // /events/12); 404 otherwise. 304 when `if_none_match` is the file's ETag.
  // Hashed assets are cacheable for a year, index.html must revalidate.
  HttpResponse Get(std::string_view path, std::string_view if_none_match) const;

  size_t file_count() const { return files_.size(); }

  struct File {
    std::string path;  // "/assets/index-3f2a.js"
    std::string content_type;
    std::string etag;
    std::string body;
  };

 private:
  std::vector<File> files_;  // sorted by path
};

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 = any free port (see HttpServer::port)
  // Worker threads. A keep-alive connection holds one while it is open, so
  // this bounds the connections served at once.
  int threads = 64;
  // One line per request: time, client, method, target, status, bytes,
  // milliseconds. Null = no access log.
  std::FILE* access_log = stderr;
};

class HttpServer {
 public:
  // `router` and `bundle` must outlive the server; `bundle` may be null (API only).
  HttpServer(const ApiRouter& router, std::shared_ptr<const AssetBundle> bundle, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket. Fails naming the address ("127.0.0.1:8080:
  // cannot bind (in use?)").
  Status Bind();
  // The port bound (the chosen one when options.port was 0). After Bind().
  int port() const { return port_; }
  // Serves until Stop(); requests in flight are answered before it returns.
  // Precondition: Bind() succeeded.
  void Run();
  // Makes Run() return. Thread-safe; not async-signal-safe (call it from a
  // thread that waited for the signal, not from a signal handler).
  void Stop();

  struct Impl;  // defined in http_server.cc

 private:
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace rayzan
