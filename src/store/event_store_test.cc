#include "rayzan/store.h"

#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "rayzan/pipeline.h"
#include "store/sqlite.h"

namespace rayzan {
namespace {

const std::string kShared = RAYZAN_SHARED_DIR;
const std::string kFixtures = std::string(RAYZAN_DATA_DIR) + "/../tests/fixtures/store/";

class TempDirectory {
 public:
  TempDirectory() {
    char pattern[] = "/tmp/rayzan_store_test_XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDirectory() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

class StoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto pipeline = Pipeline::Create({});
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
    pipeline_ = std::move(pipeline).value().release();
  }
  static void TearDownTestSuite() { delete pipeline_; }

  std::unique_ptr<EventStore> OpenStore() {
    StoreOptions options;
    options.knowledge_base = std::shared_ptr<const KnowledgeBase>(&pipeline_->knowledge_base(),
                                                                  [](const KnowledgeBase*) {});
    auto store = EventStore::Open(directory_.File("test.db"), options);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return std::move(store).value();
  }

  IngestSummary Ingest(EventStore& store, std::vector<std::string> paths) {
    ArticleReader reader(std::move(paths));
    IngestOptions options;
    options.threads = 2;
    options.batch_articles = 7;  // several batches even for small inputs
    auto summary = store.Ingest(*pipeline_, reader, options);
    EXPECT_TRUE(summary.ok()) << summary.status().message();
    return summary.ok() ? summary.value() : IngestSummary{};
  }

  static std::vector<EventRecord> Events(const EventStore& store, EventQuery query) {
    auto page = store.FindEvents(query);
    EXPECT_TRUE(page.ok()) << page.status().message();
    return page.ok() ? page.value().events : std::vector<EventRecord>{};
  }

  // What the pipeline itself finds in `paths`: (doc, participants) per event.
  static std::vector<std::pair<std::string, std::set<std::string>>> Coded(std::vector<std::string> paths) {
    std::vector<std::pair<std::string, std::set<std::string>>> events;
    ArticleReader reader(std::move(paths));
    CodeAll(
        *pipeline_, reader, 2,
        [&](const CodedArticle& article) {
          for (const Event& event : article.events) {
            std::set<std::string> names;
            for (const Actor& actor : event.actors) names.insert(actor.name);
            events.emplace_back(article.article.doc, names);
          }
        },
        [](const InputError&) {});
    return events;
  }

  static size_t CountWith(const std::vector<std::pair<std::string, std::set<std::string>>>& events,
                          const std::string& name) {
    return std::count_if(events.begin(), events.end(), [&](const auto& e) { return e.second.count(name) > 0; });
  }

  static std::string Participants(const EventRecord& event) {
    std::vector<std::string> names;
    for (const StoredActor& actor : event.actors) names.push_back(actor.name);
    std::sort(names.begin(), names.end());
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : " + ") + name;
    return out;
  }

  static const Pipeline* pipeline_;
  TempDirectory directory_;
};

const Pipeline* StoreTest::pipeline_ = nullptr;

TEST_F(StoreTest, IngestsSeedsAndReingestingAddsNothing) {
  auto store = OpenStore();
  IngestSummary first = Ingest(*store, {kShared + "/seeds"});
  EXPECT_EQ(first.articles_added, 5);
  EXPECT_EQ(first.mentions_added, static_cast<int64_t>(Coded({kShared + "/seeds"}).size()));
  auto before = store->Stats();
  ASSERT_TRUE(before.ok());
  IngestSummary again = Ingest(*store, {kShared + "/seeds"});
  EXPECT_EQ(again.articles_read, 5);
  EXPECT_EQ(again.articles_added, 0);
  EXPECT_EQ(again.articles_present, 5);
  EXPECT_EQ(again.mentions_added, 0);
  auto after = store->Stats();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after.value().articles, before.value().articles);
  EXPECT_EQ(after.value().mentions, before.value().mentions);
  EXPECT_EQ(after.value().events, before.value().events);
  EXPECT_EQ(after.value().actors, before.value().actors);
}

