// API tests: every endpoint and every error path, on a database ingested from
// the shared seed articles (four Persian, one Arabic) in a temporary folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "rayzan/kb.h"
#include "rayzan/pipeline.h"
#include "rayzan/serve.h"
#include "rayzan/store.h"

namespace rayzan {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class ApiRouterTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = fs::temp_directory_path() / ("rayzan-serve-test-" + std::to_string(::getpid()));
    fs::create_directories(directory_);
    std::string path = (directory_ / "seeds.db").string();
    auto pipeline = Pipeline::Create({});
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
    {
      auto writer = EventStore::Open(path);
      ASSERT_TRUE(writer.ok()) << writer.status().message();
      ArticleReader reader({std::string(RAYZAN_SHARED_DIR) + "/seeds"});
      IngestOptions options;
      options.threads = 1;
      auto summary = writer.value()->Ingest(*pipeline.value(), reader, options);
      ASSERT_TRUE(summary.ok()) << summary.status().message();
    }
    auto kb = KnowledgeBase::Load({KnowledgeBase::BundledDirectory()});
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    knowledge_base_ = kb.value();
    StoreOptions options;
    options.read_only = true;
    options.knowledge_base = knowledge_base_;
    auto store = EventStore::Open(path, options);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value().release();
    router_ = new ApiRouter(*store_, knowledge_base_);
  }

  static void TearDownTestSuite() {
    delete router_;
    delete store_;
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
  }

  // GET `path?query`; the body parsed as JSON (null when it is not JSON).
  static std::pair<int, json> Get(std::string_view path, std::string_view query = "") {
    HttpResponse response = router_->Handle("GET", path, query);
    return {response.status, json::parse(response.body, nullptr, false)};
  }

  static std::string ErrorMessage(std::string_view path, std::string_view query, int expected_status) {
    auto [status, body] = Get(path, query);
    EXPECT_EQ(status, expected_status) << path << "?" << query << ": " << body.dump();
    EXPECT_EQ(body["error"]["status"], expected_status);
    return body["error"]["message"].is_string() ? body["error"]["message"].get<std::string>() : "";
  }

  static std::vector<int64_t> EventIds(std::string_view query) {
    auto [status, body] = Get("/api/v1/events", query);
    EXPECT_EQ(status, 200) << query << ": " << body.dump();
    std::vector<int64_t> ids;
    for (const json& event : body["events"]) ids.push_back(event["id"]);
    return ids;
  }

  // The Stockholm meeting of Blinken and Lavrov on 2021-12-02 (seed 002, Arabic).
  static json StockholmMeeting() {
    auto [status, body] = Get("/api/v1/events", "actor=Lavrov&from=2021-12-02&to=2021-12-02&mode=meet");
    EXPECT_EQ(status, 200);
    for (const json& event : body["events"]) {
      if (event["location"].is_object() && event["location"]["city"] == "Stockholm") return event;
    }
    ADD_FAILURE() << "no Stockholm meeting in " << body.dump();
    return json();
  }

  static inline fs::path directory_;
  static inline std::shared_ptr<const KnowledgeBase> knowledge_base_;
  static inline EventStore* store_ = nullptr;
  static inline ApiRouter* router_ = nullptr;
};

TEST_F(ApiRouterTest, IndexListsTheEndpoints) {
  auto [status, body] = Get("/api/v1");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body["api"], "v1");
  EXPECT_GE(body["endpoints"].size(), 11u);
  EXPECT_EQ(Get("/api/v1/").first, 200);
}

TEST_F(ApiRouterTest, EventListPagesThroughEveryEvent) {
  auto [status, body] = Get("/api/v1/events", "per_page=2&sort=date");
  ASSERT_EQ(status, 200) << body.dump();
  int64_t total = body["total"];
  ASSERT_GE(total, 5);
  EXPECT_EQ(body["page"], 1);
  EXPECT_EQ(body["per_page"], 2);
  EXPECT_EQ(body["pages"], (total + 1) / 2);
  EXPECT_EQ(body["events"].size(), 2u);
  std::set<int64_t> seen;
  for (int64_t page = 1; page <= body["pages"].get<int64_t>(); ++page) {
    for (int64_t id : EventIds("per_page=2&sort=date&page=" + std::to_string(page))) seen.insert(id);
  }
  EXPECT_EQ(static_cast<int64_t>(seen.size()), total);
}

