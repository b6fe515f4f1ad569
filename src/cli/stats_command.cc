// `rayzan stats`: what a database holds.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "rayzan/store.h"

namespace rayzan::cli {

namespace {

constexpr char kStatsUsage[] =
    "usage: rayzan stats [OPTIONS]\n"
    "\n"
    "Counts of a database: articles and duplicates, mentions, events, actors;\n"
    "articles per language, events per mode and per month, the actors that\n"
    "appear most and the pairs that meet most.\n"
    "\n"
    "options:\n"
    "  --db FILE     the database (default ./rayzan.db)\n"
    "  --top N       actors and pairs to list (default 15)\n";

}  // namespace

int RunStats(int argc, char** argv) {
  std::string db_path = "rayzan.db";
  int64_t top = 15;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kStatsUsage, stdout);
      return 0;
    } else if ((arg == "--db" || arg == "--top") && i + 1 < argc) {
      if (arg == "--db") {
        db_path = argv[++i];
      } else {
        top = std::atoll(argv[++i]);
      }
    } else {
      std::fprintf(stderr, "rayzan stats: unknown argument '%s' (see rayzan stats --help)\n", arg.c_str());
      return 2;
    }
  }
  auto store = OpenStoreForQueries(db_path, false, {});
  if (store == nullptr) return 2;
  auto stats = store->Stats(top);
  if (!stats.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", stats.status().message().c_str());
    return 2;
  }
  const StoreStats& s = stats.value();
  auto n = [](int64_t value) { return static_cast<long long>(value); };
  std::printf("database     %s (%.1f MB)\n", db_path.c_str(), s.file_bytes / 1e6);
  std::printf("articles     %lld (%lld exact and %lld near duplicates)\n", n(s.articles), n(s.exact_duplicates),
              n(s.near_duplicates));
  std::printf("mentions     %lld\n", n(s.mentions));
  std::printf("events       %lld (%lld with conflicting reports)\n", n(s.events), n(s.conflicting_events));
  std::printf("actors       %lld\nplaces       %lld\n", n(s.actors), n(s.places));
  std::printf("\narticles per language\n");
  for (const auto& [language, count] : s.articles_per_language) std::printf("  %-8s %lld\n", language.c_str(), n(count));
  std::printf("\nevents per mode\n");
  for (const auto& [mode, count] : s.events_per_mode) std::printf("  %-13s %lld\n", mode.c_str(), n(count));
  std::printf("\nevents per month\n");
  for (const auto& [month, count] : s.events_per_month) std::printf("  %s  %lld\n", month.c_str(), n(count));
  std::printf("\nactors appearing most\n");
  for (const ActorSummary& a : s.top_actors) {
    std::printf("  %6d  %s (%s)\n", a.event_count, a.actor.name.c_str(), a.actor.kind.c_str());
  }
  std::printf("\npairs meeting most\n");
  for (const ActorPair& p : s.top_pairs) {
    std::printf("  %6d  %s + %s\n", p.event_count, p.first.name.c_str(), p.second.name.c_str());
  }
  return 0;
}

}  // namespace rayzan::cli