TEST_F(StoreTest, BlinkenLavrovStockholmMeetingAppearsOnceWithItsSource) {
  auto store = OpenStore();
  // Seed 002 (Arabic, Sputnik) reports the Stockholm meeting; the Persian
  // seeds report other contacts of the same pair. Ingesting them together,
  // twice, must leave exactly one Stockholm event.
  Ingest(*store, {kShared + "/seeds"});
  Ingest(*store, {kShared + "/seeds/002_f9df47be515c0267.txt"});
  EventQuery query;
  query.actors = {"Blinken", "لاوروف"};
  query.date_from = "2021-12-01";
  query.date_to = "2021-12-31";
  std::vector<EventRecord> events = Events(*store, query);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].date_from, "2021-12-02");
  EXPECT_EQ(events[0].city, "Stockholm");
  EXPECT_EQ(events[0].country, "SE");
  EXPECT_EQ(events[0].mode, "meet");
  EXPECT_EQ(events[0].source_count, 1);
  EXPECT_EQ(events[0].languages, std::vector<std::string>{"ar"});
  auto detail = store->GetEvent(events[0].id);
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail.value().mentions.size(), 1u);
  EXPECT_EQ(detail.value().mentions[0].doc, "002_f9df47be515c0267");
  EXPECT_NE(detail.value().mentions[0].evidence.find("ستوكهولم"), std::string::npos);

  // The pair is one pair whatever the language: the Arabic report (بلينكن،
  // لافروف) and the Persian ones (بلینکن، لاوروف) resolve to the same two
  // knowledge-base actors.
  EventQuery pair;
  pair.actors = {"بلينكن", "لافروف"};
  std::set<std::string> languages;
  std::set<int64_t> actor_ids;
  for (const EventRecord& event : Events(*store, pair)) {
    languages.insert(event.languages.begin(), event.languages.end());
    for (const StoredActor& actor : event.actors) actor_ids.insert(actor.id);
  }
  EXPECT_EQ(languages, (std::set<std::string>{"ar", "fa"}));
  EXPECT_EQ(actor_ids.size(), 2u);
  ASSERT_FALSE(detail.value().mentions[0].evidence_spans.empty());
  EXPECT_LT(detail.value().mentions[0].evidence_spans[0].start, detail.value().mentions[0].evidence_spans[0].end);
}

TEST_F(StoreTest, FindsEventsByAnySpellingOrIdOfAnActor) {
  auto store = OpenStore();
  Ingest(*store, {kShared + "/seeds"});
  auto ids_of = [&](const std::string& actor) {
    EventQuery query;
    query.actors = {actor};
    std::set<int64_t> ids;
    for (const EventRecord& event : Events(*store, query)) ids.insert(event.id);
    return ids;
  };
  std::set<int64_t> persian = ids_of("لاوروف");
  // The seeds report distinct contacts: one event per coded Lavrov event.
  EXPECT_EQ(persian.size(), CountWith(Coded({kShared + "/seeds"}), "Sergey Lavrov"));
  EXPECT_GE(persian.size(), 4u);
  EXPECT_EQ(ids_of("لافروف"), persian);         // Arabic spelling
  EXPECT_EQ(ids_of("Sergey Lavrov"), persian);  // English
  EXPECT_EQ(ids_of("rz:sergey-lavrov"), persian);
  EXPECT_TRUE(ids_of("Nobody Atall").empty());

  EventQuery pair;
  pair.actors = {"John Kerry", "لاوروف"};
  std::vector<EventRecord> events = Events(*store, pair);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].city, "Moscow");

  EventQuery planned;
  planned.statuses = {"planned"};
  planned.date_from = "2022";
  std::vector<EventRecord> plans = Events(*store, planned);
  ASSERT_FALSE(plans.empty());
  for (const EventRecord& event : plans) {
    EXPECT_EQ(event.status, "planned");
    EXPECT_GE(event.date_to, "2022-01-01");
  }
}

