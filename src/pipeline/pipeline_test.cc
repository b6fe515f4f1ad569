#include "rayzan/pipeline.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "rayzan/text.h"

namespace rayzan {
namespace {

namespace fs = std::filesystem;

const Pipeline& Bundled() {
  static const Pipeline* pipeline = [] {
    auto created = Pipeline::Create(PipelineOptions{});
    if (!created.ok()) {
      ADD_FAILURE() << created.status().message();
      std::abort();
    }
    return std::move(created).value().release();
  }();
  return *pipeline;
}

CivilDate D(int year, int month, int day) { return CivilDate{year, month, day}; }

CodedArticle Code(std::string text, std::string published = "", std::string language = "") {
  Article article;
  article.doc = "test";
  article.source = "test.txt";
  article.text = std::move(text);
  article.published = std::move(published);
  article.language = std::move(language);
  Pipeline::Workspace workspace;
  return Bundled().Code(std::move(article), workspace);
}

std::vector<std::string> Participants(const Event& event) {
  std::vector<std::string> names;
  for (const Actor& actor : event.actors) names.push_back(actor.name);
  return names;
}

std::string Show(const CodedArticle& coded) {
  std::string out;
  for (const Event& event : coded.events) out += EventToJson(coded, event) + "\n";
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// text[from, to) in code points, as a user's tool slices with evidence_spans.
std::string SliceCodePoints(std::string_view text, uint32_t from, uint32_t to) {
  uint32_t offset = 0, index = 0, begin = 0;
  while (offset < text.size() && index < to) {
    if (index == from) begin = offset;
    DecodeUtf8(text, &offset);
    ++index;
  }
  if (index == from) begin = offset;
  return std::string(text.substr(begin, offset - begin));
}

// A fresh folder under the system temp directory, removed at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("rayzan_pipeline_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  std::string Write(const std::string& relative, const std::string& content) const {
    fs::path path = path_ / relative;
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path.string();
  }
  std::string Path(const std::string& relative) const { return (path_ / relative).string(); }

 private:
  fs::path path_;
};

std::string JsonLine(const std::string& id, const std::string& text, const std::string& date = "") {
  nlohmann::json line{{"id", id}, {"text", text}};
  if (!date.empty()) line["date"] = date;
  return line.dump() + "\n";
}

constexpr char kLavrovKerryYesterday[] =
    "سرگئی لاوروف، وزیر امور خارجه روسیه روز گذشته در مسکو با جان کری، وزیر امور خارجه آمریکا دیدار کرد.";
constexpr char kZarifLavrov[] = "التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي سيرغي لافروف في موسكو اليوم";
constexpr char kNoEvent[] = "وزیر امور خارجه روسیه روز جمعه در آکادمی دیپلماسی درباره مبارزه با تروریسم سخنرانی کرد.";

// ---------------------------------------------------------------------------
// One article through every stage.

TEST(PipelineTest, CreateFailsNamingMissingDataFolder) {
  PipelineOptions options;
  options.data_directory = "/nonexistent/rayzan-data";
  auto created = Pipeline::Create(options);
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.status().message().find("/nonexistent/rayzan-data"), std::string::npos)
      << created.status().message();
}

TEST(PipelineTest, PublishedStringAnchorsYesterday) {
  CodedArticle coded = Code(kLavrovKerryYesterday, "2016-03-25");
  EXPECT_EQ(coded.language, Language::kPersian);
  EXPECT_EQ(coded.published, D(2016, 3, 25));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  const Event& event = coded.events[0];
  EXPECT_EQ(event.mode, EventMode::kMeet);
  EXPECT_EQ(Participants(event), (std::vector<std::string>{"Sergey Lavrov", "John Kerry"}));
  EXPECT_EQ(event.city, "Moscow");
  EXPECT_EQ(event.country, "RU");
  EXPECT_EQ(event.date, (DateInterval{D(2016, 3, 24), D(2016, 3, 24)}));
}

