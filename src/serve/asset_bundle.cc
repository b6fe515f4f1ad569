// The built web UI, held in memory: a request can name only a file that was
// in the bundle at start-up, so no path ever reaches the file system.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rayzan/serve.h"

namespace rayzan {

namespace {

namespace fs = std::filesystem;

constexpr uint64_t kMaxBundleBytes = 64u << 20;

std::string ContentType(const std::string& path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (path.ends_with(extension)) return std::string(type);
  }
  return "application/octet-stream";
}

// A strong ETag from the content (FNV-1a, 64 bits): equal bytes, equal tag.
std::string ContentTag(std::string_view body) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : body) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char tag[24];
  std::snprintf(tag, sizeof tag, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return tag;
}

// The UI talks to its own origin only; fonts and scripts ship in the bundle.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

HttpResponse NotFound(std::string_view path) {
  HttpResponse response;
  response.status = 404;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "404 not found: " + std::string(path) + "\n";
  return response;
}

}  // namespace

Result<std::shared_ptr<const AssetBundle>> AssetBundle::Load(const std::string& directory) {
  std::error_code error;
  if (!fs::is_regular_file(fs::path(directory) / "index.html", error)) {
    return Status::Error(directory + ": not a built web UI (no index.html); build it with 'npm ci && npm run build' in web/");
  }
  auto bundle = std::make_shared<AssetBundle>();
  uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(directory, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (!it->is_regular_file(error)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) return Status::Error(it->path().string() + ": cannot read");
    File file;
    file.path = "/" + fs::relative(it->path(), directory).generic_string();
    file.body = std::move(content).str();
    total += file.body.size();
    if (total > kMaxBundleBytes) return Status::Error(directory + ": larger than 64 MiB; is this the built UI?");
    file.content_type = ContentType(file.path);
    file.etag = ContentTag(file.body);
    bundle->files_.push_back(std::move(file));
  }
  if (error) return Status::Error(directory + ": " + error.message());
  std::sort(bundle->files_.begin(), bundle->files_.end(),
            [](const File& a, const File& b) { return a.path < b.path; });
  return std::shared_ptr<const AssetBundle>(std::move(bundle));
}

std::string AssetBundle::DefaultDirectory() {
  if (const char* web = std::getenv("RAYZAN_WEB"); web != nullptr && *web != '\0') return web;
  // The bundle sits beside data/ in the source tree (web/bundle).
  return (fs::path(RAYZAN_DATA_DIR).parent_path() / "web" / "bundle").string();
}

HttpResponse AssetBundle::Get(std::string_view path, std::string_view if_none_match) const {
  std::string_view last_segment = path.substr(path.rfind('/') + 1);
  // The UI's own routes (/events/12, /network) all load index.html.
  std::string_view wanted = last_segment.find('.') == std::string_view::npos ? "/index.html" : path;
  auto found = std::lower_bound(files_.begin(), files_.end(), wanted,
                                [](const File& file, std::string_view key) { return file.path < key; });
  if (found == files_.end() || found->path != wanted) return NotFound(path);
  HttpResponse response;
  response.headers.emplace_back("ETag", found->etag);
  // Vite names every asset under /assets/ by its content hash.
  response.headers.emplace_back("Cache-Control", found->path.starts_with("/assets/")
                                                     ? "public, max-age=31536000, immutable"
                                                     : "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (found->path == "/index.html") response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  if (if_none_match == found->etag) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.content_type = found->content_type;
  response.body = found->body;
  return response;
}

}  // namespace rayzan