TEST_F(StoreTest, MergesTwentyTwoSaudiReportsOfOneMeetingCountingCopiesOnce) {
  // 22 real articles of 11 Saudi outlets (saudinewsnet, 5-11 August 2015)
  // reporting Mohammed bin Salman's meeting with King Abdullah II in Jordan;
  // several are the SPA wire story reposted word for word.
  auto store = OpenStore();
  IngestSummary summary = Ingest(*store, {kFixtures + "abdullah_mbs_aqaba_2015.jsonl"});
  EXPECT_EQ(summary.articles_added, 22);
  EXPECT_GT(summary.exact_duplicates + summary.near_duplicates, 5);
  EventQuery query;
  query.actors = {"عبدالله الثاني", "محمد بن سلمان"};
  query.modes = {"meet"};
  std::vector<EventRecord> events = Events(*store, query);
  ASSERT_FALSE(events.empty());
  const EventRecord& meeting = events[0];
  EXPECT_EQ(meeting.date_from, "2015-08-05");
  EXPECT_EQ(meeting.country, "JO");
  EXPECT_EQ(meeting.article_count, 22);
  EXPECT_LT(meeting.source_count, meeting.article_count);  // copies count once
  EXPECT_GE(meeting.outlets.size(), 8u);
  auto detail = store->GetEvent(meeting.id);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail.value().mentions.size(), static_cast<size_t>(meeting.mention_count));
  EXPECT_EQ(detail.value().mentions.front().published, meeting.first_reported);
}

TEST_F(StoreTest, KeepsConflictingReportsAndLinksPlansToMeetings) {
  // 33 real reports (saudinewsnet, 31 July-10 August 2015) of John Kerry and
  // Sergey Lavrov's contacts: the announced Doha meeting, the meeting, the
  // Kuala Lumpur one. Outlets disagree on dates.
  auto store = OpenStore();
  Ingest(*store, {kFixtures + "kerry_lavrov_aug2015.jsonl"});
  EventQuery query;
  query.actors = {"کری", "لاوروف"};
  std::vector<EventRecord> events = Events(*store, query);
  ASSERT_GE(events.size(), 3u);
  int conflicting = 0, linked = 0;
  for (const EventRecord& event : events) {
    if (event.conflicting_dates || event.conflicting_places) {
      ++conflicting;
      auto detail = store->GetEvent(event.id);
      ASSERT_TRUE(detail.ok());
      EXPECT_GE(detail.value().variants.size(), 2u);
    }
    if (event.status == "planned" && event.occurred_event_id) {
      ++linked;
      auto occurred = store->GetEvent(event.occurred_event_id);
      ASSERT_TRUE(occurred.ok());
      EXPECT_EQ(occurred.value().event.status, "occurred");
      EXPECT_EQ(Participants(occurred.value().event), Participants(event));
      EXPECT_NE(std::find(occurred.value().planned_by.begin(), occurred.value().planned_by.end(), event.id),
                occurred.value().planned_by.end());
    }
  }
  EXPECT_GE(conflicting, 1);
  EXPECT_GE(linked, 1);
}

TEST_F(StoreTest, SearchNormalizesPersianAndArabicSpellings) {
  auto store = OpenStore();
  Ingest(*store, {kShared + "/seeds"});
  auto docs_for = [&](const std::string& text) {
    SearchQuery query;
    query.text = text;
    auto hits = store->Search(query);
    EXPECT_TRUE(hits.ok()) << hits.status().message();
    std::set<std::string> docs;
    if (hits.ok()) {
      for (const SearchHit& hit : hits.value()) docs.insert(hit.article.doc.substr(0, 3));
    }
    return docs;
  };
  // Seed 000 writes بلینکن with Persian ی/ک, seed 002 بلينكن with Arabic ي/ك.
  std::set<std::string> persian = docs_for("بلینکن");
  std::set<std::string> arabic = docs_for("بلينكن");
  EXPECT_EQ(persian, arabic);
  EXPECT_TRUE(persian.count("000"));
  EXPECT_EQ(docs_for("ستوكهولم"), (std::set<std::string>{"002"}));
  EXPECT_EQ(docs_for("ستوکهولم"), (std::set<std::string>{"002"}));  // Persian kaf
  EXPECT_EQ(docs_for("۲۰۲۱"), docs_for("2021"));                     // Persian digits
  SearchQuery query;
  query.text = "ستوكهولم";
  auto hits = store->Search(query);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits.value().size(), 1u);
  EXPECT_NE(hits.value()[0].snippet.find("[ستوكهولم]"), std::string::npos);
  EXPECT_FALSE(hits.value()[0].events.empty());
}