TEST(PipelineTest, ArabicArticleDetectedAndCoded) {
  // A full ISO timestamp is cut to its date.
  CodedArticle coded = Code(kZarifLavrov, "2019-12-30T08:15:00Z");
  EXPECT_EQ(coded.language, Language::kArabic);
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Mohammad Javad Zarif", "Sergey Lavrov"}));
  EXPECT_EQ(coded.events[0].city, "Moscow");
  EXPECT_EQ(coded.events[0].date, (DateInterval{D(2019, 12, 30), D(2019, 12, 30)}));
}

TEST(PipelineTest, RoleResolvedByPublishedDate) {
  const char* text = "وزیر خارجه آمریکا با همتای روس خود در ژنو دیدار کرد.";
  CodedArticle blinken = Code(text, "2021-06-20");
  ASSERT_EQ(blinken.events.size(), 1u) << Show(blinken);
  EXPECT_EQ(Participants(blinken.events[0]), (std::vector<std::string>{"Antony Blinken", "Sergey Lavrov"}));
  CodedArticle kerry = Code(text, "2016-04-01");
  ASSERT_EQ(kerry.events.size(), 1u) << Show(kerry);
  EXPECT_EQ(Participants(kerry.events[0]), (std::vector<std::string>{"John Kerry", "Sergey Lavrov"}));
}

TEST(PipelineTest, TooShortTextIsReadBothWaysAndKeepsTheReadingWithEvents) {
  // Under 20 letters lang.cc cannot tell Persian from Arabic; the pipeline
  // then reads the text as both and keeps the reading that finds events.
  const char* text = "جان کری وارد مسکو شد";
  CodedArticle guessed = Code(text, "2016-03-23");
  EXPECT_EQ(guessed.language, Language::kPersian);
  ASSERT_EQ(guessed.events.size(), 1u) << Show(guessed);
  EXPECT_EQ(guessed.events[0].mode, EventMode::kVisit);

  CodedArticle told = Code(text, "2016-03-23", "fa");
  EXPECT_EQ(told.language, Language::kPersian);
  ASSERT_EQ(told.events.size(), 1u) << Show(told);
  EXPECT_EQ(told.events[0].mode, EventMode::kVisit);
  EXPECT_EQ(told.events[0].target_country, "RU");
  EXPECT_EQ(Participants(told.events[0]), std::vector<std::string>{"John Kerry"});
}

TEST(PipelineTest, ArrivalInFullSentenceIsVisit) {
  CodedArticle coded = Code("جان کری، وزیر امور خارجه آمریکا روز چهارشنبه برای دیدار کاری وارد مسکو شد.", "2016-03-25");
  EXPECT_EQ(coded.language, Language::kPersian);
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].mode, EventMode::kVisit);
  EXPECT_EQ(coded.events[0].target_country, "RU");
  EXPECT_EQ(coded.events[0].city, "Moscow");
  EXPECT_EQ(Participants(coded.events[0]), std::vector<std::string>{"John Kerry"});
  // A bare weekday is the latest such day on or before the article's date.
  EXPECT_EQ(coded.events[0].date, (DateInterval{D(2016, 3, 23), D(2016, 3, 23)}));
}

// ---------------------------------------------------------------------------
// Tickers and evidence offsets.

std::string Ticker() {
  std::string ticker = ReadFile(std::string(RAYZAN_DATA_DIR) + "/../tests/fixtures/events/seed003_ticker.txt");
  EXPECT_GT(ticker.size(), 1000u) << "fixture tests/fixtures/events/seed003_ticker.txt missing";
  if (!ticker.empty() && ticker.back() == '\n') ticker.pop_back();
  return ticker;
}

TEST(PipelineTest, TickerLineAloneYieldsNoEvent) {
  // The ticker carries "پزشکیان عازم عمان شد" and "بقایی در گفتگو با سی‌ان‌ان".
  CodedArticle coded = Code(Ticker() + "\n\n" + kNoEvent, "2024-12-05");
  EXPECT_TRUE(coded.events.empty()) << Show(coded);
}

