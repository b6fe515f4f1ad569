// Integration tests of the rayzan command: the binary is run as a user runs
// it, on the real seed articles and on a batch with bad inputs.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "rayzan/text.h"

namespace {

namespace fs = std::filesystem;

const std::string kBinary = RAYZAN_BINARY;
const std::string kShared = RAYZAN_SHARED_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A fresh folder under the system temp directory, removed at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("rayzan_cli_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  std::string Write(const std::string& relative, const std::string& content) const {
    std::ofstream out(path_ / relative, std::ios::binary);
    out << content;
    return (path_ / relative).string();
  }
  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }

 private:
  fs::path path_;
};

struct Outcome {
  int status = -1;  // exit status
  std::string out;
  std::string err;
};

// Runs `command` through the shell; standard error goes to a file in `folder`.
Outcome Shell(const std::string& command, const TempFolder& folder) {
  Outcome run;
  std::string err_path = folder.Path("stderr.txt");
  FILE* pipe = ::popen((command + " 2>" + Quote(err_path)).c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[1 << 14];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  int wait_status = ::pclose(pipe);
  run.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  run.err = ReadFile(err_path);
  return run;
}

Outcome Rayzan(const std::vector<std::string>& args, const TempFolder& folder) {
  std::string command = Quote(kBinary);
  for (const std::string& arg : args) command += " " + Quote(arg);
  return Shell(command, folder);
}

constexpr char kLavrovKerry[] =
    "سرگئی لاوروف، وزیر امور خارجه روسیه روز گذشته در مسکو با جان کری، وزیر امور خارجه آمریکا دیدار کرد.\n";
constexpr char kZarifLavrov[] = "التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي سيرغي لافروف في موسكو اليوم\n";

// ---------------------------------------------------------------------------

TEST(CliTest, CodeHelpMentionsJsonLines) {
  TempFolder folder;
  Outcome run = Rayzan({"code", "--help"}, folder);
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("JSON Lines"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("--format json|table"), std::string::npos) << run.out;
}

TEST(CliTest, CodeWithoutPathIsUsageError) {
  TempFolder folder;
  Outcome run = Rayzan({"code"}, folder);
  EXPECT_EQ(run.status, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("usage: rayzan code"), std::string::npos) << run.err;
}

TEST(CliTest, SeedsScoreAgainstGold) {
  TempFolder folder;
  Outcome run = Rayzan({"code", "--threads", "2", kShared + "/seeds"}, folder);
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_FALSE(lines.empty());
  std::map<std::string, int> per_doc;
  for (const std::string& line : lines) {
    nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << line;
    ASSERT_TRUE(event.is_object()) << line;
    EXPECT_EQ(event["type"], "CONSULT");
    ++per_doc[event["doc"].get<std::string>()];
  }
  // Every seed reports at least one consultation.
  EXPECT_EQ(per_doc.size(), 5u);

  std::string output = folder.Write("seeds.events.jsonl", run.out);
  Outcome score = Shell("python3 " + Quote(kShared + "/tools/score-events") + " " +
                        Quote(kShared + "/gold/seeds.events.jsonl") + " " + Quote(output) + " --json",
                    folder);
  ASSERT_EQ(score.status, 0) << score.err;
  nlohmann::json scores = nlohmann::json::parse(score.out, nullptr, false);
  ASSERT_TRUE(scores.is_object()) << score.out;
  EXPECT_GE(scores["f1"].get<double>(), 0.90) << score.out;
  EXPECT_GE(scores["strict_f1"].get<double>(), 0.75) << score.out;
  EXPECT_EQ(scores["forbidden_hits"].get<int>(), 0) << score.out;
}

TEST(CliTest, SeedTickerLinesGiveNoEvidence) {
  // Seeds 001 and 003 open with a scraped headline ticker on one line.
  TempFolder folder;
  std::map<std::string, uint32_t> ticker_code_points;
  for (const char* doc : {"001_9daf9b23fdd5586e", "003_8a2e76ed469fac0b"}) {
    std::string text = ReadFile(kShared + "/seeds/" + doc + ".txt");
    size_t newline = text.find('\n');
    ASSERT_NE(newline, std::string::npos);
    ASSERT_GT(newline, 1000u) << doc << ": the first line is no longer the ticker";
    ticker_code_points[doc] = rayzan::CodePointOffset(text, static_cast<uint32_t>(newline));
  }
  Outcome run = Rayzan({"code", "--threads", "2", kShared + "/seeds"}, folder);
  ASSERT_EQ(run.status, 0) << run.err;
  int checked = 0;
  for (const std::string& line : Lines(run.out)) {
    nlohmann::json event = nlohmann::json::parse(line);
    auto ticker = ticker_code_points.find(event["doc"].get<std::string>());
    if (ticker == ticker_code_points.end()) continue;
    ASSERT_FALSE(event["evidence_spans"].empty()) << line;
    for (const auto& span : event["evidence_spans"]) {
      EXPECT_GT(span["start"].get<uint32_t>(), ticker->second) << line;
      ++checked;
    }
  }
  EXPECT_GE(checked, 2);
}

TEST(CliTest, BadInputsAreReportedAndGoodOnesStillCoded) {
  TempFolder folder;
  std::string first = folder.Write("first_good.txt", kLavrovKerry);
  std::string missing = folder.Path("missing.txt");
  std::string empty = folder.Write("empty.txt", "");
  std::string invalid = folder.Write("invalid.txt", "لاوروف \xE1\xC7\xE6\xD1\xE6\xDD\n");
  std::string last = folder.Write("last_good.txt", kZarifLavrov);
  Outcome run = Rayzan({"code", "--threads", "2", first, missing, empty, invalid, last}, folder);
  EXPECT_EQ(run.status, 1) << run.err;

  std::vector<std::string> errors = Lines(run.err);
  for (const std::string& bad : {missing, empty, invalid}) {
    int count = 0;
    for (const std::string& line : errors) count += line.starts_with("rayzan: " + bad + ": ");
    EXPECT_EQ(count, 1) << bad << "\n" << run.err;
  }
  for (const std::string& good : {first, last}) {
    EXPECT_EQ(run.err.find(good), std::string::npos) << run.err;
  }
  EXPECT_NE(run.err.find("invalid byte at offset 13"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("2 articles coded, 2 events, 3 inputs failed"), std::string::npos) << run.err;

  std::vector<std::string> docs;
  for (const std::string& line : Lines(run.out)) docs.push_back(nlohmann::json::parse(line)["doc"]);
  EXPECT_EQ(docs, (std::vector<std::string>{"first_good", "last_good"}));
}

// rayzan extract reads archives too: one result per HTML record, named by
// the record's offset; a record cut short is reported and the rest printed.
TEST(CliTest, ExtractReadsWebArchives) {
  TempFolder folder;
  auto record = [](const std::string& uri, const std::string& html) {
    std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
    return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
           "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
           std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  };
  std::string first = record("https://news.example/2021/12/02/a.html",
                             "<html lang=\"fa\"><body><article><p>" + std::string(kLavrovKerry) +
                                 "</p></article></body></html>");
  std::string second = record("https://news.example/b.html", "<html><body><p>cut short</p></body></html>");
  std::string archive = folder.Write("crawl.warc", first + second.substr(0, second.size() - 30));
  Outcome run = Rayzan({"extract", archive}, folder);
  EXPECT_EQ(run.status, 1) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_GE(lines.size(), 1u) << run.err;
  nlohmann::json page = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(page["page"], archive + ": offset 0");
  EXPECT_EQ(page["published"]["value"], "2021-12-02");
  EXPECT_EQ(page["published"]["source"], "url");
  EXPECT_NE(page["text"].get<std::string>().find("لاوروف"), std::string::npos);
  EXPECT_NE(run.err.find("rayzan: " + archive + ": offset " + std::to_string(first.size())), std::string::npos)
      << run.err;
}

TEST(CliTest, TableFormatPrintsHeader) {
  TempFolder folder;
  std::string article = folder.Write("kerry.txt", kLavrovKerry);
  Outcome run = Rayzan({"code", "--format", "table", "--threads", "2", article}, folder);
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  EXPECT_TRUE(lines[0].starts_with("doc ")) << lines[0];
  EXPECT_NE(lines[0].find("participants"), std::string::npos) << lines[0];
  EXPECT_TRUE(lines[1].starts_with("kerry ")) << lines[1];
  EXPECT_NE(lines[1].find("Sergey Lavrov + John Kerry"), std::string::npos) << lines[1];
}

TEST(CliTest, UnknownFormatIsUsageError) {
  TempFolder folder;
  std::string article = folder.Write("kerry.txt", kLavrovKerry);
  Outcome run = Rayzan({"code", "--format", "xml", article}, folder);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("--format must be json or table"), std::string::npos) << run.err;
}

}  // namespace
