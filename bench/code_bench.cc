// code_bench: throughput and peak memory of coding real articles.
//
// Workload (fixed, documented): every article of the four news corpora in
// ../shared/corpora — farsnews-fa (1,491 Persian), saudinewsnet-ar (6,908
// Arabic), ant-arabic-news-multisource (8,426 Arabic), ant-arabic-news-jawharafm
// (2,731 Arabic) — 19,556 articles, read from JSON Lines exactly as
// `rayzan code` reads them, coded through the same Pipeline and CodeAll, on 1
// thread and on 2 threads. Output formatting is included (each event is
// serialized to JSON and discarded) so the figure is that of the command.
//
// Prints, per thread count: articles, events, seconds, articles/s and
// articles/s per thread. Peak resident memory of the whole run is printed
// last (getrusage), and start-up (loading every data file) separately.
//
// usage: code_bench [--threads 1,2] [--repeat N] [FILE.jsonl...]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "rayzan/pipeline.h"

#ifndef RAYZAN_SHARED_DIR
#define RAYZAN_SHARED_DIR "../shared"
#endif

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> thread_counts = {1, 2};
  int repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) {
      thread_counts.clear();
      std::stringstream list(argv[++i]);
      for (std::string item; std::getline(list, item, ',');) thread_counts.push_back(std::stoi(item));
    } else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) {
      repeat = std::stoi(argv[++i]);
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty()) {
    const std::string corpora = std::string(RAYZAN_SHARED_DIR) + "/corpora/";
    files = {corpora + "farsnews-fa/farsnews_1491.jsonl", corpora + "saudinewsnet-ar/saudinewsnet_subset.jsonl",
             corpora + "ant-arabic-news-multisource/ant_multisource_subset.jsonl",
             corpora + "ant-arabic-news-jawharafm/ant_jawharafm_v1.1_subset.jsonl"};
  }
  auto start = std::chrono::steady_clock::now();
  auto pipeline = rayzan::Pipeline::Create({});
  if (!pipeline.ok()) {
    std::fprintf(stderr, "code_bench: %s\n", pipeline.status().message().c_str());
    return 2;
  }
  std::printf("start-up (load every data file): %.3f s, %zu people in the knowledge base\n", Seconds(start),
              pipeline.value()->knowledge_base().person_count());
  std::printf("%-8s %10s %8s %10s %12s %18s\n", "threads", "articles", "events", "seconds", "articles/s",
              "articles/s/thread");
  for (int threads : thread_counts) {
    uint64_t articles = 0, events = 0, errors = 0, bytes = 0;
    auto begin = std::chrono::steady_clock::now();
    for (int r = 0; r < repeat; ++r) {
      rayzan::ArticleReader reader(files);
      rayzan::CodeAll(
          *pipeline.value(), reader, threads,
          [&](const rayzan::CodedArticle& article) {
            ++articles;
            for (const rayzan::Event& event : article.events) {
              bytes += rayzan::EventToJson(article, event).size();
              ++events;
            }
          },
          [&](const rayzan::InputError&) { ++errors; });
    }
    double seconds = Seconds(begin);
    std::printf("%-8d %10llu %8llu %10.2f %12.0f %18.0f\n", threads, static_cast<unsigned long long>(articles),
                static_cast<unsigned long long>(events), seconds, articles / seconds, articles / seconds / threads);
    if (errors) std::printf("         (%llu inputs rejected: empty or invalid texts in the corpora)\n",
                            static_cast<unsigned long long>(errors));
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak resident memory: %.1f MB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