TEST(PipelineTest, TickerAboveArticleGivesNoEvidence) {
  const std::string ticker = Ticker();
  const std::string text = ticker + "\n\n" + kLavrovKerryYesterday;
  CodedArticle coded = Code(text, "2016-03-25");
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Sergey Lavrov", "John Kerry"}));
  nlohmann::json json = nlohmann::json::parse(EventToJson(coded, coded.events[0]));
  const uint32_t ticker_code_points = CodePointOffset(text, static_cast<uint32_t>(ticker.size()));
  ASSERT_EQ(json["evidence_spans"].size(), 1u);
  EXPECT_GT(json["evidence_spans"][0]["start"].get<uint32_t>(), ticker_code_points);
  EXPECT_EQ(json["evidence"], kLavrovKerryYesterday);
}

TEST(PipelineTest, EvidenceSpansAreCodePointsOfOriginal) {
  // Diacritics (ـٍ), ZWNJ, Arabic ي/ك and Persian digits all change byte
  // lengths under normalization; the offsets must still slice the original.
  const std::string title = "گزارش: دیدار‌های هفته (۱۴۰۰)";
  const std::string first = "وأجرى وزير الخارجية الأمريكي أنتوني بلينكين محادثاتٍ مع نظيره الروسي سيرغي لافروف في ستوكهولم اليوم الخميس.";
  const std::string second = "وقال بلينكين إن المحادثات مع لافروف كانت صريحة.";
  const std::string text = title + "\n\n" + first + "\n" + second;
  CodedArticle coded = Code(text, "2021-12-02");
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  nlohmann::json json = nlohmann::json::parse(EventToJson(coded, coded.events[0]));
  EXPECT_EQ(json["doc"], "test");
  EXPECT_EQ(json["type"], "CONSULT");
  EXPECT_EQ(json["mode"], "meet");
  EXPECT_EQ(json["participants"], (nlohmann::json{"Antony Blinken", "Sergey Lavrov"}));
  EXPECT_EQ(json["location"]["city"], "Stockholm");
  EXPECT_EQ(json["location"]["country"], "SE");
  EXPECT_EQ(json["date"]["from"], "2021-12-02");
  EXPECT_EQ(json["published"], "2021-12-02");
  EXPECT_EQ(json["language"], "ar");
  ASSERT_EQ(json["evidence_spans"].size(), coded.events[0].evidence.size());
  ASSERT_GE(json["evidence_spans"].size(), 1u);
  std::string evidence;
  for (const auto& span : json["evidence_spans"]) {
    std::string slice = SliceCodePoints(text, span["start"].get<uint32_t>(), span["end"].get<uint32_t>());
    EXPECT_NE(slice.find("محادثات"), std::string::npos) << slice;
    if (evidence.empty()) evidence = slice;
  }
  EXPECT_EQ(evidence, first);
  EXPECT_EQ(json["evidence"], first);
}

TEST(PipelineTest, TableRowHasHeaderColumns) {
  CodedArticle coded = Code(kLavrovKerryYesterday, "2016-03-25");
  ASSERT_EQ(coded.events.size(), 1u);
  EXPECT_EQ(EventTableHeader().substr(0, 3), "doc");
  EXPECT_NE(EventTableHeader().find("participants"), std::string::npos);
  std::string row = EventToTableRow(coded, coded.events[0]);
  EXPECT_EQ(row.substr(0, 4), "test");
  EXPECT_NE(row.find("2016-03-24"), std::string::npos) << row;
  EXPECT_NE(row.find("Moscow, RU"), std::string::npos) << row;
  EXPECT_NE(row.find("Sergey Lavrov + John Kerry"), std::string::npos) << row;
}

// ---------------------------------------------------------------------------
// Many articles on several threads.

struct Output {
  std::vector<std::string> sequence;  // docs, and "!source" for errors
  std::vector<size_t> events;         // per article
  bool all_on_calling_thread = true;
};

