#include "rayzan/article.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rayzan {
namespace {

namespace fs = std::filesystem;

// A fresh folder under the system temp directory, removed at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("rayzan_io_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  // Writes `content` to `relative` and returns the full path.
  std::string Write(const std::string& relative, const std::string& content) const {
    fs::path path = path_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path.string();
  }
  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Everything a reader yields, in order: an article as "doc", an error as
// "!source". Articles and errors are also kept whole.
struct Read {
  std::vector<std::string> sequence;
  std::vector<Article> articles;
  std::vector<InputError> errors;
};

Read ReadAll(std::vector<std::string> paths, ReaderOptions options = {}) {
  Read read;
  ArticleReader reader(std::move(paths), options);
  Article article;
  std::optional<InputError> error;
  while (reader.Next(&article, &error)) {
    if (error) {
      read.sequence.push_back("!" + error->source);
      read.errors.push_back(*error);
    } else {
      read.sequence.push_back(article.doc);
      read.articles.push_back(article);
    }
  }
  return read;
}

constexpr char kLavrovKerry[] =
    "سرگئی لاوروف، وزیر امور خارجه روسیه روز گذشته در مسکو با جان کری، وزیر امور خارجه آمریکا دیدار کرد.";
constexpr char kZarifLavrov[] = "التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي سيرغي لافروف في موسكو اليوم";

// ---------------------------------------------------------------------------
// Good input.

TEST(ArticleReaderTest, ReadsFolderInNameOrder) {
  TempFolder folder;
  // Written out of order: the reader sorts by name.
  folder.Write("b_second.txt", kZarifLavrov);
  folder.Write("a_first.txt", kLavrovKerry);
  Read read = ReadAll({folder.path().string()});
  EXPECT_TRUE(read.errors.empty());
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"a_first", "b_second"}));
  EXPECT_EQ(read.articles[0].text, kLavrovKerry);
  EXPECT_EQ(read.articles[0].source, folder.Path("a_first.txt"));
  EXPECT_EQ(read.articles[1].text, kZarifLavrov);
  EXPECT_TRUE(read.articles[0].published.empty());
  EXPECT_TRUE(read.articles[0].language.empty());
}

TEST(ArticleReaderTest, StripsByteOrderMark) {
  TempFolder folder;
  std::string path = folder.Write("bom.txt", std::string("\xEF\xBB\xBF") + kLavrovKerry);
  Read read = ReadAll({path});
  ASSERT_EQ(read.articles.size(), 1u);
  EXPECT_EQ(read.articles[0].text, kLavrovKerry);
}

TEST(ArticleReaderTest, ReadsJsonLines) {
  TempFolder folder;
  std::string path = folder.Write(
      "corpus.jsonl",
      std::string("{\"id\":\"kerry-lavrov\",\"date\":\"2016-03-25\",\"lang\":\"fa\",\"text\":\"") + kLavrovKerry +
          "\"}\n"
          "\n"
          "{\"id\":\"zarif-lavrov\",\"published\":\"2019-12-30T10:00:00Z\",\"date\":\"2000-01-01\","
          "\"lang\":\"ar\",\"url\":\"https://example.org/a\",\"title\":\"ظريف\",\"text\":\"" +
          kZarifLavrov + "\"}\n");
  Read read = ReadAll({path});
  EXPECT_TRUE(read.errors.empty());
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"kerry-lavrov", "zarif-lavrov"}));
  // "published" absent: taken from "date".
  EXPECT_EQ(read.articles[0].published, "2016-03-25");
  EXPECT_EQ(read.articles[0].language, "fa");
  EXPECT_EQ(read.articles[0].text, kLavrovKerry);
  EXPECT_EQ(read.articles[0].source, path + ":1");
  // "published" present: it wins over "date". The blank line 2 still counts.
  EXPECT_EQ(read.articles[1].published, "2019-12-30T10:00:00Z");
  EXPECT_EQ(read.articles[1].language, "ar");
  EXPECT_EQ(read.articles[1].url, "https://example.org/a");
  EXPECT_EQ(read.articles[1].title, "ظريف");
  EXPECT_EQ(read.articles[1].source, path + ":3");
}

