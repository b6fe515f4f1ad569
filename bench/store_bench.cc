// store_bench: ingest throughput, database size, peak memory and query
// latency of the event database at 100,000+ articles.
//
// Workload (fixed, documented): every article of the four news corpora in
// ../shared/corpora — farsnews-fa (1,491 Persian), saudinewsnet-ar (6,908),
// ant-arabic-news-multisource (8,426), ant-arabic-news-jawharafm (2,731
// Arabic) — 19,556 real articles, streamed through a FIFO as JSON Lines
// repeatedly until --articles (default 100,000) are written. Pass 0 is the
// corpora as they are. Pass k > 0 varies each article so that it is a new
// input rather than the same one: id and URL get a "~k" / "rz_copy=k" suffix,
// the publication date moves k × 5 years later (so relative dates such as
// "yesterday" resolve to new days) and the paragraphs are rotated by k. The
// text itself is never invented; the duplicate detector therefore links most
// variations to their originals, as it would real reposts (figures printed).
//
// The articles are ingested with EventStore::Ingest on --threads coding
// threads (default 2) in batches of 500, into a fresh database.
//
// Then, on that database, read-only, --queries (default 1,000) of each kind
// through EventStore::FindEvents (first page of 100 plus the total count):
//   actor   one of the 200 actors with most events, by name (resolved through
//           the knowledge base like `rayzan events --actor`)
//   pair    one of the 200 pairs that meet most
//   dates   a random 30-day window between 2015-01-01 and 2021-12-31
//   search  EventStore::Search for the name of a top actor (20 hits)
// Prints articles/s, database bytes per article, peak resident memory
// (getrusage) and p50/p99 latency per query kind.
//
// usage: store_bench [--articles N] [--threads N] [--queries N] [--db FILE] [--keep]
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "rayzan/date.h"
#include "rayzan/pipeline.h"
#include "rayzan/store.h"

#ifndef RAYZAN_SHARED_DIR
#define RAYZAN_SHARED_DIR "../shared"
#endif

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

double CpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int64_t FileBytes(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 ? info.st_size : 0;
}

