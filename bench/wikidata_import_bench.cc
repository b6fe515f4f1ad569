// wikidata_import_bench: throughput and peak memory of ImportWikidata.
//
//   make_wikidata_dump /tmp/wikidata-1m.json.gz          (once; see its header)
//   wikidata_import_bench /tmp/wikidata-1m.json.gz [--out DIR] [--read-only] [--load]
//
// Workload: the generated 1,000,000-entity dump (realistic mix of scholarly
// articles, taxa, people, villages, politicians, positions, countries,
// cities, organizations; gzip). Prints lines/s (every line is one entity),
// uncompressed MB/s, how many lines reached the JSON parser, the knowledge-
// base rows written, and the process's peak resident memory. --read-only
// measures decompression and line splitting alone, the floor any import pays;
// --load then loads the output with KnowledgeBase::Load, as rayzan will.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "kb_import/dump_reader.h"
#include "rayzan/kb.h"
#include "rayzan/wikidata.h"

namespace {

double PeakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // kilobytes on Linux
}

// User plus system CPU seconds of this process: the machine the benchmark
// runs on is often shared, and CPU time does not count the waiting.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dump, out = (std::filesystem::temp_directory_path() / "rayzan-wikidata-bench").string();
  bool read_only = false, load = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
      out = argv[++i];
    } else if (std::strcmp(argv[i], "--load") == 0) {
      load = true;
    } else if (std::strcmp(argv[i], "--read-only") == 0) {
      read_only = true;
    } else {
      dump = argv[i];
    }
  }
  if (dump.empty()) {
    std::fprintf(stderr, "usage: wikidata_import_bench DUMP [--out DIR] [--read-only] [--load]\n");
    return 2;
  }
  std::error_code no_size;  // a pipe has none
  uint64_t compressed = std::filesystem::file_size(dump, no_size);
  if (no_size) compressed = 0;

  if (read_only) {
    auto started = std::chrono::steady_clock::now();
    auto reader = rayzan::internal::DumpReader::Open(dump);
    if (!reader.ok()) {
      std::fprintf(stderr, "%s\n", reader.status().message().c_str());
      return 1;
    }
    std::string_view line;
    uint64_t lines = 0;
    while (reader.value()->ReadLine(&line)) ++lines;
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double cpu = CpuSeconds();
    std::printf("read only: %llu lines, %.1f MB uncompressed (%.1f MB on disk) in %.2f s wall, %.2f s CPU: "
                "%.0f lines/s, %.0f MB/s (CPU); peak memory %.0f MB\n",
                static_cast<unsigned long long>(lines), reader.value()->bytes() / 1e6, compressed / 1e6, seconds, cpu,
                lines / cpu, reader.value()->bytes() / 1e6 / cpu, PeakMegabytes());
    return 0;
  }

  rayzan::WikidataImportOptions options;
  options.output_directory = out;
  uint64_t warnings = 0;
  options.warn = [&](const std::string& message) {
    if (++warnings <= 5) std::fprintf(stderr, "%s\n", message.c_str());
  };
  auto result = rayzan::ImportWikidata(dump, options);
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().message().c_str());
    return 1;
  }
  const rayzan::WikidataImportStats& stats = result.value();
  double cpu = CpuSeconds();
  std::printf("import: %llu lines (%.1f MB on disk) in %.2f s wall, %.2f s CPU: %.0f lines/s wall, %.0f lines/s CPU\n",
              static_cast<unsigned long long>(stats.lines), compressed / 1e6, stats.seconds, cpu,
              stats.lines / stats.seconds, stats.lines / cpu);
  std::printf("parsed %llu entities (%.2f%% of lines), %llu broken lines\n",
              static_cast<unsigned long long>(stats.entities), 100.0 * stats.entities / std::max<uint64_t>(1, stats.lines),
              static_cast<unsigned long long>(stats.skipped_lines));
  std::printf("wrote %llu people, %llu positions, %llu countries, %llu organizations, %llu cities to %s\n",
              static_cast<unsigned long long>(stats.people), static_cast<unsigned long long>(stats.positions),
              static_cast<unsigned long long>(stats.countries), static_cast<unsigned long long>(stats.organizations),
              static_cast<unsigned long long>(stats.cities), out.c_str());
  std::printf("peak memory %.0f MB\n", PeakMegabytes());
  if (load) {
    auto started = std::chrono::steady_clock::now();
    auto kb = rayzan::KnowledgeBase::Load({rayzan::KnowledgeBase::BundledDirectory(), out});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!kb.ok()) {
      std::fprintf(stderr, "the output does not load: %s\n", kb.status().message().c_str());
      return 1;
    }
    std::printf("loaded bundled + imported: %zu people in %.2f s; peak memory %.0f MB\n", kb.value()->person_count(),
                seconds, PeakMegabytes());
  }
  return 0;
}