TEST_F(ApiRouterTest, EventHasSummaryLineAndEvidence) {
  json event = StockholmMeeting();
  ASSERT_TRUE(event.is_object());
  EXPECT_EQ(event["date"]["from"], "2021-12-02");
  EXPECT_EQ(event["status"], "occurred");
  EXPECT_EQ(event["languages"], json::array({"ar"}));
  std::string summary = event["summary"];
  EXPECT_NE(summary.find("Antony Blinken"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Sergey Lavrov"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Stockholm, Sweden on 2021-12-02 (occurred)"), std::string::npos) << summary;
}

TEST_F(ApiRouterTest, ActorInAnyScriptGivesTheSameEvents) {
  std::vector<int64_t> latin = EventIds("actor=Lavrov");
  ASSERT_FALSE(latin.empty());
  EXPECT_EQ(EventIds("actor=%D9%84%D8%A7%D9%88%D8%B1%D9%88%D9%81"), latin);  // لاوروف (Persian)
  EXPECT_EQ(EventIds("actor=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81"), latin);  // لافروف (Arabic)
  EXPECT_EQ(EventIds("actor=Sergey+Lavrov"), latin);
}

TEST_F(ApiRouterTest, FiltersNarrowTheList) {
  auto all = EventIds("per_page=500");
  auto phone = EventIds("mode=phone&per_page=500");
  auto planned = EventIds("status=planned&per_page=500");
  auto arabic = EventIds("language=ar&per_page=500");
  EXPECT_LT(phone.size(), all.size());
  EXPECT_FALSE(phone.empty());
  EXPECT_FALSE(planned.empty());
  EXPECT_FALSE(arabic.empty());
  EXPECT_EQ(EventIds("mode=meet,phone&per_page=500").size(), EventIds("mode=meet&mode=phone&per_page=500").size());
  EXPECT_EQ(EventIds("country=se"), EventIds("country=SE"));
  EXPECT_TRUE(EventIds("from=2030").empty());
  EXPECT_EQ(EventIds("actor=Lavrov&actor=Blinken&from=2021-12&to=2021-12").size(), 1u);
  EXPECT_EQ(EventIds("pair=Lavrov,Blinken"), EventIds("actor=Lavrov&actor=Blinken"));
  for (const char* sort : {"date", "-date", "sources", "reported"}) {
    EXPECT_EQ(EventIds(std::string("per_page=500&sort=") + sort).size(), all.size()) << sort;
  }
}

TEST_F(ApiRouterTest, EventListRejectsEveryBadParameter) {
  EXPECT_NE(ErrorMessage("/api/v1/events", "from=2021-13-01", 400).find("'from'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "to=2021-02-30", 400).find("'to'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "from=yesterday", 400).find("YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "from=2022&to=2021", 400).find("after"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "actor=Nobody+Atall", 404).find("unknown actor 'Nobody Atall'"),
            std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "actor=", 400).find("'actor'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "actor=a&actor=b&actor=c&actor=d&actor=e", 400).find("at most 4"),
            std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "pair=Lavrov", 400).find("'pair'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "mode=lunch", 400).find("meet, phone"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "status=rumoured", 400).find("'status'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "language=klingon", 400).find("'language'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "country=Russia", 400).find("ISO 3166"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "country=R1", 400).find("ISO 3166"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "type=ASSAULT", 400).find("'type'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "sort=random", 400).find("'sort'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "min_sources=-1", 400).find("'min_sources'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "per_page=0", 400).find("'per_page'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "per_page=501", 400).find("'per_page'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "page=0", 400).find("'page'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "page=abc", 400).find("'page'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "page=99999999999999999999", 400).find("'page'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "per_page=500&page=21", 400).find("10000 rows"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "page=2", 400).find("page 2 is out of range"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "page=1&page=2", 400).find("more than once"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events", "colour=blue", 400).find("unknown parameter 'colour'"), std::string::npos);
}