TEST(ArticleReaderTest, JsonLineWithoutIdIsNamedAfterFileAndLine) {
  TempFolder folder;
  std::string path = folder.Write("corpus.jsonl", std::string("{\"text\":\"") + kZarifLavrov + "\"}\n");
  Read read = ReadAll({path});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"corpus-1"}));
}

// ---------------------------------------------------------------------------
// Bad input: each one is an InputError naming the file, and the batch goes on.

TEST(ArticleReaderTest, MissingPathIsReportedAndBatchContinues) {
  TempFolder folder;
  std::string good = folder.Write("good.txt", kLavrovKerry);
  std::string missing = folder.Path("missing.txt");
  Read read = ReadAll({missing, good});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"!" + missing, "good"}));
  EXPECT_EQ(read.errors[0].message, "no such file or folder");
}

TEST(ArticleReaderTest, EmptyFileIsReported) {
  TempFolder folder;
  std::string empty = folder.Write("empty.txt", "");
  std::string blank = folder.Write("blank.txt", " \n\t\r\n");
  std::string good = folder.Write("good.txt", kLavrovKerry);
  Read read = ReadAll({empty, blank, good});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"!" + empty, "!" + blank, "good"}));
  EXPECT_EQ(read.errors[0].message, "empty");
  EXPECT_EQ(read.errors[1].message, "empty");
}

TEST(ArticleReaderTest, BinaryFileIsReported) {
  TempFolder folder;
  std::string binary = folder.Write("image.txt", std::string("GIF89a\0\0\x01\x02 text", 16));
  std::string good = folder.Write("good.txt", kLavrovKerry);
  Read read = ReadAll({binary, good});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"!" + binary, "good"}));
  EXPECT_NE(read.errors[0].message.find("NUL"), std::string::npos) << read.errors[0].message;
}

TEST(ArticleReaderTest, InvalidUtf8NamesByteOffset) {
  TempFolder folder;
  // "لاوروف" is 12 bytes; then a Windows-1256 byte that is no UTF-8.
  std::string latin = folder.Write("cp1256.txt", "لاوروف \xE1\xC7\xE6\xD1\xE6\xDD");
  std::string good = folder.Write("good.txt", kLavrovKerry);
  Read read = ReadAll({latin, good});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"!" + latin, "good"}));
  EXPECT_EQ(read.errors[0].message, "not UTF-8 (invalid byte at offset 13)");
}

TEST(ArticleReaderTest, JsonLineThatIsNotJsonNamesLine) {
  TempFolder folder;
  std::string path = folder.Write("corpus.jsonl",
                                  std::string("{\"id\":\"one\",\"text\":\"") + kLavrovKerry + "\"}\n" +
                                      "{\"id\":\"two\",\"text\": not json\n"
                                      "[\"an array, not an object\"]\n"
                                      "{\"id\":\"three\",\"text\":\"" + kZarifLavrov + "\"}\n");
  Read read = ReadAll({path});
  ASSERT_EQ(read.sequence,
            (std::vector<std::string>{"one", "!" + path + ":2", "!" + path + ":3", "three"}));
  EXPECT_EQ(read.errors[0].message, "not a JSON object");
  EXPECT_EQ(read.articles[1].source, path + ":4");
}

TEST(ArticleReaderTest, JsonLineWithBadTextNamesLine) {
  TempFolder folder;
  std::string path = folder.Write("corpus.jsonl",
                                  "{\"id\":\"blank\",\"text\":\"  \"}\n"
                                  "{\"id\":\"nul\",\"text\":\"a\\u0000b\"}\n"
                                  "{\"id\":\"good\",\"text\":\"" + std::string(kZarifLavrov) + "\"}\n");
  Read read = ReadAll({path});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"!" + path + ":1", "!" + path + ":2", "good"}));
  EXPECT_EQ(read.errors[0].message, "\"text\" is empty");
  EXPECT_NE(read.errors[1].message.find("NUL"), std::string::npos) << read.errors[1].message;
}