// Pass k of one corpus line (see the file header).
std::string Vary(const std::string& line, int pass) {
  if (pass == 0) return line;
  auto json = nlohmann::json::parse(line, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return line;
  std::string suffix = "~" + std::to_string(pass);
  if (json.contains("id") && json["id"].is_string()) json["id"] = json["id"].get<std::string>() + suffix;
  if (json.contains("url") && json["url"].is_string()) {
    std::string url = json["url"];
    json["url"] = url + (url.find('?') == std::string::npos ? "?" : "&") + "rz_copy=" + std::to_string(pass);
  }
  for (const char* field : {"date", "published"}) {
    if (!json.contains(field) || !json[field].is_string()) continue;
    auto day = rayzan::CivilDate::FromIso(json[field].get<std::string>());
    if (day) json[field] = rayzan::CivilDate::FromDays(day->ToDays() + 1826 * pass).ToIso();
  }
  if (json.contains("text") && json["text"].is_string()) {
    std::vector<std::string> paragraphs;
    std::istringstream in(json["text"].get<std::string>());
    for (std::string paragraph; std::getline(in, paragraph);) paragraphs.push_back(paragraph);
    if (paragraphs.size() > 1) {
      std::rotate(paragraphs.begin(), paragraphs.begin() + pass % paragraphs.size(), paragraphs.end());
      std::string text;
      for (const std::string& paragraph : paragraphs) text += paragraph + "\n";
      json["text"] = text;
    }
  }
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

struct Latency {
  std::vector<double> millis;
  void Print(const char* name) {
    std::sort(millis.begin(), millis.end());
    auto at = [&](double q) { return millis.empty() ? 0.0 : millis[std::min(millis.size() - 1, size_t(q * millis.size()))]; };
    std::printf("  %-8s n=%-5zu p50 %7.2f ms   p99 %7.2f ms   max %7.2f ms\n", name, millis.size(), at(0.5), at(0.99),
                millis.empty() ? 0.0 : millis.back());
  }
};

}  // namespace

int main(int argc, char** argv) {
  int64_t target = 100000;
  int threads = 2, queries = 1000;
  std::string db_path;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--articles") && i + 1 < argc) {
      target = std::atoll(argv[++i]);
    } else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) {
      queries = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) {
      db_path = argv[++i];
    } else if (!std::strcmp(argv[i], "--keep")) {
      keep = true;
    } else {
      std::fprintf(stderr, "usage: store_bench [--articles N] [--threads N] [--queries N] [--db FILE] [--keep]\n");
      return 2;
    }
  }
  char pattern[] = "/tmp/store_bench_XXXXXX";
  std::string directory = mkdtemp(pattern);
  if (db_path.empty()) db_path = directory + "/bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db_path + suffix).c_str());
  const std::string corpora = std::string(RAYZAN_SHARED_DIR) + "/corpora/";
  const std::vector<std::string> files = {corpora + "farsnews-fa/farsnews_1491.jsonl",
                                          corpora + "saudinewsnet-ar/saudinewsnet_subset.jsonl",
                                          corpora + "ant-arabic-news-multisource/ant_multisource_subset.jsonl",
                                          corpora + "ant-arabic-news-jawharafm/ant_jawharafm_v1.1_subset.jsonl"};

  auto start = Clock::now();
  auto pipeline = rayzan::Pipeline::Create({});
  if (!pipeline.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", pipeline.status().message().c_str());
    return 2;
  }
  std::printf("start-up (data files): %.2f s\n", Seconds(start));
  auto store = rayzan::EventStore::Open(db_path);
  if (!store.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", store.status().message().c_str());
    return 2;
  }

  // The workload streams through a FIFO: nothing of it is held in memory.
  std::string fifo = directory + "/articles.jsonl";
  if (mkfifo(fifo.c_str(), 0600) != 0) {
    std::perror("mkfifo");
    return 2;
  }
  int64_t written = 0;
  std::thread writer([&]() {
    std::ofstream out(fifo, std::ios::binary);
    for (int pass = 0; written < target; ++pass) {
      for (const std::string& file : files) {
        std::ifstream in(file);
        for (std::string line; written < target && std::getline(in, line);) {
          if (line.empty()) continue;
          out << Vary(line, pass) << '\n';
          ++written;
        }
      }
    }
  });

  rayzan::ArticleReader reader({fifo});
  rayzan::IngestOptions options;
  options.threads = threads;
  options.batch_articles = 500;
  options.on_progress = [&](const rayzan::IngestProgress& progress) {
    if (progress.articles_read % 10000 < 500) {
      std::fprintf(stderr, "  %lld articles, %.0f/s, %lld events\n", static_cast<long long>(progress.articles_read),
                   progress.articles_per_second, static_cast<long long>(progress.events));
    }
  };
  double cpu_before = CpuSeconds();
  auto ingest_start = Clock::now();
  auto summary = store.value()->Ingest(*pipeline.value(), reader, options);
  double ingest_seconds = Seconds(ingest_start);
  double ingest_cpu = CpuSeconds() - cpu_before;
  writer.join();
  if (!summary.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", summary.status().message().c_str());
    return 1;
  }
  const rayzan::IngestSummary& s = summary.value();
  store.value().reset();  // checkpoints the WAL into the file
  int64_t bytes = FileBytes(db_path) + FileBytes(db_path + "-wal");
  std::printf("ingest: %lld articles read (%lld added, %lld input errors), %lld exact + %lld near duplicates,\n"
              "        %lld mentions, %lld events (%lld mentions merged), %lld batches\n",
              static_cast<long long>(s.articles_read), static_cast<long long>(s.articles_added),
              static_cast<long long>(s.input_errors), static_cast<long long>(s.exact_duplicates),
              static_cast<long long>(s.near_duplicates), static_cast<long long>(s.mentions_added),
              static_cast<long long>(s.events_created), static_cast<long long>(s.mentions_merged),
              static_cast<long long>(s.batches));
  std::printf("        %.1f s wall, %.1f s CPU on %d coding threads: %.0f articles/s (%.0f per CPU-second)\n",
              ingest_seconds, ingest_cpu, threads, s.articles_read / ingest_seconds, s.articles_read / ingest_cpu);
  std::printf("        of which the database work on the calling thread: %.1f CPU-s (%.0f articles per CPU-second)\n",
              s.write_seconds, s.articles_read / std::max(1e-9, s.write_seconds));
  std::printf("database: %.1f MB, %.1f KB per article\n", bytes / 1e6, bytes / 1024.0 / std::max<int64_t>(1, s.articles_added));

  // Queries.
  rayzan::StoreOptions read_options;
  read_options.read_only = true;
  read_options.knowledge_base = std::shared_ptr<const rayzan::KnowledgeBase>(&pipeline.value()->knowledge_base(),
                                                                             [](const rayzan::KnowledgeBase*) {});
  auto reader_store = rayzan::EventStore::Open(db_path, read_options);
  if (!reader_store.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", reader_store.status().message().c_str());
    return 1;
  }
  const rayzan::EventStore& db = *reader_store.value();
  rayzan::ActorQuery top_actors;
  top_actors.limit = 200;
  top_actors.kind = "person";
  auto actors = db.FindActors(top_actors);
  auto pairs = db.TopPairs(0, 200);
  if (!actors.ok() || !pairs.ok() || actors.value().empty() || pairs.value().empty()) {
    std::fprintf(stderr, "store_bench: no actors to query\n");
    return 1;
  }
  std::mt19937 random(42);
  Latency actor_latency, pair_latency, date_latency, search_latency;
  int64_t matched = 0;
  auto timed = [&](Latency& latency, const rayzan::EventQuery& query) {
    auto t = Clock::now();
    auto page = db.FindEvents(query);
    latency.millis.push_back(Seconds(t) * 1000);
    if (page.ok()) matched += page.value().total;
  };
  for (int i = 0; i < queries; ++i) {
    rayzan::EventQuery by_actor;
    by_actor.actors = {actors.value()[random() % actors.value().size()].actor.name};
    timed(actor_latency, by_actor);
    const rayzan::ActorPair& pair = pairs.value()[random() % pairs.value().size()];
    rayzan::EventQuery by_pair;
    by_pair.actors = {"#" + std::to_string(pair.first.id), "#" + std::to_string(pair.second.id)};
    timed(pair_latency, by_pair);
    rayzan::EventQuery by_dates;
    int64_t from = rayzan::CivilDate{2015, 1, 1}.ToDays() + random() % (7 * 365);
    by_dates.date_from = rayzan::CivilDate::FromDays(from).ToIso();
    by_dates.date_to = rayzan::CivilDate::FromDays(from + 29).ToIso();
    timed(date_latency, by_dates);
    rayzan::SearchQuery search;
    search.text = "\"" + actors.value()[random() % std::min<size_t>(50, actors.value().size())].actor.name + "\"";
    auto t = Clock::now();
    auto hits = db.Search(search);
    search_latency.millis.push_back(Seconds(t) * 1000);
  }
  std::printf("queries (first page of 100 + total; %lld events matched in all):\n", static_cast<long long>(matched));
  actor_latency.Print("actor");
  pair_latency.Print("pair");
  date_latency.Print("dates");
  search_latency.Print("search");
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak resident memory: %.0f MB\n", usage.ru_maxrss / 1024.0);
  std::remove(fifo.c_str());
  if (!keep) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db_path + suffix).c_str());
  }
  rmdir(directory.c_str());
  return 0;
}