TEST_F(StoreTest, ActorsPairsAndStats) {
  auto store = OpenStore();
  Ingest(*store, {kShared + "/seeds"});
  auto coded = Coded({kShared + "/seeds"});
  auto actors = store->FindActors({});
  ASSERT_TRUE(actors.ok());
  ASSERT_FALSE(actors.value().empty());
  for (const ActorSummary& actor : actors.value()) {
    EXPECT_EQ(static_cast<size_t>(actor.event_count), CountWith(coded, actor.actor.name)) << actor.actor.name;
  }
  EXPECT_TRUE(actors.value()[0].actor.name == "Sergey Lavrov" || actors.value()[0].actor.name == "Antony Blinken");
  auto pairs = store->TopPairs(0, 5);
  ASSERT_TRUE(pairs.ok());
  ASSERT_FALSE(pairs.value().empty());
  std::set<std::string> top = {pairs.value()[0].first.name, pairs.value()[0].second.name};
  EXPECT_EQ(top, (std::set<std::string>{"Antony Blinken", "Sergey Lavrov"}));
  EXPECT_EQ(static_cast<size_t>(pairs.value()[0].event_count),
            std::count_if(coded.begin(), coded.end(), [](const auto& e) {
              return e.second.count("Antony Blinken") && e.second.count("Sergey Lavrov");
            }));
  auto detail = store->GetActor(actors.value()[0].actor.id);
  ASSERT_TRUE(detail.ok());
  EXPECT_FALSE(detail.value().events_per_month.empty());
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats.value().articles, 5);
  EXPECT_EQ(stats.value().events, static_cast<int64_t>(coded.size()));
  auto article = store->GetArticle(detail.value().summary.actor.id > 0 ? 3 : 1);
  ASSERT_TRUE(article.ok());
  EXPECT_FALSE(article.value().text.empty());
  EXPECT_FALSE(store->GetEvent(99999).ok());
}

TEST_F(StoreTest, ExportFormatsHaveTheirDocumentedColumns) {
  auto store = OpenStore();
  Ingest(*store, {kShared + "/seeds/002_f9df47be515c0267.txt"});
  std::vector<EventRecord> events = Events(*store, {});
  ASSERT_FALSE(events.empty());
  auto count = [](const std::string& line, char separator) { return std::count(line.begin(), line.end(), separator); };
  std::string gdelt = FormatEvent(events[0], EventFormat::kGdelt);
  EXPECT_EQ(count(gdelt, '\t'), count(EventHeader(EventFormat::kGdelt), '\t'));
  EXPECT_EQ(gdelt.substr(0, gdelt.find('\t', gdelt.find('\t') + 1)), std::to_string(events[0].id) + "\t" +
                                                                      events[0].date_from.substr(0, 4) +
                                                                      events[0].date_from.substr(5, 2) +
                                                                      events[0].date_from.substr(8, 2));
  EXPECT_NE(FormatEvent(events[0], EventFormat::kPlover).find("\"event_type\":\"CONSULT\""), std::string::npos);
  EXPECT_NE(FormatEvent(events[0], EventFormat::kJsonLines).find("\"sources\":1"), std::string::npos);
  EXPECT_EQ(FormatEvent(events[0], EventFormat::kCsv).substr(0, 2), std::to_string(events[0].id) + ",");
  EXPECT_FALSE(EventFormatFromName("xml").ok());
}

TEST_F(StoreTest, ReadOnlyOpenOfMissingFileFails) {
  StoreOptions options;
  options.read_only = true;
  auto store = EventStore::Open(directory_.File("missing.db"), options);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("missing.db"), std::string::npos);
}

// kill -9 in the middle of an ingest, then the same command again: the same
// counts as one uninterrupted run. Runs the rayzan binary built beside this
// test.
std::map<std::string, int64_t> Counts(const std::string& path) {
  std::map<std::string, int64_t> counts;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  for (const char* table : {"articles", "mentions", "events", "actors", "places", "actor_pairs"}) {
    store_internal::Statement count(db, std::string("SELECT count(*) FROM ") + table);
    if (count.Step()) counts[table] = count.Int(0);
  }
  {
    store_internal::Statement duplicates(db, "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL");
    if (duplicates.Step()) counts["duplicates"] = duplicates.Int(0);
    store_internal::Statement sources(db, "SELECT total(source_count), total(mention_count) FROM events");
    if (sources.Step()) {
      counts["sum_sources"] = static_cast<int64_t>(sources.Double(0));
      counts["sum_mentions"] = static_cast<int64_t>(sources.Double(1));
    }
    store_internal::Statement integrity(db, "PRAGMA quick_check");
    if (integrity.Step()) {
      EXPECT_EQ(integrity.Text(0), "ok");
    }
  }
  sqlite3_close_v2(db);
  return counts;
}

