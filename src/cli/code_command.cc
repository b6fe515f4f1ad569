// `rayzan code`: articles in, one JSON line per consultation event out.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "rayzan/data_dir.h"
#include "rayzan/pipeline.h"

namespace rayzan::cli {

namespace {

constexpr char kCodeUsage[] =
    "usage: rayzan code [OPTIONS] PATH...\n"
    "\n"
    "Reads articles and prints one JSON line per consultation event.\n"
    "PATH is a UTF-8 text file (one article), an HTML page, a web archive\n"
    "(.warc, .warc.gz), a folder of these (read\n"
    "recursively), '-' for standard input, or a JSON Lines file (.jsonl) with\n"
    "{\"id\",\"url\",\"title\",\"published\" or \"date\",\"lang\",\"text\"} per line.\n"
    "\n"
    "options:\n"
    "  --format json|table   output format (default json: docs/output.md)\n"
    "  --threads N           worker threads (default: all cores)\n"
    "  --kb DIR              an extra knowledge-base folder; wins over the bundled one\n"
    "                        (may be given several times)\n"
    "  --data DIR            the data folder (default: $RAYZAN_DATA or the bundled data/)\n"
    "  --quiet               no summary on standard error\n"
    "\n"
    "A bad input (missing, empty, binary, not UTF-8, too large) is reported on\n"
    "standard error as 'rayzan: SOURCE: what is wrong' and skipped; the other\n"
    "articles are still coded. Exit status: 0 all inputs coded, 1 some input\n"
    "failed, 2 usage or data error.\n";

}  // namespace

int RunCode(int argc, char** argv) {
  std::vector<std::string> paths;
  rayzan::PipelineOptions options;
  std::string format = "json";
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool quiet = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rayzan code: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kCodeUsage, stdout);
      return 0;
    } else if (arg == "--format") {
      format = value("--format");
      if (format != "json" && format != "table") {
        std::fprintf(stderr, "rayzan code: --format must be json or table, not '%s'\n", format.c_str());
        return 2;
      }
    } else if (arg == "--threads") {
      threads = std::atoi(value("--threads"));
      if (threads < 1) {
        std::fprintf(stderr, "rayzan code: --threads must be a positive number\n");
        return 2;
      }
    } else if (arg == "--kb") {
      options.extra_kb_directories.push_back(value("--kb"));
    } else if (arg == "--data") {
      options.data_directory = value("--data");
      rayzan::SetDataDirectory(options.data_directory);
    } else if (arg == "--quiet") {
      quiet = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      std::fprintf(stderr, "rayzan code: unknown option '%s' (see rayzan code --help)\n", arg.c_str());
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::fputs(kCodeUsage, stderr);
    return 2;
  }
  auto pipeline = rayzan::Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", pipeline.status().message().c_str());
    return 2;
  }
  // Pages are extracted on the worker threads, not by the reader.
  rayzan::ArticleReader reader(paths, {.defer_pages = true});
  uint64_t articles = 0, events = 0, failures = 0;
  if (format == "table") std::printf("%s\n", rayzan::EventTableHeader().c_str());
  rayzan::CodeAll(
      *pipeline.value(), reader, threads,
      [&](const rayzan::CodedArticle& article) {
        ++articles;
        for (const rayzan::Event& event : article.events) {
          ++events;
          std::string line = format == "table" ? rayzan::EventToTableRow(article, event)
                                               : rayzan::EventToJson(article, event);
          std::fwrite(line.data(), 1, line.size(), stdout);
          std::fputc('\n', stdout);
        }
      },
      [&](const rayzan::InputError& error) {
        ++failures;
        std::fprintf(stderr, "rayzan: %s: %s\n", error.source.c_str(), error.message.c_str());
      });
  std::fflush(stdout);
  if (!quiet) {
    std::fprintf(stderr, "rayzan: %llu articles coded, %llu events, %llu inputs failed\n",
                 static_cast<unsigned long long>(articles), static_cast<unsigned long long>(events),
                 static_cast<unsigned long long>(failures));
  }
  return failures > 0 ? 1 : 0;
}

}  // namespace rayzan::cli
