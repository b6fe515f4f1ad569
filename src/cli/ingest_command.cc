// `rayzan ingest`: code articles into the event database.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "rayzan/data_dir.h"
#include "rayzan/pipeline.h"
#include "rayzan/store.h"

namespace rayzan::cli {

namespace {

constexpr char kIngestUsage[] =
    "usage: rayzan ingest [OPTIONS] PATH...\n"
    "\n"
    "Codes articles (every input `rayzan code` takes: text files, folders,\n"
    "'-', JSON Lines) and adds them, their events and the merged real-world\n"
    "events to an SQLite database (docs/database.md). Articles already in the\n"
    "database are skipped, so running the same command again adds nothing and\n"
    "completes an interrupted run.\n"
    "\n"
    "options:\n"
    "  --db FILE             the database (default ./rayzan.db; created if missing)\n"
    "  --threads N           coding threads (default: all cores)\n"
    "  --batch N             articles per transaction (default 500)\n"
    "  --near-duplicate X    near-duplicate threshold, estimated Jaccard 0..1 (default 0.5)\n"
    "  --kb DIR              an extra knowledge-base folder (may be repeated)\n"
    "  --data DIR            the data folder (default: $RAYZAN_DATA or the bundled data/)\n"
    "  --progress / --no-progress   progress bar on standard error (default: when a terminal)\n"
    "  --quiet               no summary\n"
    "\n"
    "Exit status: 0 all inputs ingested, 1 some input failed, 2 usage, data or\n"
    "database error.\n";

// Articles the inputs hold, for the ETA: lines of JSON Lines files, files of
// folders. Cheap next to coding them.
int64_t CountInputs(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  int64_t count = 0;
  auto count_file = [&](const fs::path& path) {
    std::string name = path.filename().string();
    if (name.ends_with(".jsonl") || name.ends_with(".ndjson")) {
      std::ifstream in(path, std::ios::binary);
      char buffer[1 << 16];
      while (in.read(buffer, sizeof buffer) || in.gcount() > 0) count += std::count(buffer, buffer + in.gcount(), '\n');
    } else {
      ++count;
    }
  };
  std::error_code error;
  for (const std::string& path : paths) {
    if (path == "-") return 0;
    if (fs::is_directory(path, error)) {
      for (auto it = fs::recursive_directory_iterator(path, error); it != fs::recursive_directory_iterator();
           it.increment(error)) {
        if (error) break;
        if (it->is_regular_file(error)) count_file(it->path());
      }
    } else {
      count_file(path);
    }
  }
  return count;
}

std::string Clock(double seconds) {
  if (seconds < 0 || seconds > 1e7) return "--:--";
  long total = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
  }
  return buffer;
}

}  // namespace

