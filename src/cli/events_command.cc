// `rayzan events`: list, filter and export the merged events of a database.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "rayzan/kb.h"
#include "rayzan/store.h"

namespace rayzan::cli {

namespace {

constexpr char kEventsUsage[] =
    "usage: rayzan events [OPTIONS]\n"
    "\n"
    "Lists the events of a database built by `rayzan ingest`, sorted by date.\n"
    "\n"
    "filters (all given must hold):\n"
    "  --actor NAME          takes part: any spelling the knowledge base knows\n"
    "                        (\"لاوروف\", \"Lavrov\"), a knowledge-base id (Q...) or #row-id;\n"
    "                        repeat for several (all must take part)\n"
    "  --pair A,B            both A and B take part\n"
    "  --country CC          a participant's country or the place's (ISO alpha-2)\n"
    "  --type T              PLOVER type (CONSULT)\n"
    "  --mode M[,M]          meet, phone, contact, visit, multilateral\n"
    "  --status S[,S]        occurred, planned\n"
    "  --from DATE --to DATE event date (or first report) overlaps; YYYY, YYYY-MM or YYYY-MM-DD\n"
    "  --language L          reported in this language (fa, ar, en)\n"
    "  --source HOST         reported by this outlet (host name, e.g. aawsat.com)\n"
    "  --min-sources N       at least N independent sources\n"
    "\n"
    "output:\n"
    "  --format F            table (default), csv, jsonl, plover, gdelt (docs/database.md)\n"
    "  --sort S              date (default), -date, sources, reported\n"
    "  --limit N             at most N events (default 100; 0 = all)\n"
    "  --offset N            skip the first N\n"
    "  --id N                one event in full: its mentions, sources and conflicting reports (JSON)\n"
    "  --db FILE             the database (default ./rayzan.db)\n"
    "  --kb DIR              an extra knowledge-base folder for spellings (may be repeated)\n";

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

using Json = nlohmann::ordered_json;

Json DetailJson(const EventDetail& detail) {
  Json out = Json::parse(FormatEvent(detail.event, EventFormat::kJsonLines));
  Json mentions = Json::array();
  for (const MentionRecord& m : detail.mentions) {
    Json spans = Json::array();
    for (const auto& span : m.evidence_spans) spans.push_back({{"start", span.start}, {"end", span.end}});
    mentions.push_back({{"id", m.id}, {"article_id", m.article_id}, {"doc", m.doc}, {"url", m.url},
                        {"outlet", m.outlet}, {"language", m.language}, {"published", m.published},
                        {"mode", m.mode}, {"status", m.status}, {"date_from", m.date_from}, {"date_to", m.date_to},
                        {"city", m.city}, {"country", m.country}, {"evidence", m.evidence},
                        {"evidence_spans", spans}, {"confidence", m.confidence},
                        {"original_article_id", m.original_article_id}});
  }
  out["mention_list"] = mentions;
  Json sources = Json::array();
  for (const EventSource& s : detail.sources) {
    sources.push_back({{"outlet", s.outlet}, {"article_ids", s.article_ids}, {"independent", s.independent}});
  }
  out["sources_list"] = sources;
  Json variants = Json::array();
  for (const ReportVariant& v : detail.variants) {
    variants.push_back({{"what", v.what}, {"value", v.value}, {"mention_ids", v.mention_ids}});
  }
  out["variants"] = variants;
  out["planned_by"] = detail.planned_by;
  return out;
}

}  // namespace

int RunEvents(int argc, char** argv) {
  EventQuery query;
  std::string db_path = "rayzan.db", format_name = "table";
  std::vector<std::string> kb_directories;
  int64_t limit = 100, event_id = 0;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rayzan events: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kEventsUsage, stdout);
      return 0;
    } else if (arg == "--db") {
      db_path = value("--db");
    } else if (arg == "--actor") {
      query.actors.push_back(value("--actor"));
    } else if (arg == "--pair") {
      std::vector<std::string> pair = SplitComma(value("--pair"));
      if (pair.size() != 2) {
        std::fprintf(stderr, "rayzan events: --pair takes two actors: A,B\n");
        return 2;
      }
      query.actors.insert(query.actors.end(), pair.begin(), pair.end());
    } else if (arg == "--country") {
      query.country = value("--country");
    } else if (arg == "--type") {
      query.type = value("--type");
    } else if (arg == "--mode") {
      query.modes = SplitComma(value("--mode"));
    } else if (arg == "--status") {
      query.statuses = SplitComma(value("--status"));
    } else if (arg == "--from") {
      query.date_from = value("--from");
    } else if (arg == "--to") {
      query.date_to = value("--to");
    } else if (arg == "--language") {
      query.language = value("--language");
    } else if (arg == "--source") {
      query.outlet = value("--source");
    } else if (arg == "--min-sources") {
      query.min_sources = std::atoi(value("--min-sources").c_str());
    } else if (arg == "--format") {
      format_name = value("--format");
    } else if (arg == "--sort") {
      std::string sort = value("--sort");
      if (sort == "date") {
        query.sort = EventQuery::Sort::kDateAscending;
      } else if (sort == "-date") {
        query.sort = EventQuery::Sort::kDateDescending;
      } else if (sort == "sources") {
        query.sort = EventQuery::Sort::kSourcesDescending;
      } else if (sort == "reported") {
        query.sort = EventQuery::Sort::kFirstReported;
      } else {
        std::fprintf(stderr, "rayzan events: --sort is date, -date, sources or reported\n");
        return 2;
      }
    } else if (arg == "--limit") {
      limit = std::atoll(value("--limit").c_str());
    } else if (arg == "--offset") {
      query.offset = std::atoll(value("--offset").c_str());
    } else if (arg == "--id") {
      event_id = std::atoll(value("--id").c_str());
    } else if (arg == "--kb") {
      kb_directories.push_back(value("--kb"));
    } else {
      std::fprintf(stderr, "rayzan events: unknown argument '%s' (see rayzan events --help)\n", arg.c_str());
      return 2;
    }
  }
  auto format = EventFormatFromName(format_name);
  if (!format.ok()) {
    std::fprintf(stderr, "rayzan events: %s\n", format.status().message().c_str());
    return 2;
  }
  auto store = OpenStoreForQueries(db_path, !query.actors.empty(), kb_directories);
  if (store == nullptr) return 2;
  if (event_id) {
    auto detail = store->GetEvent(event_id);
    if (!detail.ok()) {
      std::fprintf(stderr, "rayzan: %s\n", detail.status().message().c_str());
      return 1;
    }
    std::puts(DetailJson(detail.value()).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return 0;
  }
  std::string header = EventHeader(format.value());
  if (!header.empty()) std::puts(header.c_str());
  int64_t remaining = limit > 0 ? limit : INT64_MAX;
  int64_t total = 0;
  while (remaining > 0) {
    query.limit = std::min<int64_t>(remaining, 10000);
    auto page = store->FindEvents(query);
    if (!page.ok()) {
      std::fprintf(stderr, "rayzan: %s\n", page.status().message().c_str());
      return 2;
    }
    total = page.value().total;
    for (const EventRecord& event : page.value().events) std::puts(FormatEvent(event, format.value()).c_str());
    int64_t got = static_cast<int64_t>(page.value().events.size());
    remaining -= got;
    query.offset += got;
    if (got < query.limit) break;
  }
  if (format.value() == EventFormat::kTable) {
    std::fprintf(stderr, "rayzan: %lld events match\n", static_cast<long long>(total));
  }
  return 0;
}

}  // namespace rayzan::cli
