// A web archive built from pages codes to the same events as the pages
// themselves: the WARC reader, the page extractor and the pipeline agree.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "rayzan/pipeline.h"

namespace rayzan {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// One WARC/1.0 response record holding `body` as an HTTP 200 text/html reply.
std::string ResponseRecord(const std::string& uri, const std::string& body, int number) {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body;
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2025-02-20T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" +
         std::to_string(100000000000 + number) + ">\r\nContent-Type: application/http; msgtype=response\r\n" +
         "Content-Length: " + std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

// A gzip member of its own for each record, as crawlers write .warc.gz.
std::string GzipMember(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// doc -> the JSON lines of its events, in order.
std::map<std::string, std::vector<std::string>> CodeAllEvents(const Pipeline& pipeline, std::vector<std::string> paths,
                                                              int* errors) {
  ArticleReader reader(std::move(paths));
  std::map<std::string, std::vector<std::string>> events;
  CodeAll(
      pipeline, reader, 2,
      [&](const CodedArticle& article) {
        std::vector<std::string>& lines = events[article.article.doc];
        for (const Event& event : article.events) lines.push_back(EventToJson(article, event));
      },
      [&](const InputError&) { ++*errors; });
  return events;
}

TEST(WarcRoundTripTest, ArchiveOfPagesYieldsTheSameEventsAsThePages) {
  std::vector<fs::path> pages = {fs::path(RAYZAN_SOURCE_DIR) / "sample/voa-dari-7988653.html",
                                 fs::path(RAYZAN_SOURCE_DIR) / "sample/voa-dari-7985351.html",
                                 fs::path(RAYZAN_SOURCE_DIR) / "tests/fixtures/html/voa_dari_7988993.html",
                                 fs::path(RAYZAN_SOURCE_DIR) / "tests/fixtures/html/cnn_arabic_syria.html"};
  fs::path dir = fs::temp_directory_path() / ("rayzan-warc-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string plain, gzipped;
  int number = 0;
  for (const fs::path& page : pages) {
    std::string record =
        ResponseRecord("https://news.example/a/" + page.filename().string(), ReadFile(page), ++number);
    plain += record;
    gzipped += GzipMember(record);
  }
  std::ofstream(dir / "pages.warc", std::ios::binary) << plain;
  std::ofstream(dir / "pages.warc.gz", std::ios::binary) << gzipped;

  auto pipeline = Pipeline::Create({});
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
  std::vector<std::string> page_paths;
  for (const fs::path& page : pages) page_paths.push_back(page.string());
  int errors = 0;
  auto from_pages = CodeAllEvents(*pipeline.value(), page_paths, &errors);
  auto from_warc = CodeAllEvents(*pipeline.value(), {(dir / "pages.warc").string()}, &errors);
  auto from_warc_gz = CodeAllEvents(*pipeline.value(), {(dir / "pages.warc.gz").string()}, &errors);
  EXPECT_EQ(errors, 0);
  size_t total = 0;
  for (const auto& [doc, lines] : from_pages) total += lines.size();
  EXPECT_GE(total, 3u) << "the sample pages report several meetings";
  EXPECT_EQ(from_warc, from_pages);
  EXPECT_EQ(from_warc_gz, from_pages);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rayzan