TEST(ArticleReaderTest, OverlongJsonLineIsSkippedAndNextLineRead) {
  TempFolder folder;
  std::string path = folder.Path("big.jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    // A 9 MB line: over the default 8 MB limit, and over the reader's 1 MB block.
    out << "{\"id\":\"huge\",\"text\":\"" << std::string(9u << 20, 'x') << "\"}\n";
    out << "{\"id\":\"after\",\"date\":\"2019-12-30\",\"text\":\"" << kZarifLavrov << "\"}\n";
  }
  Read read = ReadAll({path});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"!" + path + ":1", "after"}));
  EXPECT_EQ(read.errors[0].message, "line longer than 8 MB, skipped");
  EXPECT_EQ(read.articles[0].text, kZarifLavrov);
  EXPECT_EQ(read.articles[0].source, path + ":2");
}

TEST(ArticleReaderTest, OverlongTextFileIsSkipped) {
  TempFolder folder;
  std::string big = folder.Path("big.txt");
  {
    std::ofstream out(big, std::ios::binary);
    out << std::string((8u << 20) + 1, 'x');
  }
  std::string good = folder.Write("good.txt", kLavrovKerry);
  Read read = ReadAll({big, good});
  ASSERT_EQ(read.sequence, (std::vector<std::string>{"!" + big, "good"}));
  EXPECT_EQ(read.errors[0].message, "larger than 8 MB, skipped");
}

TEST(ArticleReaderTest, ErrorsInFolderKeepNameOrder) {
  TempFolder folder;
  folder.Write("1_good.txt", kLavrovKerry);
  std::string empty = folder.Write("2_empty.txt", "");
  std::string bad = folder.Write("3_bad.txt", "\xFF\xFE");
  folder.Write("4_good.txt", kZarifLavrov);
  Read read = ReadAll({folder.path().string()});
  EXPECT_EQ(read.sequence, (std::vector<std::string>{"1_good", "!" + empty, "!" + bad, "4_good"}));
  EXPECT_EQ(read.errors.at(1).message, "not UTF-8 (invalid byte at offset 0)");
}

// ---------------------------------------------------------------------------
// Pages left for the caller to extract (ReaderOptions::defer_pages).

std::string PageWith(const std::string& paragraph) {
  return "<html lang=\"fa\"><head><title>دیدار</title></head><body><article><p>" + paragraph +
         "</p></article></body></html>";
}

std::string Record(const std::string& uri, const std::string& html) {
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
         std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

TEST(ArticleReaderTest, DeferredPagesFinishAsTheReaderWould) {
  TempFolder folder;
  folder.Write("a/page.html", PageWith(kLavrovKerry));
  folder.Write("b/crawl.warc", Record("https://news.example/a/7.html", PageWith(kZarifLavrov)) +
                                   Record("https://news.example/", "<html><body><nav>menu</nav></body></html>"));
  folder.Write("c/empty.html", "<html><body><nav><a href=/>home</a></nav></body></html>");
  Read now = ReadAll({folder.path().string()});
  Read deferred = ReadAll({folder.path().string()}, {.defer_pages = true});

  // Deferred: every page comes back unread, the archive's index page too.
  ASSERT_EQ(deferred.articles.size(), 4u);
  for (const Article& a : deferred.articles) {
    EXPECT_TRUE(a.page.has_value()) << a.source;
    EXPECT_TRUE(a.text.empty()) << a.source;
  }
  // Finished, they are what the reader gives; the index page is skipped
  // silently and the empty page file is an error, as Next() reports them.
  std::vector<Article> finished;
  std::vector<InputError> errors;
  for (Article a : deferred.articles) {
    std::optional<InputError> error;
    if (FinishPage(&a, &error)) finished.push_back(a);
    if (error) errors.push_back(*error);
  }
  ASSERT_EQ(finished.size(), now.articles.size());
  for (size_t i = 0; i < finished.size(); ++i) {
    EXPECT_EQ(finished[i].doc, now.articles[i].doc);
    EXPECT_EQ(finished[i].url, now.articles[i].url);
    EXPECT_EQ(finished[i].text, now.articles[i].text);
    EXPECT_EQ(finished[i].language, "fa");
    EXPECT_FALSE(finished[i].page.has_value());
  }
  EXPECT_EQ(finished[1].url, "https://news.example/a/7.html");
  ASSERT_EQ(errors.size(), 1u);
  ASSERT_EQ(now.errors.size(), 1u);
  EXPECT_EQ(errors[0].source, now.errors[0].source);
  EXPECT_EQ(errors[0].message, "no article text found in the page");
}

}  // namespace
}  // namespace rayzan