int RunIngest(int argc, char** argv) {
  std::vector<std::string> paths;
  PipelineOptions pipeline_options;
  IngestOptions options;
  options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string db_path = "rayzan.db";
  int progress_mode = -1;  // -1: when stderr is a terminal
  bool quiet = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rayzan ingest: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kIngestUsage, stdout);
      return 0;
    } else if (arg == "--db") {
      db_path = value("--db");
    } else if (arg == "--threads" || arg == "--batch") {
      int number = std::atoi(value(arg.c_str()));
      if (number < 1) {
        std::fprintf(stderr, "rayzan ingest: %s must be a positive number\n", arg.c_str());
        return 2;
      }
      (arg == "--threads" ? options.threads : options.batch_articles) = number;
    } else if (arg == "--near-duplicate") {
      options.near_duplicate_threshold = std::atof(value("--near-duplicate"));
      if (options.near_duplicate_threshold <= 0 || options.near_duplicate_threshold > 1) {
        std::fprintf(stderr, "rayzan ingest: --near-duplicate must be in (0, 1]\n");
        return 2;
      }
    } else if (arg == "--kb") {
      pipeline_options.extra_kb_directories.push_back(value("--kb"));
    } else if (arg == "--data") {
      pipeline_options.data_directory = value("--data");
      rayzan::SetDataDirectory(pipeline_options.data_directory);
    } else if (arg == "--progress") {
      progress_mode = 1;
    } else if (arg == "--no-progress") {
      progress_mode = 0;
    } else if (arg == "--quiet") {
      quiet = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      std::fprintf(stderr, "rayzan ingest: unknown option '%s' (see rayzan ingest --help)\n", arg.c_str());
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::fputs(kIngestUsage, stderr);
    return 2;
  }
  bool progress = progress_mode == 1 || (progress_mode == -1 && !quiet && isatty(STDERR_FILENO));
  auto pipeline = Pipeline::Create(pipeline_options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", pipeline.status().message().c_str());
    return 2;
  }
  auto store = EventStore::Open(db_path);
  if (!store.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", store.status().message().c_str());
    return 2;
  }
  int64_t expected = progress ? CountInputs(paths) : 0;
  bool bar_shown = false;
  if (progress) {
    options.on_progress = [&](const IngestProgress& p) {
      char line[256];
      std::string bar;
      std::string eta = "--:--";
      if (expected > 0) {
        double done = std::min(1.0, static_cast<double>(p.articles_read) / expected);
        int filled = static_cast<int>(done * 24);
        bar = "[" + std::string(filled, '#') + std::string(24 - filled, '.') + "] ";
        if (p.articles_per_second > 0) eta = Clock((expected - p.articles_read) / p.articles_per_second);
      }
      std::snprintf(line, sizeof line, "\r%s%lld/%lld articles  %.0f/s  %lld events  ETA %s \x1b[K", bar.c_str(),
                    static_cast<long long>(p.articles_read), static_cast<long long>(expected),
                    p.articles_per_second, static_cast<long long>(p.events), eta.c_str());
      std::fputs(line, stderr);
      std::fflush(stderr);
      bar_shown = true;
    };
  }
  options.on_error = [&](const InputError& error) {
    if (bar_shown) std::fputs("\r\x1b[K", stderr);
    std::fprintf(stderr, "rayzan: %s: %s\n", error.source.c_str(), error.message.c_str());
  };
  // Pages are extracted on the worker threads, not by the reader.
  ArticleReader reader(paths, {.defer_pages = true});
  auto summary = store.value()->Ingest(*pipeline.value(), reader, options);
  if (bar_shown) std::fputs("\n", stderr);
  if (!summary.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", summary.status().message().c_str());
    return 2;
  }
  const IngestSummary& s = summary.value();
  if (!quiet) {
    auto stats = store.value()->Stats(0);
    std::fprintf(stderr,
                 "rayzan: %lld articles read, %lld added, %lld already present; %lld exact and %lld near "
                 "duplicates; %lld mentions: %lld new events, %lld merged into existing; %lld inputs failed; "
                 "%.1f s, %.0f articles/s\n",
                 static_cast<long long>(s.articles_read), static_cast<long long>(s.articles_added),
                 static_cast<long long>(s.articles_present), static_cast<long long>(s.exact_duplicates),
                 static_cast<long long>(s.near_duplicates), static_cast<long long>(s.mentions_added),
                 static_cast<long long>(s.events_created), static_cast<long long>(s.mentions_merged),
                 static_cast<long long>(s.input_errors), s.seconds, s.seconds > 0 ? s.articles_read / s.seconds : 0.0);
    if (stats.ok()) {
      const StoreStats& t = stats.value();
      std::fprintf(stderr, "rayzan: %s now holds %lld articles, %lld events, %lld actors (%.1f MB)\n",
                   db_path.c_str(), static_cast<long long>(t.articles), static_cast<long long>(t.events),
                   static_cast<long long>(t.actors), t.file_bytes / 1e6);
    }
  }
  return s.input_errors > 0 ? 1 : 0;
}

}  // namespace rayzan::cli
