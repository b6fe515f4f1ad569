// `rayzan search`: full-text search over the articles of a database.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "rayzan/store.h"

namespace rayzan::cli {

namespace {

constexpr char kSearchUsage[] =
    "usage: rayzan search [OPTIONS] TEXT...\n"
    "\n"
    "Finds articles containing the words, normalized like the pipeline (ی/ي,\n"
    "ک/ك, ZWNJ, diacritics and digits do not matter), best matches first, with\n"
    "a snippet ([matches] bracketed) and the article's events. FTS5 syntax works:\n"
    "\"a phrase\", OR, NOT, prefix*.\n"
    "\n"
    "options:\n"
    "  --db FILE        the database (default ./rayzan.db)\n"
    "  --language L     only articles in this language\n"
    "  --limit N        at most N articles (default 20)\n"
    "  --offset N       skip the first N\n";

}  // namespace

int RunSearch(int argc, char** argv) {
  SearchQuery query;
  std::string db_path = "rayzan.db";
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rayzan search: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kSearchUsage, stdout);
      return 0;
    } else if (arg == "--db") {
      db_path = value("--db");
    } else if (arg == "--language") {
      query.language = value("--language");
    } else if (arg == "--limit") {
      query.limit = std::atoll(value("--limit").c_str());
    } else if (arg == "--offset") {
      query.offset = std::atoll(value("--offset").c_str());
    } else if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "rayzan search: unknown option '%s' (see rayzan search --help)\n", arg.c_str());
      return 2;
    } else {
      query.text += (query.text.empty() ? "" : " ") + arg;
    }
  }
  if (query.text.empty()) {
    std::fputs(kSearchUsage, stderr);
    return 2;
  }
  auto store = OpenStoreForQueries(db_path, false, {});
  if (store == nullptr) return 2;
  auto hits = store->Search(query);
  if (!hits.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", hits.status().message().c_str());
    return 2;
  }
  for (const SearchHit& hit : hits.value()) {
    const ArticleRecord& a = hit.article;
    std::printf("#%lld  %s  %s  %s  %s%s\n", static_cast<long long>(a.id), a.published.empty() ? "-" : a.published.c_str(),
                a.language.c_str(), a.outlet.c_str(), a.doc.c_str(),
                a.duplicate_of ? (" (copy of #" + std::to_string(a.duplicate_of) + ")").c_str() : "");
    if (!a.title.empty()) std::printf("  %s\n", a.title.c_str());
    std::printf("  %s\n", hit.snippet.c_str());
    for (const EventRecord& event : hit.events) {
      std::printf("  event %s\n", FormatEvent(event, EventFormat::kTable).c_str());
    }
    std::putchar('\n');
  }
  std::fprintf(stderr, "rayzan: %zu articles\n", hits.value().size());
  return 0;
}

}  // namespace rayzan::cli
