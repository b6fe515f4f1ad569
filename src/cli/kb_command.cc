// `rayzan kb`: look into the knowledge base and maintain the user's folders.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "rayzan/kb.h"
#include "rayzan/normalize.h"
#include "rayzan/wikidata.h"
#if __has_include("rayzan/store.h")
#include "rayzan/store.h"
#define RAYZAN_KB_HAVE_STORE 1
#endif

namespace rayzan::cli {

namespace {

constexpr char kKbUsage[] =
    "usage: rayzan kb SUBCOMMAND [OPTIONS] ARGS\n"
    "\n"
    "Looks into the knowledge base (people, offices over time, countries, cities,\n"
    "organizations) and maintains the user's folders. The base is loaded from\n"
    "the bundled folder, then the imported folder, then the user folder (later\n"
    "ones win on equal ids; see docs/knowledge-base.md), then any --kb folders.\n"
    "\n"
    "subcommands:\n"
    "  search NAME                 people, places and offices named NAME, in any script:\n"
    "                              exact aliases first, then similar spellings with a confidence\n"
    "  show ID                     a person (rz:sergey-lavrov, Q7747), country (RU) or\n"
    "                              organization (OSCE): roles with dates, names by language\n"
    "  who OFFICE JURISDICTION [DATE]\n"
    "                              who held the office on DATE (YYYY-MM-DD), e.g.\n"
    "                              rayzan kb who foreign_minister US 2016-03-24; without\n"
    "                              DATE every holder with their tenures\n"
    "  add FILE                    validate a .tsv or .json file as the loader would and merge\n"
    "                              it into the user folder (--to DIR for another folder)\n"
    "  stats                       counts: people, tenures, aliases per language, places, offices\n"
    "  unknown JSONL... | --db FILE\n"
    "                              people coded with \"in_kb\": false in `rayzan code` output,\n"
    "                              grouped by name, role and country, most frequent first;\n"
    "                              with --db, the event database's people without an id\n"
    "  import-wikidata DUMP        import a Wikidata JSON dump (.json, .json.gz, .json.bz2)\n"
    "                              into the imported folder (--out DIR for another folder)\n"
    "\n"
    "options:\n"
    "  --kb DIR      an extra knowledge-base folder, loaded last (may be repeated)\n"
    "  --only DIR    load only this folder (may be repeated), not the default path\n"
    "  --limit N     search: at most N similar names (default 10)\n"
    "\n"
    "Exit status: 0 success, 1 nothing found, 2 usage or data error.\n";

struct KbOptions {
  std::vector<std::string> extra;
  std::vector<std::string> only;
  std::string to;
  std::string out;
  std::string db;
  size_t limit = 10;
  std::vector<std::string> args;
};

std::string DateRange(const Tenure& tenure) {
  std::string from = tenure.from.year == 0 ? "?" : tenure.from.ToIso();
  std::string to = tenure.to.year == 9999 ? "" : tenure.to.ToIso();
  return from + ".." + to;
}

std::string TenureText(const Tenure& tenure) {
  return tenure.office + "@" + tenure.jurisdiction + " " + DateRange(tenure) + (tenure.acting ? " (acting)" : "");
}

std::string Describe(const KnowledgeBase& kb, const EntityRef& ref) {
  switch (ref.kind) {
    case EntityKind::kPerson: return "person        " + kb.person(ref.index).id + "  " + kb.person(ref.index).name;
    case EntityKind::kCountry: return "country       " + kb.country(ref.index).iso2 + "  " + kb.country(ref.index).name_en;
    case EntityKind::kCity: return "city          " + kb.city(ref.index).name + ", " + kb.city(ref.index).iso2;
    case EntityKind::kOrganization:
      return "organization  " + kb.organization(ref.index).id + "  " + kb.organization(ref.index).name;
    case EntityKind::kOffice: {
      const OfficePhrase& phrase = kb.office_phrase(ref.index);
      return "office        " + phrase.office +
             (phrase.implied_jurisdiction.empty() ? "" : "@" + phrase.implied_jurisdiction) +
             (phrase.plural ? " (plural)" : "");
    }
  }
  return "?";
}

Result<std::shared_ptr<const KnowledgeBase>> LoadBase(const KbOptions& options) {
  std::vector<std::string> directories = options.only.empty() ? KnowledgeBase::DefaultDirectories() : options.only;
  directories.insert(directories.end(), options.extra.begin(), options.extra.end());
  return KnowledgeBase::Load(directories);
}

int Search(const KnowledgeBase& kb, const KbOptions& options) {
  if (options.args.size() != 1) {
    std::fputs("rayzan kb search: give one NAME (quote a name of several words)\n", stderr);
    return 2;
  }
  std::string name = NormalizeForMatching(options.args[0]);
  int found = 0;
  // Exact: the whole name is one alias (countries, cities and offices too).
  for (const NameMatch& match : kb.FindNames(name, Span{0, static_cast<uint32_t>(name.size())})) {
    if (match.span.begin != 0 || match.span.end != name.size()) continue;
    for (const EntityRef& ref : match.entities) {
      std::printf("exact  1.00  %s%s\n", Describe(kb, ref).c_str(),
                  ref.kind == EntityKind::kPerson && match.surname_only ? "  (surname)" : "");
      ++found;
    }
  }
  for (const FuzzyNameMatch& match : kb.FindSimilarPeople(name, options.limit, 0.6f)) {
    if (match.exact) continue;
    const Person& person = kb.person(match.person);
    std::printf("fuzzy  %.2f  person        %s  %s  (like \"%s\", %d edit%s)\n", match.confidence, person.id.c_str(),
                person.name.c_str(), person.aliases[match.alias].text.c_str(), match.distance,
                match.distance == 1 ? "" : "s");
    ++found;
  }
  if (found == 0) std::printf("no match for '%s'\n", options.args[0].c_str());
  return found > 0 ? 0 : 1;
}

int Show(const KnowledgeBase& kb, const KbOptions& options) {
  if (options.args.size() != 1) {
    std::fputs("rayzan kb show: give one ID\n", stderr);
    return 2;
  }
  const std::string& id = options.args[0];
  if (auto index = kb.FindPerson(id)) {
    const Person& person = kb.person(*index);
    std::printf("%s  %s\nfrom: %s\n", person.id.c_str(), person.name.c_str(),
                kb.directories()[person.directory].c_str());
    std::printf("roles:%s\n", person.tenures.empty() ? " none" : "");
    for (const Tenure& tenure : person.tenures) std::printf("  %s\n", TenureText(tenure).c_str());
    std::printf("names:\n");
    std::vector<std::string> languages;
    for (const PersonAlias& alias : person.aliases) {
      if (std::find(languages.begin(), languages.end(), alias.language) == languages.end()) {
        languages.push_back(alias.language);
      }
    }
    for (const std::string& language : languages) {
      std::string line;
      for (const PersonAlias& alias : person.aliases) {
        if (alias.language != language) continue;
        line += (line.empty() ? "" : " | ") + alias.text;
      }
      std::printf("  %s: %s\n", language.c_str(), line.c_str());
    }
    return 0;
  }
  if (auto index = kb.FindCountry(id)) {
    std::printf("%s\n", Describe(kb, {EntityKind::kCountry, *index}).c_str());
    return 0;
  }
  if (auto index = kb.FindOrganization(id)) {
    std::printf("%s\n", Describe(kb, {EntityKind::kOrganization, *index}).c_str());
    return 0;
  }
  std::printf("no person, country or organization with id '%s'\n", id.c_str());
  return 1;
}

int Who(const KnowledgeBase& kb, const KbOptions& options) {
  if (options.args.size() < 2 || options.args.size() > 3) {
    std::fputs("rayzan kb who: give OFFICE JURISDICTION [DATE], e.g. foreign_minister US 2016-03-24\n", stderr);
    return 2;
  }
  const std::string& office = options.args[0];
  const std::string& jurisdiction = options.args[1];
  if (options.args.size() == 2) {
    std::vector<uint32_t> holders = kb.Holders(office, jurisdiction);
    for (uint32_t person : holders) {
      for (const Tenure& tenure : kb.person(person).tenures) {
        if (tenure.office != office || tenure.jurisdiction != jurisdiction) continue;
        std::printf("%-24s %s  %s\n", DateRange(tenure).c_str(), kb.person(person).name.c_str(),
                    tenure.acting ? "(acting)" : "");
      }
    }
    if (holders.empty()) std::printf("no holder of %s@%s known\n", office.c_str(), jurisdiction.c_str());
    return holders.empty() ? 1 : 0;
  }
  auto date = CivilDate::FromIso(options.args[2]);
  if (!date) {
    std::fprintf(stderr, "rayzan kb who: '%s' is not a date (YYYY-MM-DD)\n", options.args[2].c_str());
    return 2;
  }
  std::vector<uint32_t> holders = kb.HoldersAt(office, jurisdiction, *date);
  for (uint32_t person : holders) {
    const Person& p = kb.person(person);
    std::string tenure_text;
    for (const Tenure& tenure : p.tenures) {
      if (tenure.office == office && tenure.jurisdiction == jurisdiction && tenure.from <= *date && *date <= tenure.to) {
        tenure_text = TenureText(tenure);
        break;
      }
    }
    std::printf("%s  %s  %s\n", p.name.c_str(), p.id.c_str(), tenure_text.c_str());
  }
  if (holders.empty()) {
    std::printf("nobody known as %s@%s on %s\n", office.c_str(), jurisdiction.c_str(), date->ToIso().c_str());
  }
  return holders.empty() ? 1 : 0;
}

int Stats(const KnowledgeBase& kb, double seconds) {
  KnowledgeBaseStats stats = kb.Stats();
  std::printf("folders:        ");
  for (size_t i = 0; i < kb.directories().size(); ++i) std::printf("%s%s", i ? ", " : "", kb.directories()[i].c_str());
  std::printf("\npeople:         %zu\ntenures:        %zu\n", stats.people, stats.tenures);
  size_t aliases = 0;
  for (const auto& [language, count] : stats.aliases_by_language) aliases += count;
  std::printf("person names:   %zu (", aliases);
  bool first = true;
  for (const auto& [language, count] : stats.aliases_by_language) {
    std::printf("%s%s %zu", first ? "" : ", ", language.c_str(), count);
    first = false;
  }
  std::printf(")\ncountries:      %zu\ncities:         %zu\norganizations:  %zu\n", stats.countries, stats.cities,
              stats.organizations);
  std::printf("offices:        %zu (%zu phrases)\n", stats.offices, stats.office_phrases);
  std::printf("indexed names:  %zu\nskeletons:      %zu\nloaded in:      %.2f s\n", stats.indexed_names,
              stats.skeletons, seconds);
  return 0;
}

// `unknown --db FILE`: person actors of the event database without a
// knowledge-base id, most events first.
int UnknownInDatabase(const std::string& path) {
#ifdef RAYZAN_KB_HAVE_STORE
  StoreOptions store_options;
  store_options.read_only = true;
  auto store = EventStore::Open(path, store_options);
  if (!store.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", store.status().message().c_str());
    return 2;
  }
  std::vector<ActorSummary> unknown;
  for (int64_t offset = 0;; offset += 10000) {
    ActorQuery query;
    query.kind = "person";
    query.offset = offset;
    query.limit = 10000;
    auto page = store.value()->FindActors(query);
    if (!page.ok()) {
      std::fprintf(stderr, "rayzan: %s: %s\n", path.c_str(), page.status().message().c_str());
      return 2;
    }
    for (ActorSummary& actor : page.value()) {
      if (actor.actor.kb_id.empty()) unknown.push_back(std::move(actor));
    }
    if (page.value().size() < 10000) break;
  }
  std::stable_sort(unknown.begin(), unknown.end(),
                   [](const ActorSummary& a, const ActorSummary& b) { return a.event_count > b.event_count; });
  std::printf("%6s  %-32s %-24s %-8s %s\n", "events", "name", "role", "country", "dates");
  for (const ActorSummary& actor : unknown) {
    std::printf("%6d  %-32s %-24s %-8s %s..%s\n", actor.event_count, actor.actor.name.c_str(),
                actor.actor.office.empty() ? "-" : actor.actor.office.c_str(),
                actor.actor.country.empty() ? "-" : actor.actor.country.c_str(), actor.first_date.c_str(),
                actor.last_date.c_str());
  }
  return unknown.empty() ? 1 : 0;
#else
  std::fprintf(stderr, "rayzan kb unknown: --db needs the store stage, which this build lacks (%s)\n", path.c_str());
  return 2;
#endif
}

int Unknown(const KbOptions& options) {
  if (!options.db.empty()) return UnknownInDatabase(options.db);
  if (options.args.empty()) {
    std::fputs("rayzan kb unknown: give JSON Lines files of `rayzan code` output\n", stderr);
    return 2;
  }
  auto names = CollectUnknownNames(options.args);
  if (!names.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", names.status().message().c_str());
    return 2;
  }
  std::printf("%6s  %-32s %-24s %-8s %s\n", "count", "name", "role", "country", "documents");
  for (const UnknownName& name : names.value()) {
    std::string documents;
    for (const std::string& doc : name.documents) documents += (documents.empty() ? "" : " ") + doc;
    std::printf("%6zu  %-32s %-24s %-8s %s\n", name.count, name.name.c_str(),
                name.role.empty() ? "-" : name.role.c_str(), name.country.empty() ? "-" : name.country.c_str(),
                documents.c_str());
  }
  return names.value().empty() ? 1 : 0;
}

int Add(const KbOptions& options) {
  if (options.args.size() != 1) {
    std::fputs("rayzan kb add: give one FILE (.tsv or .json)\n", stderr);
    return 2;
  }
  std::string folder = options.to.empty() ? KnowledgeBase::UserDirectory() : options.to;
  auto merged = AddToKnowledgeFolder(options.args[0], folder);
  if (!merged.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", merged.status().message().c_str());
    return 2;
  }
  std::printf("%s: %zu added, %zu replaced\n", merged.value().destination.c_str(), merged.value().added,
              merged.value().replaced);
  return 0;
}

int ImportDump(const KbOptions& options) {
  if (options.args.size() != 1) {
    std::fputs("rayzan kb import-wikidata: give one DUMP file\n", stderr);
    return 2;
  }
  WikidataImportOptions import;
  import.output_directory = options.out.empty() ? KnowledgeBase::ImportedDirectory() : options.out;
  if (import.output_directory.empty()) {
    std::fputs("rayzan kb import-wikidata: no HOME or XDG_DATA_HOME; give --out DIR\n", stderr);
    return 2;
  }
  uint64_t warnings = 0;
  import.warn = [&](const std::string& message) {
    if (++warnings <= 20) std::fprintf(stderr, "rayzan: %s\n", message.c_str());
  };
  import.progress = [](uint64_t lines) { std::fprintf(stderr, "\r%llu lines read", static_cast<unsigned long long>(lines)); };
  auto stats = ImportWikidata(options.args[0], import);
  std::fputc('\n', stderr);
  if (!stats.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", stats.status().message().c_str());
    return 2;
  }
  const WikidataImportStats& s = stats.value();
  std::printf("wrote %s\nlines %llu, entities %llu, skipped %llu\npeople %llu, positions %llu, countries %llu, "
              "organizations %llu, cities %llu\n%.1f s\n",
              import.output_directory.c_str(), static_cast<unsigned long long>(s.lines),
              static_cast<unsigned long long>(s.entities), static_cast<unsigned long long>(s.skipped_lines),
              static_cast<unsigned long long>(s.people), static_cast<unsigned long long>(s.positions),
              static_cast<unsigned long long>(s.countries), static_cast<unsigned long long>(s.organizations),
              static_cast<unsigned long long>(s.cities), s.seconds);
  // The import is only useful if it loads; say so now rather than at the next `rayzan code`.
  auto loaded = KnowledgeBase::Load({import.output_directory});
  if (!loaded.ok()) {
    std::fprintf(stderr, "rayzan: the import does not load: %s\n", loaded.status().message().c_str());
    return 2;
  }
  return 0;
}

}  // namespace

int RunKb(int argc, char** argv) {
  if (argc < 1) {
    std::fputs(kKbUsage, stderr);
    return 2;
  }
  std::string sub = argv[0];
  if (sub == "--help" || sub == "-h" || sub == "help") {
    std::fputs(kKbUsage, stdout);
    return 0;
  }
  KbOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "rayzan kb: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kKbUsage, stdout);
      return 0;
    } else if (arg == "--kb") {
      options.extra.push_back(value("--kb"));
    } else if (arg == "--only") {
      options.only.push_back(value("--only"));
    } else if (arg == "--to") {
      options.to = value("--to");
    } else if (arg == "--out") {
      options.out = value("--out");
    } else if (arg == "--db") {
      options.db = value("--db");
    } else if (arg == "--limit") {
      options.limit = static_cast<size_t>(std::max(1, std::atoi(value("--limit").c_str())));
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::fprintf(stderr, "rayzan kb: unknown option '%s' (see rayzan kb --help)\n", arg.c_str());
      return 2;
    } else {
      options.args.push_back(arg);
    }
  }
  if (sub == "add") return Add(options);
  if (sub == "unknown") return Unknown(options);
  if (sub == "import-wikidata") return ImportDump(options);
  if (sub != "search" && sub != "show" && sub != "who" && sub != "stats") {
    std::fprintf(stderr, "rayzan kb: unknown subcommand '%s'\n\n%s", sub.c_str(), kKbUsage);
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  auto kb = LoadBase(options);
  if (!kb.ok()) {
    std::fprintf(stderr, "rayzan: %s\n", kb.status().message().c_str());
    return 2;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (sub == "search") return Search(*kb.value(), options);
  if (sub == "show") return Show(*kb.value(), options);
  if (sub == "who") return Who(*kb.value(), options);
  return Stats(*kb.value(), seconds);
}

}  // namespace rayzan::cli