// Runs `rayzan ingest --db DB INPUTS...` (inputs separated by spaces).
pid_t StartIngest(const std::string& binary, const std::string& db, const std::string& inputs) {
  std::vector<std::string> args = {binary, "ingest", "--db", db, "--batch", "50", "--threads", "2",
                                   "--no-progress", "--quiet"};
  std::istringstream words(inputs);
  for (std::string word; words >> word;) args.push_back(word);
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(StoreKillTest, IngestKilledMidwayResumesToTheSameCountsAndReingestAddsNothing) {
  std::string binary = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "rayzan";
  if (access(binary.c_str(), X_OK) != 0) GTEST_SKIP() << "no rayzan binary beside the test: " << binary;
  TempDirectory directory;
  // 400 real articles from each news corpus (Persian Fars News; Arabic
  // saudinewsnet with its many reposts, BBC/CNN/France24/Sky/Al Arabiya,
  // Jawhara FM) and the seeds: 1,605 inputs, a few of them empty (input errors).
  std::string input = directory.File("articles.jsonl");
  {
    std::ofstream out(input);
    for (const char* corpus : {"farsnews-fa/farsnews_1491.jsonl", "saudinewsnet-ar/saudinewsnet_subset.jsonl",
                               "ant-arabic-news-multisource/ant_multisource_subset.jsonl",
                               "ant-arabic-news-jawharafm/ant_jawharafm_v1.1_subset.jsonl"}) {
      std::ifstream in(kShared + "/corpora/" + corpus);
      std::string line;
      for (int i = 0; i < 400 && std::getline(in, line); ++i) out << line << '\n';
    }
  }
  input += std::string(" ") + kShared + "/seeds";
  std::string clean = directory.File("clean.db"), killed = directory.File("killed.db");
  int status = Wait(StartIngest(binary, clean, input));
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_LE(WEXITSTATUS(status), 1) << "rayzan ingest failed (status 2: usage, data or database error)";
  std::map<std::string, int64_t> expected = Counts(clean);
  ASSERT_GT(expected["articles"], 1500);
  ASSERT_GT(expected["duplicates"], 20);

  for (int64_t threshold : {100, 700}) {
    pid_t pid = StartIngest(binary, killed, input);
    // Wait until some batches are committed, then kill -9 mid-batch.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    bool killed_midway = false;
    while (std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      int child = 0;
      if (waitpid(pid, &child, WNOHANG) == pid) {
        pid = 0;
        break;
      }
      struct stat info;
      if (stat(killed.c_str(), &info) != 0) continue;
      sqlite3* db = nullptr;
      int64_t committed = 0;
      if (sqlite3_open_v2(killed.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 1000);
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW) {
          committed = sqlite3_column_int64(statement, 0);
        }
        sqlite3_finalize(statement);
      }
      sqlite3_close_v2(db);
      if (committed >= threshold) {
        kill(pid, SIGKILL);
        Wait(pid);
        pid = 0;
        killed_midway = true;
        break;
      }
    }
    if (pid) {
      kill(pid, SIGKILL);
      Wait(pid);
    }
    EXPECT_TRUE(killed_midway) << "the ingest finished before " << threshold << " articles were committed";
    std::map<std::string, int64_t> partial = Counts(killed);  // consistent: integrity checked
    EXPECT_LT(partial["articles"], expected["articles"]);
    EXPECT_EQ(partial["sum_mentions"], partial["mentions"]);
  }
  status = Wait(StartIngest(binary, killed, input));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(Counts(killed), expected);
  // And once more: nothing is added.
  status = Wait(StartIngest(binary, killed, input));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(Counts(killed), expected);
}

}  // namespace
}  // namespace rayzan
