// A web archive built from pages codes to the same events as the pages
// themselves: the WARC reader, the page extractor and the pipeline agree.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
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

// The file's bytes, gunzipped when it ends in .gz.
std::string ReadMaybeGzipped(const fs::path& path) {
  if (path.extension() != ".gz") return ReadFile(path);
  std::string out;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return out;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  gzclose(file);
  return out;
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
// defer_pages: pages are extracted on CodeAll's workers (as `rayzan code`
// does) instead of by the reader.
std::map<std::string, std::vector<std::string>> CodeAllEvents(const Pipeline& pipeline, std::vector<std::string> paths,
                                                              int* errors, bool defer_pages = false) {
  ArticleReader reader(std::move(paths), {.defer_pages = defer_pages});
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

// Codes the pages one by one and as one .warc and one .warc.gz built from
// them (one response record each), and expects the same events per page.
// Returns how many events the pages gave.
size_t ExpectArchivesMatchPages(const std::vector<fs::path>& pages) {
  fs::path dir = fs::temp_directory_path() / ("rayzan-warc-" + std::to_string(::getpid()));
  fs::create_directories(dir / "pages");
  std::string plain, gzipped;
  std::vector<std::string> page_paths;
  int number = 0;
  for (const fs::path& page : pages) {
    // Pages stored gzipped are written out plain, as a crawler saved them.
    std::string name = page.extension() == ".gz" ? page.stem().string() : page.filename().string();
    std::string body = ReadMaybeGzipped(page);
    std::ofstream(dir / "pages" / name, std::ios::binary) << body;
    page_paths.push_back((dir / "pages" / name).string());
    std::string record = ResponseRecord("https://news.example/a/" + name, body, ++number);
    plain += record;
    gzipped += GzipMember(record);
  }
  std::ofstream(dir / "pages.warc", std::ios::binary) << plain;
  std::ofstream(dir / "pages.warc.gz", std::ios::binary) << gzipped;

  auto pipeline = Pipeline::Create({});
  EXPECT_TRUE(pipeline.ok()) << pipeline.status().message();
  if (!pipeline.ok()) return 0;
  int page_errors = 0, warc_errors = 0, warc_gz_errors = 0;
  auto from_pages = CodeAllEvents(*pipeline.value(), page_paths, &page_errors);
  auto from_warc = CodeAllEvents(*pipeline.value(), {(dir / "pages.warc").string()}, &warc_errors);
  auto from_warc_gz =
      CodeAllEvents(*pipeline.value(), {(dir / "pages.warc.gz").string()}, &warc_gz_errors, /*defer_pages=*/true);
  // A page with no article text (a photo gallery) is an error when it is
  // given by itself and skipped inside an archive, where crawls hold index
  // pages by the thousand; nothing else may fail.
  EXPECT_EQ(warc_errors, 0);
  EXPECT_EQ(warc_gz_errors, 0);
  EXPECT_LE(page_errors, static_cast<int>(pages.size()) / 10);
  EXPECT_EQ(from_warc, from_pages);
  EXPECT_EQ(from_warc_gz, from_pages);
  fs::remove_all(dir);
  size_t total = 0;
  for (const auto& [doc, lines] : from_pages) total += lines.size();
  return total;
}

TEST(WarcRoundTripTest, ArchiveOfPagesYieldsTheSameEventsAsThePages) {
  std::vector<fs::path> pages = {fs::path(RAYZAN_SOURCE_DIR) / "sample/voa-dari-7988653.html",
                                 fs::path(RAYZAN_SOURCE_DIR) / "sample/voa-dari-7985351.html",
                                 fs::path(RAYZAN_SOURCE_DIR) / "tests/fixtures/html/voa_dari_7988993.html",
                                 fs::path(RAYZAN_SOURCE_DIR) / "tests/fixtures/html/cnn_arabic_syria.html"};
  EXPECT_GE(ExpectArchivesMatchPages(pages), 3u) << "the sample pages report several meetings";
}

// The Persian-script and Arabic pages of the extraction benchmarks
// (../shared/corpora): all 68 VOA Dari articles, the 10 Persian and Arabic
// pages of htmldate-eval and the CNN Arabic page.
TEST(WarcRoundTripTest, ArchiveOfTheBenchmarkPagesYieldsTheSameEvents) {
  fs::path corpora = fs::path(RAYZAN_SHARED_DIR) / "corpora";
  if (!fs::exists(corpora / "voa-dari-html")) GTEST_SKIP() << corpora << " is not here";
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(corpora / "voa-dari-html" / "articles"))
    if (entry.path().extension() == ".html") pages.push_back(entry.path());
  for (const char* id : {"1523806243", "1602557452", "1641304459", "1691196862", "1550981615", "1588107198",
                         "1623715966", "1731695567", "1784190729", "1806793639"})
    pages.push_back(corpora / "htmldate-eval" / "html-mediacloud2020" / (std::string(id) + ".html.gz"));
  pages.push_back(corpora / "newspaper-arabic-html" / "arabic_article.html");
  std::sort(pages.begin(), pages.end());
  for (const fs::path& page : pages) ASSERT_TRUE(fs::exists(page)) << page;
  EXPECT_GE(pages.size(), 79u);
  EXPECT_GT(ExpectArchivesMatchPages(pages), 0u);
}

}  // namespace
}  // namespace rayzan
