// The socket side: the bundle's files and routes, the access log, and a
// graceful stop, against a real listening socket on loopback.
#define CPPHTTPLIB_OPENSSL_SUPPORT  // as Debian's libcpp-httplib was built
#define CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#include <httplib.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "rayzan/serve.h"
#include "rayzan/store.h"

namespace rayzan {
namespace {

namespace fs = std::filesystem;

class BundleTest : public testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() / ("rayzan-bundle-test-" + std::to_string(::getpid()));
    fs::create_directories(directory_ / "assets");
    std::ofstream(directory_ / "index.html") << "<!doctype html><title>Rayzan</title>";
    std::ofstream(directory_ / "assets" / "index-abc123.js") << "console.log('ui');";
    std::ofstream(directory_.parent_path() / "secret.txt") << "not for the web";
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
    fs::remove(directory_.parent_path() / "secret.txt", ignored);
  }
  fs::path directory_;
};

std::string Header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST_F(BundleTest, ServesFilesAndIndexForTheUiRoutes) {
  auto bundle = AssetBundle::Load(directory_.string());
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  EXPECT_EQ(bundle.value()->file_count(), 2u);
  HttpResponse index = bundle.value()->Get("/", "");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(Header(index, "Cache-Control"), "no-cache");
  EXPECT_NE(Header(index, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(bundle.value()->Get("/events/12", "").body, index.body);
  EXPECT_EQ(bundle.value()->Get("/network", "").body, index.body);
  HttpResponse script = bundle.value()->Get("/assets/index-abc123.js", "");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Header(script, "Cache-Control"), "public, max-age=31536000, immutable");
  HttpResponse again = bundle.value()->Get("/assets/index-abc123.js", Header(script, "ETag"));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(bundle.value()->Get("/assets/missing.js", "").status, 404);
  EXPECT_EQ(bundle.value()->Get("/../secret.txt", "").status, 404);
  EXPECT_EQ(bundle.value()->Get("/assets/../../secret.txt", "").status, 404);
}

TEST_F(BundleTest, LoadFailsNamingAFolderWithoutIndex) {
  auto bundle = AssetBundle::Load((directory_ / "assets").string());
  ASSERT_FALSE(bundle.ok());
  EXPECT_NE(bundle.status().message().find("no index.html"), std::string::npos);
}

TEST(HttpServerTest, AnswersOnLoopbackLogsAndStopsGracefully) {
  fs::path directory = fs::temp_directory_path() / ("rayzan-server-test-" + std::to_string(::getpid()));
  fs::create_directories(directory);
  std::string path = (directory / "empty.db").string();
  { ASSERT_TRUE(EventStore::Open(path).ok()); }  // an empty database
  StoreOptions options;
  options.read_only = true;
  auto store = EventStore::Open(path, options);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ApiRouter router(*store.value(), nullptr);
  std::FILE* log = std::tmpfile();
  ServerOptions server_options;
  server_options.port = 0;
  server_options.threads = 4;
  server_options.access_log = log;
  HttpServer server(router, nullptr, server_options);
  ASSERT_TRUE(server.Bind().ok());
  ASSERT_GT(server.port(), 0);
  std::thread runner([&] { server.Run(); });

  httplib::Client client("127.0.0.1", server.port());
  auto events = client.Get("/api/v1/events?per_page=5");
  ASSERT_TRUE(events) << httplib::to_string(events.error());
  EXPECT_EQ(events->status, 200);
  EXPECT_NE(events->body.find("\"total\":0"), std::string::npos) << events->body;
  auto bad = client.Get("/api/v1/events?from=2021-13-40");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("'from'"), std::string::npos);
  auto post = client.Post("/api/v1/events", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 404);  // no bundle given

  server.Stop();
  runner.join();
  std::rewind(log);
  std::string lines;
  char buffer[4096];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, log)) lines.append(buffer, n);
  std::fclose(log);
  EXPECT_NE(lines.find("GET /api/v1/events?per_page=5 200 "), std::string::npos) << lines;
  EXPECT_NE(lines.find("GET /api/v1/events?from=2021-13-40 400 "), std::string::npos) << lines;
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 4) << lines;
  std::error_code ignored;
  fs::remove_all(directory, ignored);
}

TEST(HttpServerTest, StopBeforeRunReturnsAtOnce) {
  fs::path directory = fs::temp_directory_path() / ("rayzan-server-stop-" + std::to_string(::getpid()));
  fs::create_directories(directory);
  std::string path = (directory / "empty.db").string();
  { ASSERT_TRUE(EventStore::Open(path).ok()); }
  auto store = EventStore::Open(path);
  ASSERT_TRUE(store.ok());
  ApiRouter router(*store.value(), nullptr);
  ServerOptions options;
  options.port = 0;
  options.access_log = nullptr;
  HttpServer server(router, nullptr, options);
  ASSERT_TRUE(server.Bind().ok());
  server.Stop();
  server.Run();  // returns: the stop came first
  std::error_code ignored;
  fs::remove_all(directory, ignored);
}

}  // namespace
}  // namespace rayzan