TEST_F(ApiRouterTest, OneEventHasMentionsSourcesAndSpans) {
  json meeting = StockholmMeeting();
  ASSERT_TRUE(meeting.is_object());
  auto [status, body] = Get("/api/v1/events/" + std::to_string(meeting["id"].get<int64_t>()));
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["event"]["id"], meeting["id"]);
  ASSERT_FALSE(body["mentions"].empty());
  const json& mention = body["mentions"][0];
  EXPECT_EQ(mention["language"], "ar");
  ASSERT_FALSE(mention["evidence_spans"].empty());
  EXPECT_LT(mention["evidence_spans"][0]["start"].get<int64_t>(), mention["evidence_spans"][0]["end"].get<int64_t>());
  EXPECT_NE(mention["evidence"].get<std::string>().find("لافروف"), std::string::npos);
  ASSERT_FALSE(body["sources"].empty());
  EXPECT_TRUE(body["variants"].is_array());
  EXPECT_TRUE(body["planned_by"].is_array());
}

TEST_F(ApiRouterTest, OneEventErrors) {
  EXPECT_NE(ErrorMessage("/api/v1/events/999999", "", 404).find("no event 999999"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events/abc", "", 400).find("positive integer"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events/0", "", 400).find("positive integer"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events/1", "verbose=1", 400).find("unknown parameter"), std::string::npos);
  ErrorMessage("/api/v1/events/1/mentions", "", 404);
}

TEST_F(ApiRouterTest, ExportsTheFilterInEachFormat) {
  size_t total = EventIds("actor=Lavrov").size();
  for (const char* format : {"csv", "jsonl", "plover"}) {
    HttpResponse response = router_->Handle("GET", "/api/v1/events/export", std::string("actor=Lavrov&format=") + format);
    ASSERT_EQ(response.status, 200) << format << ": " << response.body;
    size_t lines = std::count(response.body.begin(), response.body.end(), '\n');
    EXPECT_EQ(lines, total + (std::string(format) == "csv" ? 1 : 0)) << format;
    bool attachment = false;
    for (const auto& [name, value] : response.headers) attachment |= name == "Content-Disposition";
    EXPECT_TRUE(attachment) << format;
    if (std::string(format) != "csv") {
      std::string first = response.body.substr(0, response.body.find('\n'));
      EXPECT_FALSE(json::parse(first, nullptr, false).is_discarded()) << first;
    } else {
      EXPECT_EQ(response.content_type, "text/csv; charset=utf-8");
    }
  }
  EXPECT_NE(ErrorMessage("/api/v1/events/export", "", 400).find("'format' is required"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events/export", "format=xml", 400).find("'format'"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/events/export", "format=csv&page=2", 400).find("unknown parameter 'page'"),
            std::string::npos);
  ErrorMessage("/api/v1/events/export", "format=csv&from=2021-99", 400);
}

TEST_F(ApiRouterTest, ActorsSearchInAnyScriptAndShowRolesOverTime) {
  auto [status, body] = Get("/api/v1/actors", "q=%D9%84%D8%A7%D9%88%D8%B1%D9%88%D9%81");  // لاوروف
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_FALSE(body["actors"].empty());
  EXPECT_EQ(body["actors"][0]["name"], "Sergey Lavrov");
  auto [latin_status, latin] = Get("/api/v1/actors", "q=Lavrov");
  EXPECT_EQ(latin["actors"][0]["id"], body["actors"][0]["id"]);
  int64_t id = body["actors"][0]["id"];
  auto [show_status, show] = Get("/api/v1/actors/" + std::to_string(id));
  ASSERT_EQ(show_status, 200) << show.dump();
  EXPECT_EQ(show["actor"]["name"], "Sergey Lavrov");
  ASSERT_FALSE(show["roles"].empty());
  bool foreign_minister = false;
  for (const json& role : show["roles"]) foreign_minister |= role["office"] == "foreign_minister" && role["jurisdiction"] == "RU";
  EXPECT_TRUE(foreign_minister) << show["roles"].dump();
  EXPECT_FALSE(show["partners"].empty());
  EXPECT_FALSE(show["events_per_month"].empty());

  auto [all_status, all] = Get("/api/v1/actors", "per_page=1");
  EXPECT_EQ(all_status, 200);
  EXPECT_TRUE(all["has_more"].get<bool>());
  EXPECT_EQ(Get("/api/v1/actors", "kind=person").first, 200);
  ErrorMessage("/api/v1/actors", "kind=animal", 400);
  EXPECT_NE(ErrorMessage("/api/v1/actors", "per_page=500&page=20", 400).find("out of range"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/actors/999999", "", 404).find("no actor"), std::string::npos);
  ErrorMessage("/api/v1/actors/-3", "", 400);
}

TEST_F(ApiRouterTest, PairsCountSharedEvents) {
  auto [status, body] = Get("/api/v1/pairs");
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_FALSE(body["pairs"].empty());
  EXPECT_GE(body["pairs"][0]["events"].get<int>(), 1);
  auto [lavrov_status, lavrov] = Get("/api/v1/pairs", "actor=Lavrov&limit=5");
  ASSERT_EQ(lavrov_status, 200) << lavrov.dump();
  for (const json& pair : lavrov["pairs"]) {
    EXPECT_TRUE(pair["first"]["name"] == "Sergey Lavrov" || pair["second"]["name"] == "Sergey Lavrov") << pair.dump();
  }
  ErrorMessage("/api/v1/pairs", "actor=Nobody+Atall", 404);
  ErrorMessage("/api/v1/pairs", "limit=0", 400);
  ErrorMessage("/api/v1/pairs", "page=2", 400);
}

TEST_F(ApiRouterTest, NetworkHasWeightedEdgesBetweenItsNodes) {
  auto [status, body] = Get("/api/v1/network");
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_FALSE(body["nodes"].empty());
  ASSERT_FALSE(body["edges"].empty());
  std::set<int64_t> nodes;
  for (const json& node : body["nodes"]) nodes.insert(node["id"].get<int64_t>());
  for (const json& edge : body["edges"]) {
    EXPECT_TRUE(nodes.count(edge["source"]) && nodes.count(edge["target"])) << edge.dump();
    EXPECT_GE(edge["events"].get<int>(), 1);
  }
  EXPECT_FALSE(body["truncated"].get<bool>());
  auto [filtered_status, filtered] = Get("/api/v1/network", "actor=Lavrov&limit=2");
  EXPECT_EQ(filtered_status, 200);
  EXPECT_LE(filtered["nodes"].size(), 2u);
  ErrorMessage("/api/v1/network", "limit=501", 400);
  ErrorMessage("/api/v1/network", "mode=teleport", 400);
}

TEST_F(ApiRouterTest, ArticlesListAndShowTextWithEvents) {
  auto [status, body] = Get("/api/v1/articles", "with_events=true");
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_EQ(body["articles"].size(), 5u);
  json meeting = StockholmMeeting();
  ASSERT_TRUE(meeting.is_object());
  int64_t article = meeting["first_article_id"];
  auto [show_status, show] = Get("/api/v1/articles/" + std::to_string(article));
  ASSERT_EQ(show_status, 200) << show.dump();
  EXPECT_EQ(show["article"]["language"], "ar");
  EXPECT_NE(show["text"].get<std::string>().find("ستوكهولم"), std::string::npos);
  EXPECT_FALSE(show["mentions"].empty());
  EXPECT_FALSE(show["events"].empty());
  EXPECT_TRUE(show["copies"].is_array());
  EXPECT_EQ(Get("/api/v1/articles", "language=fa&originals=1&from=2016&to=2024-12").first, 200);
  ErrorMessage("/api/v1/articles", "originals=maybe", 400);
  ErrorMessage("/api/v1/articles", "from=2021-02-29", 400);
  ErrorMessage("/api/v1/articles", "page=3", 400);
  EXPECT_NE(ErrorMessage("/api/v1/articles/424242", "", 404).find("no article"), std::string::npos);
  ErrorMessage("/api/v1/articles/x1", "", 400);
}

TEST_F(ApiRouterTest, SearchFindsWordsInEitherSpelling) {
  auto [status, body] = Get("/api/v1/search", "q=%D8%B3%D8%AA%D9%88%D9%83%D9%87%D9%88%D9%84%D9%85");  // ستوكهولم
  ASSERT_EQ(status, 200) << body.dump();
  ASSERT_FALSE(body["hits"].empty());
  EXPECT_NE(body["hits"][0]["snippet"].get<std::string>().find('['), std::string::npos);
  EXPECT_EQ(Get("/api/v1/search", "q=%22%D9%88%D8%B2%DB%8C%D8%B1+%D8%A7%D9%85%D9%88%D8%B1%22&language=fa").first, 200);
  EXPECT_EQ(Get("/api/v1/search", "q=Lavro*").first, 200);
  EXPECT_NE(ErrorMessage("/api/v1/search", "", 400).find("'q' is required"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/search", "q=" + std::string(300, 'a'), 400).find("longer than"), std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/search", "q=a+b+c+d+e+f+g+h+i+j+k+l+m+n+o+p+q", 400).find("terms"),
            std::string::npos);
  EXPECT_NE(ErrorMessage("/api/v1/search", "q=a*", 400).find("too short"), std::string::npos);
  ErrorMessage("/api/v1/search", "q=%22unbalanced", 400);
  ErrorMessage("/api/v1/search", "q=AND+OR", 400);
  ErrorMessage("/api/v1/search", "q=Lavrov&page=40", 400);
}

TEST_F(ApiRouterTest, StatsCountWhatTheDatabaseHolds) {
  auto [status, body] = Get("/api/v1/stats", "top=5");
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["articles"], 5);
  EXPECT_GE(body["events"].get<int>(), 5);
  EXPECT_FALSE(body["events_per_month"].empty());
  EXPECT_FALSE(body["articles_per_language"].empty());
  EXPECT_LE(body["top_actors"].size(), 5u);
  ErrorMessage("/api/v1/stats", "top=1000", 400);
}

TEST_F(ApiRouterTest, RequestErrorsAreJson) {
  HttpResponse post = router_->Handle("POST", "/api/v1/events", "");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(json::parse(post.body)["error"]["status"], 405);
  ErrorMessage("/api/v2/events", "", 404);
  ErrorMessage("/api/v1/nothing", "", 404);
  ErrorMessage("/api/v1/events", "actor=%ZZ", 400);
  ErrorMessage("/api/v1/events", "actor=%D9", 400);      // a lone UTF-8 lead byte
  ErrorMessage("/api/v1/events", "actor=%00x", 400);     // NUL
  ErrorMessage("/api/v1/events/%FF", "", 400);
  ErrorMessage("/api/v1/events", std::string(5000, 'x'), 414);
}

TEST_F(ApiRouterTest, ConcurrentReadersGetTheSameAnswers) {
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"/api/v1/events", "actor=Lavrov"}, {"/api/v1/events", "sort=-date&per_page=3&page=2"},
      {"/api/v1/search", "q=Lavrov"},     {"/api/v1/actors", "q=Blinken"},
      {"/api/v1/stats", ""},              {"/api/v1/network", ""}};
  ApiOptions options;
  options.cache_bytes = 0;  // every answer from the store
  ApiRouter router(*store_, knowledge_base_, options);
  std::vector<std::string> expected;
  for (const auto& [path, query] : requests) expected.push_back(router.Handle("GET", path, query).body);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        size_t which = (t + i) % requests.size();
        if (router.Handle("GET", requests[which].first, requests[which].second).body != expected[which]) ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(ApiRouterCacheTest, AnIngestInvalidatesKeptAnswers) {
  fs::path directory = fs::temp_directory_path() / ("rayzan-cache-test-" + std::to_string(::getpid()));
  fs::create_directories(directory);
  std::string path = (directory / "cache.db").string();
  auto pipeline = Pipeline::Create({});
  ASSERT_TRUE(pipeline.ok());
  auto writer = EventStore::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  auto ingest = [&](const std::string& seed) {
    ArticleReader reader({std::string(RAYZAN_SHARED_DIR) + "/seeds/" + seed});
    ASSERT_TRUE(writer.value()->Ingest(*pipeline.value(), reader, {}).ok());
  };
  ingest("000_577ad472b90e8ddb.txt");
  StoreOptions options;
  options.read_only = true;
  auto reader = EventStore::Open(path, options);
  ASSERT_TRUE(reader.ok());
  ApiRouter router(*reader.value(), nullptr);  // the cache is on by default
  auto total = [&] { return json::parse(router.Handle("GET", "/api/v1/events", "").body)["total"].get<int>(); };
  int before = total();
  EXPECT_EQ(total(), before);  // kept
  ingest("002_f9df47be515c0267.txt");
  EXPECT_GT(total(), before);
  std::error_code ignored;
  fs::remove_all(directory, ignored);
}

// Property: whatever the query string, the router answers JSON, never 5xx.
TEST_F(ApiRouterTest, MalformedQueryStringsNeverGiveServerErrors) {
  const std::vector<std::string> paths = {"/api/v1/events", "/api/v1/events/export", "/api/v1/events/1",
                                          "/api/v1/actors", "/api/v1/actors/1", "/api/v1/pairs",
                                          "/api/v1/network", "/api/v1/articles", "/api/v1/articles/1",
                                          "/api/v1/search", "/api/v1/stats", "/api/v1"};
  const std::vector<std::string> names = {"actor", "country", "from", "to", "mode", "status", "type", "language",
                                          "source", "pair", "min_sources", "sort", "page", "per_page", "format", "q",
                                          "kind", "limit", "top", "originals", "with_events", "", "x"};
  const std::vector<std::string> values = {
      "", "0", "-1", "1", "2", "99999999999999999999", "1e3", "2021", "2021-12", "2021-12-02", "2021-02-29",
      "9999-99-99", "meet", "phone,visit", ",,,", "RU", "ru", "Lavrov", "%D9%84%D8%A7%D9%88%D8%B1%D9%88%D9%81",
      "%22", "%22Lavrov", "*", "a*", "Lav*", "NOT", "AND OR", "(", ")", "NEAR(a b)", "col:x", "^x", "%",
      "%2", "%G1", "%C0%AF", "%ED%A0%80", "%00", "+", "&", "=", "==", "csv", "jsonl", "plover", "-date",
      "true", "false", "#1", "#999999", "Q154830", "'; DROP TABLE events; --", "%E2%80%8C", "\xff"};
  std::mt19937 random(20211202);
  auto pick = [&](const std::vector<std::string>& list) { return list[random() % list.size()]; };
  for (int round = 0; round < 3000; ++round) {
    std::string query;
    int parameters = random() % 5;
    for (int i = 0; i < parameters; ++i) {
      if (i) query += random() % 10 == 0 ? "&&" : "&";
      query += pick(names);
      if (random() % 8) query += "=" + pick(values);
      if (random() % 6 == 0) query += pick(values);
    }
    std::string path = pick(paths);
    HttpResponse response = router_->Handle(random() % 20 ? "GET" : "DELETE", path, query);
    ASSERT_LT(response.status, 500) << path << "?" << query << ": " << response.body;
    if (response.content_type.starts_with("application/json")) {
      json body = json::parse(response.body, nullptr, false);
      ASSERT_FALSE(body.is_discarded()) << path << "?" << query;
      if (response.status >= 400) {
        ASSERT_TRUE(body["error"]["message"].is_string()) << path << "?" << query;
      }
    }
  }
}

}  // namespace
}  // namespace rayzan
