// `rayzan actors`: who appears most, and who meets whom.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "rayzan/kb.h"
#include "rayzan/store.h"

namespace rayzan::cli {

namespace {

constexpr char kActorsUsage[] =
    "usage: rayzan actors [OPTIONS] [NAME]\n"
    "\n"
    "Lists actors by number of events (NAME: any spelling, id or part of a\n"
    "name); with --pairs, the pairs of actors that meet most.\n"
    "\n"
    "options:\n"
    "  --db FILE     the database (default ./rayzan.db)\n"
    "  --pairs       pairs with their event counts (only NAME's pairs if given)\n"
    "  --kind K      person, role, country, organization\n"
    "  --limit N     at most N rows (default 30)\n"
    "  --kb DIR      an extra knowledge-base folder for spellings (may be repeated)\n";

}  // namespace

int RunActors(int argc, char** argv) {
  ActorQuery query;
  query.limit = 30;
  std::string db_path = "rayzan.db";
  std::vector<std::string> kb_directories;
  bool pairs = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rayzan actors: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kActorsUsage, stdout);
      return 0;
    } else if (arg == "--db") {
      db_path = value("--db");
    } else if (arg == "--pairs") {
      pairs = true;
    } else if (arg == "--kind") {
      query.kind = value("--kind");
    } else if (arg == "--limit") {
      query.limit = std::atoll(value("--limit").c_str());
    } else if (arg == "--kb") {
      kb_directories.push_back(value("--kb"));
    } else if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "rayzan actors: unknown option '%s' (see rayzan actors --help)\n", arg.c_str());
      return 2;
    } else {
      query.text += (query.text.empty() ? "" : " ") + arg;
    }
  }
  auto store = OpenStoreForQueries(db_path, !query.text.empty(), kb_directories);
  if (store == nullptr) return 2;
  if (pairs) {
    std::vector<int64_t> ids;
    if (!query.text.empty()) {
      auto resolved = store->ResolveActor(query.text);
      if (!resolved.ok() || resolved.value().empty()) {
        std::fprintf(stderr, "rayzan: no actor '%s' in %s\n", query.text.c_str(), db_path.c_str());
        return 1;
      }
      ids = resolved.value();
    } else {
      ids = {0};
    }
    std::printf("%6s  %-23s  %-30s %s\n", "events", "dates", "first", "second");
    for (int64_t id : ids) {
      auto top = store->TopPairs(id, query.limit);
      if (!top.ok()) {
        std::fprintf(stderr, "rayzan: %s\n", top.status().message().c_str());
        return 2;
      }
      for (const ActorPair& pair : top.value()) {
        std::string dates = pair.first_date + ".." + pair.last_date;
        std::printf("%6d  %-23s  %-30s %s\n", pair.event_count, dates.c_str(), pair.first.name.c_str(),
                    pair.second.name.c_str());
      }
    }
    return 0;
  }
  auto actors = store->FindActors(query);
  if (!actors.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", actors.status().message().c_str());
    return 2;
  }
  std::printf("%-7s %6s  %-23s  %-12s %-26s %-24s %s\n", "id", "events", "dates", "kind", "kb_id", "office", "name");
  for (const ActorSummary& summary : actors.value()) {
    const StoredActor& a = summary.actor;
    std::string dates = summary.first_date + ".." + summary.last_date;
    std::string office = a.office.empty() ? "-" : a.office + (a.country.empty() ? "" : " " + a.country);
    std::printf("#%-6lld %6d  %-23s  %-12s %-26s %-24s %s\n", static_cast<long long>(a.id), summary.event_count,
                dates.c_str(), a.kind.c_str(), a.kb_id.empty() ? "-" : a.kb_id.c_str(), office.c_str(),
                a.name.c_str());
  }
  return 0;
}

}  // namespace rayzan::cli
