#include "rayzan/warc.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <map>
#include <string>
#include <vector>

namespace rayzan {
namespace {

const std::string kCorpus = std::string(RAYZAN_SHARED_DIR) + "/corpora/warc-test-fixtures/";
const std::string kFixtures = std::string(RAYZAN_DATA_DIR) + "/../tests/fixtures/warc/";

struct ReadAll {
  std::vector<WarcRecord> records;
  std::vector<std::string> warnings;
};

ReadAll Read(const std::string& path) {
  ReadAll out;
  Result<std::unique_ptr<WarcReader>> reader =
      WarcReader::Open(path, [&](const std::string& w) { out.warnings.push_back(w); });
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return out;
  WarcRecord r;
  while (reader.value()->Next(&r)) out.records.push_back(r);
  return out;
}

std::vector<std::string> Types(const ReadAll& all) {
  std::vector<std::string> t;
  for (const auto& r : all.records) t.push_back(r.type);
  return t;
}

const std::vector<std::string> kExampleTypes = {"warcinfo", "warcinfo", "response", "request", "revisit", "request"};

TEST(WarcReaderTest, ReadsWarcioExamplePlainAndPerRecordGzip) {
  for (const char* name : {"warcio/example.warc", "warcio/example.warc.gz"}) {
    ReadAll all = Read(kCorpus + name);
    EXPECT_EQ(Types(all), kExampleTypes) << name;
    EXPECT_TRUE(all.warnings.empty()) << name;
    ASSERT_EQ(all.records.size(), 6u);
    const WarcRecord& response = all.records[2];
    EXPECT_EQ(response.target_uri, "http://example.com/");
    EXPECT_EQ(response.http_status, 200);
    EXPECT_EQ(response.content_type, "text/html");
    EXPECT_EQ(response.date, "2017-03-06T04:02:06Z");
    EXPECT_EQ(response.body.size(), 1270u);  // gzip Content-Encoding decoded
    EXPECT_EQ(response.body.rfind("<!doctype html>", 0), 0u);
    EXPECT_TRUE(response.IsHtml());
  }
}

TEST(WarcReaderTest, OffsetsAreGzipMemberOffsets) {
  ReadAll all = Read(kCorpus + "warcio/example.warc.gz");
  ASSERT_EQ(all.records.size(), 6u);
  std::vector<uint64_t> offsets;
  for (const auto& r : all.records) offsets.push_back(r.offset);
  EXPECT_EQ(offsets, (std::vector<uint64_t>{0, 353, 784, 2012, 2621, 3207}));
  ReadAll digest = Read(kCorpus + "warcio/example-digest.warc");
  ASSERT_EQ(digest.records.size(), 4u);
  EXPECT_EQ(digest.records[1].offset, 922u);  // warcio's test reads record 2 at 922
}

TEST(WarcReaderTest, DecodesChunkedIanaResponse) {
  ReadAll all = Read(kCorpus + "warcio/example-iana.org-chunked.warc");
  EXPECT_EQ(Types(all), (std::vector<std::string>{"warcinfo", "response", "request"}));
  const WarcRecord& r = all.records[1];
  EXPECT_EQ(r.charset, "utf-8");
  EXPECT_NE(r.body.find("Internet Assigned Numbers Authority"), std::string::npos);
  EXPECT_EQ(r.body.find("\r\n0\r\n"), std::string::npos);  // no chunk framing left
  EXPECT_NE(r.body.find("</html>"), std::string::npos);
}

TEST(WarcReaderTest, TruncatedRecordWarnsAndGoesOn) {
  ReadAll all = Read(kCorpus + "warcio/example-trunc.warc");
  EXPECT_EQ(Types(all), (std::vector<std::string>{"warcinfo", "warcinfo", "response", "request"}));
  ASSERT_FALSE(all.warnings.empty());
  EXPECT_EQ(all.warnings.back(),
            kCorpus + "warcio/example-trunc.warc: offset 2560: no WARC header here; skipping to the next record");
}

TEST(WarcReaderTest, ReadsGzipThatDoesNotFollowRecordBoundaries) {
  EXPECT_EQ(Types(Read(kCorpus + "warcio/example-wrong-chunks.warc.gz")),
            (std::vector<std::string>{"response", "request"}));
  EXPECT_EQ(Types(Read(kCorpus + "warcio/example-bad-non-chunked.warc.gz")), kExampleTypes);
}

TEST(WarcReaderTest, StripsWgetAngleBracketsAndKeepsSpaces) {
  ReadAll wget = Read(kCorpus + "warcio/example-wget-bad-target-uri.warc.gz");
  EXPECT_EQ(Types(wget),
            (std::vector<std::string>{"warcinfo", "request", "response", "metadata", "resource", "resource"}));
  EXPECT_EQ(wget.records[2].target_uri, "http://example.com/");
  ReadAll spaces = Read(kCorpus + "warcio/example-space-in-target-uri.warc.gz");
  ASSERT_EQ(spaces.records.size(), 2u);
  EXPECT_EQ(spaces.records[1].target_uri, "file:///example with spaces.png");
  EXPECT_FALSE(spaces.records[1].IsHtml());
}

TEST(WarcReaderTest, ResourceRecordBodyIsTheBlock) {
  ReadAll all = Read(kCorpus + "warcio/example-resource.warc.gz");
  EXPECT_EQ(Types(all), (std::vector<std::string>{"warcinfo", "warcinfo", "resource"}));
  EXPECT_EQ(all.records[2].content_type, "text/html");
  EXPECT_TRUE(all.records[2].IsHtml());
}

TEST(WarcReaderTest, StatusLineWithoutReasonPhrase) {
  // "HTTP/1.0 302" with no reason phrase.
  ReadAll all = Read(kCorpus + "pywb/missing-status-text.warc");
  ASSERT_EQ(all.records.size(), 1u);
  EXPECT_EQ(all.records[0].http_status, 302);
  EXPECT_TRUE(all.warnings.empty());
}

TEST(WarcReaderTest, IanaCrawlRecordCounts) {
  ReadAll all = Read(kCorpus + "pywb/iana.warc.gz");
  std::map<std::string, int> counts;
  for (const auto& r : all.records) ++counts[r.type];
  EXPECT_EQ(counts, (std::map<std::string, int>{{"warcinfo", 1}, {"request", 171}, {"response", 48}, {"revisit", 123}}));
  EXPECT_TRUE(all.warnings.empty());
}

TEST(WarcReaderTest, ArabicAndDariResponsesWithChunkedGzipBodies) {
  ReadAll all = Read(kFixtures + "news-fa-ar.warc.gz");
  EXPECT_EQ(Types(all), (std::vector<std::string>{"warcinfo", "response", "response", "response"}));
  EXPECT_TRUE(all.warnings.empty());
  ASSERT_EQ(all.records.size(), 4u);
  EXPECT_EQ(all.records[1].charset, "windows-1256");
  EXPECT_EQ(all.records[1].body.size(), 26697u);  // de-chunked and gunzipped to the original page
  EXPECT_EQ(all.records[2].charset, "utf-8");
  EXPECT_NE(all.records[2].body.find("افغانستان تیم انگلستان را از جام قهرمانان حذف کرد"), std::string::npos);
  EXPECT_EQ(all.records[3].content_type, "image/png");
  EXPECT_FALSE(all.records[3].IsHtml());
}

TEST(WarcReaderTest, TruncatedGzipWarnsWithFileAndOffset) {
  ReadAll all = Read(kFixtures + "news-fa-ar-truncated.warc.gz");
  EXPECT_EQ(Types(all), (std::vector<std::string>{"warcinfo", "response", "response"}));
  ASSERT_EQ(all.warnings.size(), 2u);
  EXPECT_EQ(all.warnings[0],
            kFixtures + "news-fa-ar-truncated.warc.gz: offset 8555: truncated gzip member (archive ends inside it)");
  EXPECT_TRUE(all.records[2].truncated);
}

TEST(WarcReaderTest, BrokenHeaderSkipsOneRecord) {
  ReadAll all = Read(kFixtures + "news-fa-ar-broken-header.warc");
  EXPECT_EQ(Types(all), (std::vector<std::string>{"warcinfo", "response", "response"}));
  ASSERT_EQ(all.warnings.size(), 1u);
  EXPECT_EQ(all.warnings[0],
            kFixtures + "news-fa-ar-broken-header.warc: offset 260: no WARC header here; skipping to the next record");
}

// One gzip member, as warc writers make them per record.
std::string GzipMember(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Resource(const std::string& uri, const std::string& body, const std::string& length) {
  return "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Type: text/html\r\nContent-Length: " + length + "\r\n\r\n" + body + "\r\n\r\n";
}

TEST(WarcReaderTest, LyingContentLengthStopsAtTheNextRecord) {
  std::string first = "<p>خبر اول</p>", second = "<p>الخبر الثاني</p>";
  std::string archive = GzipMember(Resource("http://a.example/1", first, "999999")) +
                        GzipMember(Resource("http://a.example/2", second, std::to_string(second.size())));
  std::vector<std::string> warnings;
  auto reader = WarcReader::FromBuffer(archive, "lying.warc.gz", [&](const std::string& w) { warnings.push_back(w); });
  WarcRecord r;
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, first + "\r\n\r\n");
  ASSERT_TRUE(reader->Next(&r));
  EXPECT_EQ(r.target_uri, "http://a.example/2");
  EXPECT_EQ(r.body, second);
  EXPECT_FALSE(reader->Next(&r));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "lying.warc.gz: offset 0: Content-Length 999999 runs into the next record; block cut to " +
                             std::to_string(first.size() + 4) + " bytes");
}

TEST(WarcReaderTest, MissingFileIsAnError) {
  Result<std::unique_ptr<WarcReader>> r = WarcReader::Open("/nonexistent.warc", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "/nonexistent.warc: cannot open: No such file or directory");
}

TEST(WarcReaderTest, GarbageInputEndsCleanly) {
  std::string junk(10000, '\x1f');
  for (size_t i = 0; i < junk.size(); i += 3) junk[i] = '\x8b';
  int warnings = 0;
  auto reader = WarcReader::FromBuffer(junk, "junk", [&](const std::string&) { ++warnings; });
  WarcRecord r;
  EXPECT_FALSE(reader->Next(&r));
}

TEST(WarcReaderTest, BodyIsCappedAtMaxBodyBytes) {
  WarcReaderOptions options;
  options.max_body_bytes = 100;
  std::vector<std::string> warnings;
  auto reader = WarcReader::Open(kCorpus + "warcio/example.warc",
                                 [&](const std::string& w) { warnings.push_back(w); }, options);
  ASSERT_TRUE(reader.ok());
  WarcRecord r;
  while (reader.value()->Next(&r) && r.type != "response") {
  }
  EXPECT_EQ(r.body.size(), 100u);
  EXPECT_TRUE(r.truncated);
}

}  // namespace
}  // namespace rayzan