Output CodeAllOf(std::vector<std::string> paths, int threads) {
  Output output;
  const std::thread::id caller = std::this_thread::get_id();
  ArticleReader reader(std::move(paths));
  CodeAll(
      Bundled(), reader, threads,
      [&](const CodedArticle& coded) {
        output.all_on_calling_thread &= std::this_thread::get_id() == caller;
        output.sequence.push_back(coded.article.doc);
        output.events.push_back(coded.events.size());
      },
      [&](const InputError& error) {
        output.all_on_calling_thread &= std::this_thread::get_id() == caller;
        output.sequence.push_back("!" + error.source);
      });
  return output;
}

TEST(CodeAllTest, FiftyArticlesOnTwoThreadsKeepInputOrder) {
  TempFolder folder;
  std::string lines;
  std::vector<std::string> expected;
  std::vector<size_t> expected_events;
  for (int k = 0; k < 50; ++k) {
    char id[8];
    std::snprintf(id, sizeof id, "a%02d", k);
    expected.push_back(id);
    // Long and short articles alternate, so a later article often finishes
    // before an earlier one.
    std::string text;
    if (k % 3 == 0) {
      for (int repeat = 0; repeat < 40; ++repeat) text += std::string(kNoEvent) + "\n";
      text += kLavrovKerryYesterday;
      expected_events.push_back(1);
    } else if (k % 3 == 1) {
      text = kZarifLavrov;
      expected_events.push_back(1);
    } else {
      text = kNoEvent;
      expected_events.push_back(0);
    }
    lines += JsonLine(id, text, "2019-12-30");
  }
  std::string path = folder.Write("corpus.jsonl", lines);
  Output output = CodeAllOf({path}, 2);
  EXPECT_EQ(output.sequence, expected);
  EXPECT_EQ(output.events, expected_events);
  EXPECT_TRUE(output.all_on_calling_thread);
}

TEST(CodeAllTest, ErrorsAreReportedInInputOrder) {
  TempFolder folder;
  std::string jsonl = folder.Write("corpus.jsonl", JsonLine("j1", kZarifLavrov) + "not json\n" +
                                                       JsonLine("j3", kLavrovKerryYesterday) +
                                                       "{\"id\":\"j4\",\"text\":\"\"}\n" + JsonLine("j5", kNoEvent));
  std::string good = folder.Write("good.txt", kLavrovKerryYesterday);
  std::string empty = folder.Write("empty.txt", "");
  std::string invalid = folder.Write("invalid.txt", "لاوروف \xE1\xC7");
  std::string missing = folder.Path("missing.txt");
  std::string last = folder.Write("last.txt", kZarifLavrov);
  Output output = CodeAllOf({missing, jsonl, good, empty, invalid, last}, 2);
  EXPECT_EQ(output.sequence, (std::vector<std::string>{"!" + missing, "j1", "!" + jsonl + ":2", "j3",
                                                       "!" + jsonl + ":4", "j5", "good", "!" + empty,
                                                       "!" + invalid, "last"}));
  EXPECT_EQ(output.events, (std::vector<size_t>{1, 1, 0, 1, 1}));
  EXPECT_TRUE(output.all_on_calling_thread);
}

TEST(CodeAllTest, OneThreadAndManyThreadsAgree) {
  TempFolder folder;
  std::string lines;
  for (int k = 0; k < 12; ++k) {
    lines += JsonLine("d" + std::to_string(k), k % 2 ? kZarifLavrov : kLavrovKerryYesterday, "2016-03-25");
  }
  std::string path = folder.Write("corpus.jsonl", lines);
  Output one = CodeAllOf({path}, 1);
  Output four = CodeAllOf({path}, 4);
  EXPECT_EQ(one.sequence, four.sequence);
  EXPECT_EQ(one.events, four.events);
  EXPECT_EQ(one.sequence.size(), 12u);
}

TEST(CodeAllTest, EmptyInputCallsNothing) {
  Output output = CodeAllOf({}, 2);
  EXPECT_TRUE(output.sequence.empty());
}

}  // namespace
}  // namespace rayzan
