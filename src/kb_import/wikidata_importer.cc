// ImportWikidata (include/rayzan/wikidata.h): one streaming pass over the
// dump, a cheap line filter before any JSON parsing, people spilled to disk
// and resolved against the positions at the end (see docs/wikidata.md).

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "base/tsv.h"
#include "kb_import/dump_reader.h"
#include "kb_import/office_map.h"
#include "rayzan/data_dir.h"
#include "rayzan/wikidata.h"

namespace rayzan {

namespace {

using internal::DumpReader;
using internal::OfficeMap;
using nlohmann::json;

constexpr uint32_t kHuman = 5;                 // Q5
constexpr uint32_t kActing = 4676846;          // Q4676846 "acting"
constexpr uint32_t kSovereignState = 3624078;  // Q3624078
// A city below this population is kept only when it is a country's capital:
// every village of Wikidata has a P1082, and names of small places collide
// with words and people in news text.
constexpr double kMinCityPopulation = 100000;

// P31 classes that make an item a position, besides the classes of
// wikidata_offices.tsv.
constexpr uint32_t kPositionClasses[] = {
    4164871,   // position
    294414,    // public office
    29645880,  // ambassador of a country
    29645886,  // ambassador to a country
};
// P31 classes of international organizations.
constexpr uint32_t kOrganizationClasses[] = {
    484652,   // international organization
    245065,   // intergovernmental organization
    1335818,  // supranational union
    1127126,  // military alliance
};
// P31 classes of cities.
constexpr uint32_t kCityClasses[] = {
    515,      // city
    1549591,  // big city
    1637706,  // city with millions of inhabitants
    200250,   // metropolis
    174844,   // megacity
    5119,     // capital city
};

template <size_t N>
bool Contains(const uint32_t (&set)[N], uint32_t id) {
  return std::find(std::begin(set), std::end(set), id) != std::end(set);
}

// ---------------------------------------------------------------------------
// The cheap filter: one pass over the raw line for "P…" and "Q…" tokens, so
// that the 90%+ of the dump that is scholarly articles, taxa, and people who
// held no office never reaches the JSON parser.

enum Needle : uint32_t {
  kHasP39 = 1 << 0,
  kHasP297 = 1 << 1,
  kHasP1376 = 1 << 2,
  kHasP1001 = 1 << 3,
  kHasP1082 = 1 << 4,
  kPositionClass = 1 << 5,
  kOrganizationClass = 1 << 6,
  kCityClass = 1 << 7,
  kOfficeClass = 1 << 8,
};

class LineFilter {
 public:
  explicit LineFilter(const std::vector<uint32_t>& office_classes) {
    for (uint32_t id : kPositionClasses) classes_[id] |= kPositionClass;
    for (uint32_t id : kOrganizationClasses) classes_[id] |= kOrganizationClass;
    for (uint32_t id : kCityClasses) classes_[id] |= kCityClass;
    for (uint32_t id : office_classes) classes_[id] |= kOfficeClass;
  }

  bool Relevant(std::string_view line) const {
    uint32_t flags = Scan(line);
    if (flags & (kHasP39 | kHasP297 | kHasP1376 | kHasP1001 | kPositionClass | kOrganizationClass | kOfficeClass)) {
      return true;
    }
    return (flags & kHasP1082) && (flags & kCityClass);
  }

 private:
  uint32_t Scan(std::string_view line) const {
    uint32_t flags = 0;
    const char* p = line.data();
    const char* end = p + line.size();
    while (p + 2 < end) {
      const char* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
      if (quote == nullptr || quote + 2 >= end) break;
      char kind = quote[1];
      if ((kind != 'P' && kind != 'Q') || quote[2] < '0' || quote[2] > '9') {
        p = quote + 1;
        continue;
      }
      uint32_t number = 0;
      const char* digit = quote + 2;
      while (digit < end && *digit >= '0' && *digit <= '9') number = number * 10 + static_cast<uint32_t>(*digit++ - '0');
      if (digit < end && *digit == '"') {
        if (kind == 'P') {
          switch (number) {
            case 39: flags |= kHasP39; break;
            case 297: flags |= kHasP297; break;
            case 1376: flags |= kHasP1376; break;
            case 1001: flags |= kHasP1001; break;
            case 1082: flags |= kHasP1082; break;
            default: break;
          }
        } else if (auto it = classes_.find(number); it != classes_.end()) {
          flags |= it->second;
        }
        p = digit + 1;
      } else {
        p = digit;
      }
    }
    return flags;
  }

  std::unordered_map<uint32_t, uint32_t> classes_;
};

// ---------------------------------------------------------------------------
// Reading the parts of an entity we use.

// Properties kept by the parser; every other claim is dropped while parsing.
bool WantedProperty(std::string_view property) {
  static const std::unordered_set<std::string_view> wanted = {
      "P31", "P279", "P39", "P297", "P36", "P1376", "P1082", "P17", "P1001", "P570", "P1549", "P1813", "P576"};
  return wanted.contains(property);
}

std::optional<uint32_t> ItemId(const json& snak) {
  if (!snak.is_object()) return std::nullopt;
  auto type = snak.find("snaktype");
  if (type == snak.end() || *type != "value") return std::nullopt;
  auto datavalue = snak.find("datavalue");
  if (datavalue == snak.end() || !datavalue->is_object()) return std::nullopt;
  auto value = datavalue->find("value");
  if (value == datavalue->end() || !value->is_object()) return std::nullopt;
  if (auto id = value->find("id"); id != value->end() && id->is_string()) {
    const std::string& text = id->get_ref<const std::string&>();
    if (text.size() > 1 && text[0] == 'Q') {
      uint64_t number = 0;
      for (size_t i = 1; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        number = number * 10 + static_cast<uint64_t>(text[i] - '0');
        if (number > UINT32_MAX) return std::nullopt;
      }
      return static_cast<uint32_t>(number);
    }
    return std::nullopt;
  }
  if (auto id = value->find("numeric-id"); id != value->end() && id->is_number_unsigned()) {
    return static_cast<uint32_t>(id->get<uint64_t>());
  }
  return std::nullopt;
}

const json* DataValue(const json& snak) {
  if (!snak.is_object()) return nullptr;
  auto type = snak.find("snaktype");
  if (type == snak.end() || *type != "value") return nullptr;
  auto datavalue = snak.find("datavalue");
  if (datavalue == snak.end() || !datavalue->is_object()) return nullptr;
  auto value = datavalue->find("value");
  return value == datavalue->end() ? nullptr : &*value;
}

int DaysInMonth(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// A Wikidata time ("+2004-03-09T00:00:00Z", precision 11 day, 10 month,
// 9 year) as the knowledge base writes it: "2004-03-09", "2004-03", "2004".
// Empty for coarser precisions and years outside 1..9999.
std::string TenureDate(const json& snak) {
  const json* value = DataValue(snak);
  if (value == nullptr || !value->is_object()) return "";
  auto time = value->find("time");
  auto precision = value->find("precision");
  if (time == value->end() || !time->is_string() || precision == value->end() || !precision->is_number()) return "";
  const std::string& text = time->get_ref<const std::string&>();
  int digits = precision->get<int>();
  if (text.empty() || text[0] != '+' || digits < 9) return "";
  int year = 0, month = 0, day = 0;
  if (std::sscanf(text.c_str() + 1, "%d-%d-%d", &year, &month, &day) != 3) return "";
  if (year < 1 || year > 9999) return "";
  char out[40];
  if (digits >= 11 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month)) {
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  } else if (digits >= 10 && month >= 1 && month <= 12) {
    std::snprintf(out, sizeof out, "%04d-%02d", year, month);
  } else {
    std::snprintf(out, sizeof out, "%04d", year);
  }
  return out;
}

// The statements of `property` worth reading: the preferred ones if any,
// else the normal ones; deprecated statements never.
std::vector<const json*> BestStatements(const json& entity, const char* property) {
  std::vector<const json*> preferred, normal;
  auto claims = entity.find("claims");
  if (claims == entity.end() || !claims->is_object()) return {};
  auto statements = claims->find(property);
  if (statements == claims->end() || !statements->is_array()) return {};
  for (const json& statement : *statements) {
    if (!statement.is_object()) continue;
    auto rank = statement.find("rank");
    std::string_view rank_name = rank != statement.end() && rank->is_string()
                                     ? std::string_view(rank->get_ref<const std::string&>())
                                     : "normal";
    if (rank_name == "preferred") {
      preferred.push_back(&statement);
    } else if (rank_name == "normal") {
      normal.push_back(&statement);
    }
  }
  return preferred.empty() ? normal : preferred;
}

// Every statement of `property` that is not deprecated.
std::vector<const json*> AllStatements(const json& entity, const char* property) {
  std::vector<const json*> out;
  auto claims = entity.find("claims");
  if (claims == entity.end() || !claims->is_object()) return out;
  auto statements = claims->find(property);
  if (statements == claims->end() || !statements->is_array()) return out;
  for (const json& statement : *statements) {
    if (!statement.is_object()) continue;
    auto rank = statement.find("rank");
    if (rank != statement.end() && *rank == "deprecated") continue;
    out.push_back(&statement);
  }
  return out;
}

const json* Mainsnak(const json& statement) {
  auto snak = statement.find("mainsnak");
  return snak == statement.end() ? nullptr : &*snak;
}

const json* Qualifiers(const json& statement, const char* property) {
  auto qualifiers = statement.find("qualifiers");
  if (qualifiers == statement.end() || !qualifiers->is_object()) return nullptr;
  auto list = qualifiers->find(property);
  return list == qualifiers->end() || !list->is_array() ? nullptr : &*list;
}

bool HasQualifier(const json& statement, const char* property) {
  const json* list = Qualifiers(statement, property);
  return list != nullptr && !list->empty();
}

// Item values of the best statements, skipping those that ended (P582).
std::vector<uint32_t> CurrentItems(const json& entity, const char* property) {
  std::vector<uint32_t> out;
  for (const json* statement : BestStatements(entity, property)) {
    if (HasQualifier(*statement, "P582")) continue;
    if (const json* snak = Mainsnak(*statement)) {
      if (auto id = ItemId(*snak)) out.push_back(*id);
    }
  }
  return out;
}

// Item values of every statement that is not deprecated (classes).
std::vector<uint32_t> AllItems(const json& entity, const char* property) {
  std::vector<uint32_t> out;
  for (const json* statement : AllStatements(entity, property)) {
    if (const json* snak = Mainsnak(*statement)) {
      if (auto id = ItemId(*snak)) out.push_back(*id);
    }
  }
  return out;
}

// A list cell item must hold no tab, newline or '|'.
std::string Clean(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += (c == '\t' || c == '\n' || c == '\r' || c == '|') ? ' ' : c;
  return std::string(internal::Trim(out));
}

void AddUnique(std::vector<std::string>* list, std::string_view text) {
  std::string clean = Clean(text);
  if (clean.empty()) return;
  if (std::find(list->begin(), list->end(), clean) == list->end()) list->push_back(std::move(clean));
}

std::string Label(const json& entity, const std::string& language) {
  auto labels = entity.find("labels");
  if (labels == entity.end() || !labels->is_object()) return "";
  auto label = labels->find(language);
  if (label == labels->end() || !label->is_object()) return "";
  auto value = label->find("value");
  return value != label->end() && value->is_string() ? Clean(value->get_ref<const std::string&>()) : "";
}

// Label then aliases in `language`.
void AddNames(const json& entity, const std::string& language, std::vector<std::string>* out) {
  AddUnique(out, Label(entity, language));
  auto aliases = entity.find("aliases");
  if (aliases == entity.end() || !aliases->is_object()) return;
  auto list = aliases->find(language);
  if (list == aliases->end() || !list->is_array()) return;
  for (const json& alias : *list) {
    auto value = alias.is_object() ? alias.find("value") : alias.end();
    if (value != alias.end() && value->is_string()) AddUnique(out, value->get_ref<const std::string&>());
  }
}

std::string EnwikiTitle(const json& entity) {
  auto sitelinks = entity.find("sitelinks");
  if (sitelinks == entity.end() || !sitelinks->is_object()) return "";
  auto enwiki = sitelinks->find("enwiki");
  if (enwiki == sitelinks->end() || !enwiki->is_object()) return "";
  auto title = enwiki->find("title");
  return title != enwiki->end() && title->is_string() ? Clean(title->get_ref<const std::string&>()) : "";
}

// Monolingual texts (P1549 demonym, P1813 short name) in `language`.
std::vector<std::string> MonolingualTexts(const json& entity, const char* property, const std::string& language) {
  std::vector<std::string> out;
  for (const json* statement : BestStatements(entity, property)) {
    const json* snak = Mainsnak(*statement);
    const json* value = snak ? DataValue(*snak) : nullptr;
    if (value == nullptr || !value->is_object()) continue;
    auto lang = value->find("language");
    auto text = value->find("text");
    if (lang != value->end() && *lang == language && text != value->end() && text->is_string()) {
      AddUnique(&out, text->get_ref<const std::string&>());
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// What the import keeps in memory until the end of the dump.

// Names per requested language, in options.languages order.
using NamesByLanguage = std::vector<std::vector<std::string>>;

struct PositionRecord {
  std::vector<uint32_t> classes;        // P31 and P279
  std::vector<uint32_t> jurisdictions;  // P1001
  std::vector<uint32_t> countries;      // P17
  std::string label_office;             // from the English label; "-" for "not an office"
};

struct CountryRecord {
  uint32_t qid = 0;
  std::string iso2;
  bool sovereign = false;
  NamesByLanguage names;
  NamesByLanguage demonyms;
  std::vector<uint32_t> capitals;  // P36
};

struct OrganizationRecord {
  uint32_t qid = 0;
  std::string name;
  NamesByLanguage names;
  std::vector<std::string> short_names;  // P1813 in English or mul
};

struct CityRecord {
  uint32_t qid = 0;
  std::string name;
  double population = 0;
  std::vector<uint32_t> countries;   // P17
  std::vector<uint32_t> capital_of;  // P1376, current
  NamesByLanguage names;
};

class Importer {
 public:
  Importer(const std::string& dump_path, const WikidataImportOptions& options, OfficeMap offices)
      : dump_path_(dump_path), options_(options), offices_(std::move(offices)), filter_(offices_.ClassIds()) {
    for (size_t i = 0; i < options_.languages.size(); ++i) {
      language_index_[options_.languages[i]] = i;
    }
  }

  Result<WikidataImportStats> Run();

 private:
  void Warn(const std::string& message) {
    if (options_.warn) options_.warn(message);
  }
  bool WantedLanguage(std::string_view language) const {
    return language == "en" || language == "mul" || language_index_.contains(std::string(language));
  }
  void HandleEntity(const json& entity, uint32_t qid);
  void SpillPerson(const json& entity, uint32_t qid);
  NamesByLanguage Names(const json& entity) const;
  std::string EnglishName(const json& entity) const;

  // End of dump: resolution and output.
  std::string JurisdictionOf(uint32_t qid) const;
  std::string OfficeOf(uint32_t position);
  const OfficeMap::ClassOffice* BestClassOffice(const std::vector<uint32_t>& classes, bool generic, int depth) const;
  std::string TenureJurisdiction(uint32_t qualifier, uint32_t position) const;
  Status AssignOrganizationIds();
  Status WriteCountries();
  Status WriteOrganizations();
  Status WriteCities();
  Status WritePeople();

  std::string dump_path_;
  const WikidataImportOptions& options_;
  OfficeMap offices_;
  LineFilter filter_;
  std::unordered_map<std::string, size_t> language_index_;
  WikidataImportStats stats_;

  std::unordered_map<uint32_t, PositionRecord> positions_;
  std::vector<CountryRecord> countries_;
  std::vector<OrganizationRecord> organizations_;
  std::vector<CityRecord> cities_;
  std::string spill_path_;
  std::ofstream spill_;
  uint64_t spilled_ = 0;

  std::unordered_map<uint32_t, std::string> country_iso_;    // qid -> iso2
  std::unordered_map<uint32_t, std::string> organization_id_;  // qid -> id
  std::unordered_map<uint32_t, std::string> office_cache_;
};

NamesByLanguage Importer::Names(const json& entity) const {
  NamesByLanguage names(options_.languages.size());
  for (size_t i = 0; i < options_.languages.size(); ++i) {
    AddNames(entity, options_.languages[i], &names[i]);
    // Since 2024 many names carry a "mul" (default for all languages) label
    // instead of an English one; it is written in Latin script.
    if (options_.languages[i] == "en") AddNames(entity, "mul", &names[i]);
  }
  return names;
}

// The English Wikipedia title, else the English label, else the "mul" label.
std::string Importer::EnglishName(const json& entity) const {
  std::string name = EnwikiTitle(entity);
  if (name.empty()) name = Label(entity, "en");
  if (name.empty()) name = Label(entity, "mul");
  return name;
}

void Importer::HandleEntity(const json& entity, uint32_t qid) {
  std::vector<uint32_t> instance_of = AllItems(entity, "P31");
  auto is = [&](uint32_t cls) { return std::find(instance_of.begin(), instance_of.end(), cls) != instance_of.end(); };

  if (is(kHuman)) {
    SpillPerson(entity, qid);
    return;
  }

  // Countries: a current ISO 3166-1 alpha-2 code.
  for (const json* statement : BestStatements(entity, "P297")) {
    if (HasQualifier(*statement, "P582") || !BestStatements(entity, "P576").empty()) break;
    const json* snak = Mainsnak(*statement);
    const json* value = snak ? DataValue(*snak) : nullptr;
    if (value == nullptr || !value->is_string()) continue;
    const std::string& code = value->get_ref<const std::string&>();
    if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) ||
        !std::isupper(static_cast<unsigned char>(code[1]))) {
      continue;
    }
    CountryRecord country;
    country.qid = qid;
    country.iso2 = code;
    country.sovereign = is(kSovereignState);
    country.names = Names(entity);
    // The English name first, as the loader takes the first English name.
    std::string english = Label(entity, "en");
    if (english.empty()) english = EnglishName(entity);
    if (auto en = language_index_.find("en"); en != language_index_.end() && !english.empty()) {
      auto& list = country.names[en->second];
      list.erase(std::remove(list.begin(), list.end(), english), list.end());
      list.insert(list.begin(), english);
    }
    country.demonyms.resize(options_.languages.size());
    for (size_t i = 0; i < options_.languages.size(); ++i) {
      country.demonyms[i] = MonolingualTexts(entity, "P1549", options_.languages[i]);
    }
    country.capitals = CurrentItems(entity, "P36");
    countries_.push_back(std::move(country));
    return;
  }

  if (std::any_of(instance_of.begin(), instance_of.end(), [](uint32_t c) { return Contains(kOrganizationClasses, c); })) {
    OrganizationRecord organization;
    organization.qid = qid;
    organization.name = Label(entity, "en");
    if (organization.name.empty()) organization.name = EnglishName(entity);
    if (organization.name.empty()) return;
    organization.names = Names(entity);
    organization.short_names = MonolingualTexts(entity, "P1813", "en");
    for (std::string& name : MonolingualTexts(entity, "P1813", "mul")) AddUnique(&organization.short_names, name);
    organizations_.push_back(std::move(organization));
    return;
  }

  bool city_class = std::any_of(instance_of.begin(), instance_of.end(), [](uint32_t c) { return Contains(kCityClasses, c); });
  std::vector<uint32_t> capital_of = CurrentItems(entity, "P1376");
  if (city_class || !capital_of.empty()) {
    double population = 0;
    for (const json* statement : BestStatements(entity, "P1082")) {
      const json* snak = Mainsnak(*statement);
      const json* value = snak ? DataValue(*snak) : nullptr;
      if (value == nullptr || !value->is_object()) continue;
      auto amount = value->find("amount");
      if (amount != value->end() && amount->is_string()) {
        population = std::max(population, std::strtod(amount->get_ref<const std::string&>().c_str(), nullptr));
      }
    }
    // Small places stay only as capitals; whether the P1376 target is a
    // country is known only at the end.
    if (population >= kMinCityPopulation || !capital_of.empty() || is(5119)) {
      CityRecord city;
      city.qid = qid;
      city.name = Label(entity, "en");
      if (city.name.empty()) city.name = Label(entity, "mul");
      if (city.name.empty()) return;
      city.population = population;
      city.countries = CurrentItems(entity, "P17");
      city.capital_of = std::move(capital_of);
      city.names = Names(entity);
      cities_.push_back(std::move(city));
      return;
    }
  }

  // Positions: typed as one, or of a class the office map knows, or a
  // subclass that applies to a jurisdiction.
  std::vector<uint32_t> subclass_of = AllItems(entity, "P279");
  std::vector<uint32_t> classes = instance_of;
  classes.insert(classes.end(), subclass_of.begin(), subclass_of.end());
  std::vector<uint32_t> jurisdictions = CurrentItems(entity, "P1001");
  if (jurisdictions.empty()) jurisdictions = AllItems(entity, "P1001");
  bool position = std::any_of(classes.begin(), classes.end(), [&](uint32_t c) {
    return Contains(kPositionClasses, c) || offices_.ForClass(c) != nullptr;
  });
  position = position || (!subclass_of.empty() && !jurisdictions.empty()) || offices_.ForClass(qid) != nullptr;
  if (!position) return;
  PositionRecord record;
  record.classes = std::move(classes);
  record.jurisdictions = std::move(jurisdictions);
  record.countries = CurrentItems(entity, "P17");
  std::string english = Label(entity, "en");
  if (english.empty()) english = Label(entity, "mul");
  record.label_office = offices_.ForLabel(english);
  positions_[qid] = std::move(record);
}

// One line of the spill file: Q-id, name, one alias cell per language, then
// tenures "position,jurisdiction,from,to,acting;…" (Q-numbers, 0 = none).
void Importer::SpillPerson(const json& entity, uint32_t qid) {
  std::vector<const json*> statements = AllStatements(entity, "P39");
  if (statements.empty()) return;
  std::string death;
  for (const json* statement : BestStatements(entity, "P570")) {
    if (const json* snak = Mainsnak(*statement)) death = TenureDate(*snak);
    if (!death.empty()) break;
  }
  std::string tenures;
  for (const json* statement : statements) {
    const json* snak = Mainsnak(*statement);
    std::optional<uint32_t> position = snak ? ItemId(*snak) : std::nullopt;
    if (!position) continue;
    std::string from, to;
    if (const json* list = Qualifiers(*statement, "P580")) {
      for (const json& q : *list) {
        if (from.empty()) from = TenureDate(q);
      }
    }
    if (const json* list = Qualifiers(*statement, "P582")) {
      for (const json& q : *list) {
        if (to.empty()) to = TenureDate(q);
      }
    }
    // Undated statements are common for long-dead holders (a minister of
    // the 1950s with no P580/P582 would otherwise hold office forever).
    if (from.empty() && to.empty()) continue;
    if (to.empty() && !death.empty()) to = death;
    uint32_t jurisdiction = 0;
    for (const char* property : {"P642", "P1001"}) {
      if (const json* list = Qualifiers(*statement, property)) {
        for (const json& q : *list) {
          if (auto id = ItemId(q); id && jurisdiction == 0) jurisdiction = *id;
        }
      }
    }
    // Acting holders: P2868 (subject has role) = Q4676846, though editors
    // also put "acting" under P1039 or P3831; any qualifier will do.
    bool acting = false;
    if (auto qualifiers = statement->find("qualifiers"); qualifiers != statement->end() && qualifiers->is_object()) {
      for (const auto& [property, list] : qualifiers->items()) {
        if (!list.is_array()) continue;
        for (const json& q : list) {
          if (ItemId(q) == kActing) acting = true;
        }
      }
    }
    if (!tenures.empty()) tenures += ';';
    tenures += std::to_string(*position) + ',' + std::to_string(jurisdiction) + ',' + from + ',' + to + ',' +
               (acting ? '1' : '0');
  }
  if (tenures.empty()) return;
  NamesByLanguage names = Names(entity);
  std::string name = EnglishName(entity);
  for (size_t i = 0; name.empty() && i < names.size(); ++i) {
    if (!names[i].empty()) name = names[i].front();
  }
  if (name.empty()) return;
  spill_ << 'Q' << qid << '\t' << name;
  for (auto& list : names) {
    list.erase(std::remove(list.begin(), list.end(), name), list.end());
    spill_ << '\t';
    for (size_t i = 0; i < list.size(); ++i) spill_ << (i ? "|" : "") << list[i];
  }
  spill_ << '\t' << tenures << '\n';
  ++spilled_;
}

std::string Importer::JurisdictionOf(uint32_t qid) const {
  if (auto it = country_iso_.find(qid); it != country_iso_.end()) return it->second;
  if (auto it = organization_id_.find(qid); it != organization_id_.end()) return it->second;
  return "";
}

const OfficeMap::ClassOffice* Importer::BestClassOffice(const std::vector<uint32_t>& classes, bool generic,
                                                        int depth) const {
  const OfficeMap::ClassOffice* best = nullptr;
  for (uint32_t cls : classes) {
    const OfficeMap::ClassOffice* office = offices_.ForClass(cls);
    if (office != nullptr && office->generic == generic && (best == nullptr || office->rank < best->rank)) {
      best = office;
    }
  }
  if (best != nullptr || depth == 0) return best;
  for (uint32_t cls : classes) {
    auto it = positions_.find(cls);
    if (it == positions_.end()) continue;
    const OfficeMap::ClassOffice* office = BestClassOffice(it->second.classes, generic, depth - 1);
    if (office != nullptr && (best == nullptr || office->rank < best->rank)) best = office;
  }
  return best;
}

// The office of the P39 value `position`, or "" when it is none of ours.
std::string Importer::OfficeOf(uint32_t position) {
  if (auto it = office_cache_.find(position); it != office_cache_.end()) return it->second;
  std::string office;
  const OfficeMap::ClassOffice* direct = offices_.ForClass(position);
  auto record = positions_.find(position);
  if (direct != nullptr && !direct->generic) {
    office = direct->office;
  } else if (record != positions_.end()) {
    const PositionRecord& p = record->second;
    if (const auto* found = BestClassOffice(p.classes, false, 2)) {
      office = found->office;
    } else if (!p.label_office.empty()) {
      office = p.label_office;
    } else if (const auto* generic = BestClassOffice(p.classes, true, 2)) {
      office = generic->office;
    }
  } else if (direct != nullptr) {
    office = direct->office;
  }
  if (office == "-") office.clear();
  office_cache_[position] = office;
  return office;
}

// A tenure's jurisdiction: the statement's own "of" (P642) or jurisdiction
// (P1001) qualifier, else the position's P1001, else its country (P17).
// When the position applies to a place that is no country or organization
// we know ("Governor of Texas"), there is none: its P17 would be wrong.
std::string Importer::TenureJurisdiction(uint32_t qualifier, uint32_t position) const {
  if (qualifier != 0) {
    std::string found = JurisdictionOf(qualifier);
    if (!found.empty()) return found;
  }
  auto record = positions_.find(position);
  if (record == positions_.end()) return "";
  if (!record->second.jurisdictions.empty()) {
    for (uint32_t qid : record->second.jurisdictions) {
      std::string found = JurisdictionOf(qid);
      if (!found.empty()) return found;
    }
    return "";
  }
  for (uint32_t qid : record->second.countries) {
    std::string found = JurisdictionOf(qid);
    if (!found.empty()) return found;
  }
  return "";
}


std::string Lowercase(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Organizations the bundled knowledge base already knows keep its ids (UN,
// NATO, OSCE), so that imported tenures meet the bundled ones; the others
// get their English short name (P1813) as id, else their Q-id.
Status Importer::AssignOrganizationIds() {
  std::unordered_map<std::string, std::string> bundled;  // lower-case name -> id
  std::unordered_map<std::string, std::string> bundled_names;
  std::string path = DataDirectory() + "/kb/organizations.tsv";
  if (std::filesystem::exists(path)) {
    Status status = internal::ReadTsv(path, {"id", "name"}, [&](const internal::TsvRow& row) -> Status {
      std::string id(row.Get("id"));
      bundled_names.emplace(Lowercase(row.Get("name")), id);
      bundled.emplace(Lowercase(id), id);
      for (std::string_view alias : row.List("aliases_en")) bundled.emplace(Lowercase(alias), id);
      return Status();
    });
    if (!status.ok()) return status;
  }
  std::unordered_set<std::string> used;
  // First the exact name matches, then aliases and short names.
  for (int pass = 0; pass < 2; ++pass) {
    for (OrganizationRecord& organization : organizations_) {
      if (organization_id_.contains(organization.qid)) continue;
      std::vector<std::string> keys = {organization.name};
      if (pass == 1) {
        if (auto en = language_index_.find("en"); en != language_index_.end()) {
          for (const std::string& name : organization.names[en->second]) keys.push_back(name);
        }
        for (const std::string& name : organization.short_names) keys.push_back(name);
      }
      for (const std::string& key : keys) {
        const auto& table = pass == 0 ? bundled_names : bundled;
        auto it = table.find(Lowercase(key));
        if (it != table.end() && !used.contains(it->second)) {
          organization_id_[organization.qid] = it->second;
          used.insert(it->second);
          break;
        }
      }
    }
  }
  std::unordered_set<std::string> isos;
  for (const auto& [qid, iso] : country_iso_) isos.insert(iso);
  for (OrganizationRecord& organization : organizations_) {
    if (organization_id_.contains(organization.qid)) continue;
    std::string id;
    for (const std::string& name : organization.short_names) {
      std::string candidate;
      for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c))) candidate += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        else if (c == '+') candidate += "PLUS";
        else if (c != ' ' && c != '.' && c != '-' && c != '&') { candidate.clear(); break; }
      }
      if (candidate.size() >= 2 && candidate.size() <= 16 && !isos.contains(candidate) && !used.contains(candidate) &&
          !bundled.contains(Lowercase(candidate))) {
        id = candidate;
        break;
      }
    }
    if (id.empty()) id = "Q" + std::to_string(organization.qid);
    used.insert(id);
    organization_id_[organization.qid] = id;
  }
  return Status();
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += '|';
    out += item;
  }
  return out;
}

// Writes `path` through a temporary file, so that a failed import leaves the
// previous file whole.
class TsvOut {
 public:
  explicit TsvOut(std::string path) : path_(std::move(path)), out_(path_ + ".tmp", std::ios::binary) {}
  bool ok() const { return static_cast<bool>(out_); }
  std::ofstream& stream() { return out_; }
  Status Commit() {
    out_.close();
    if (!out_) return Status::Error(path_ + ": cannot write");
    std::error_code error;
    std::filesystem::rename(path_ + ".tmp", path_, error);
    if (error) return Status::Error(path_ + ": cannot write: " + error.message());
    return Status();
  }

 private:
  std::string path_;
  std::ofstream out_;
};

std::string Provenance(const std::string& dump_path) {
  return "# Imported from " + std::filesystem::path(dump_path).filename().string() +
         " by rayzan kb import-wikidata (see docs/wikidata.md); do not edit, re-import.\n";
}

Status Importer::WriteCountries() {
  // Several items may carry one code (Netherlands, Kingdom of the
  // Netherlands): one row, the sovereign state's names first.
  std::stable_sort(countries_.begin(), countries_.end(),
                   [](const CountryRecord& a, const CountryRecord& b) { return a.sovereign > b.sovereign; });
  std::map<std::string, std::pair<NamesByLanguage, NamesByLanguage>> rows;
  for (const CountryRecord& country : countries_) {
    auto& [names, demonyms] = rows[country.iso2];
    names.resize(options_.languages.size());
    demonyms.resize(options_.languages.size());
    for (size_t i = 0; i < options_.languages.size(); ++i) {
      // "US", "RU": a two-letter alias would match the word "us" in text.
      for (const std::string& name : country.names[i]) {
        if (name.size() > 2) AddUnique(&names[i], name);
      }
      for (const std::string& name : country.demonyms[i]) AddUnique(&demonyms[i], name);
    }
  }
  TsvOut out(options_.output_directory + "/countries.tsv");
  if (!out.ok()) return Status::Error(options_.output_directory + "/countries.tsv: cannot write");
  auto& stream = out.stream();
  stream << "iso2";
  for (const std::string& language : options_.languages) stream << "\tnames_" << language;
  for (const std::string& language : options_.languages) stream << "\tadjectives_" << language;
  stream << '\n' << Provenance(dump_path_);
  for (const auto& [iso, lists] : rows) {
    stream << iso;
    for (const auto& names : lists.first) stream << '\t' << JoinList(names);
    for (const auto& names : lists.second) stream << '\t' << JoinList(names);
    stream << '\n';
  }
  stats_.countries = rows.size();
  return out.Commit();
}

Status Importer::WriteOrganizations() {
  TsvOut out(options_.output_directory + "/organizations.tsv");
  if (!out.ok()) return Status::Error(options_.output_directory + "/organizations.tsv: cannot write");
  auto& stream = out.stream();
  stream << "id\tname";
  for (const std::string& language : options_.languages) stream << "\taliases_" << language;
  stream << "\tkind\n" << Provenance(dump_path_);
  for (OrganizationRecord& organization : organizations_) {
    stream << organization_id_[organization.qid] << '\t' << organization.name;
    for (size_t i = 0; i < options_.languages.size(); ++i) {
      std::vector<std::string> names = organization.names[i];
      if (options_.languages[i] == "en") {
        for (const std::string& name : organization.short_names) AddUnique(&names, name);
      }
      names.erase(std::remove(names.begin(), names.end(), organization.name), names.end());
      stream << '\t' << JoinList(names);
    }
    stream << "\tigo\n";
  }
  stats_.organizations = organizations_.size();
  return out.Commit();
}

Status Importer::WriteCities() {
  std::unordered_set<uint32_t> national_capitals;
  for (const CountryRecord& country : countries_) {
    national_capitals.insert(country.capitals.begin(), country.capitals.end());
  }
  // The most populous first, so that of two cities with one name in one
  // country the bigger is kept.
  std::sort(cities_.begin(), cities_.end(),
            [](const CityRecord& a, const CityRecord& b) { return a.population > b.population; });
  TsvOut out(options_.output_directory + "/cities.tsv");
  if (!out.ok()) return Status::Error(options_.output_directory + "/cities.tsv: cannot write");
  auto& stream = out.stream();
  stream << "name\tiso2";
  for (const std::string& language : options_.languages) stream << "\taliases_" << language;
  stream << "\tkind\n" << Provenance(dump_path_);
  std::unordered_set<std::string> written;
  uint64_t count = 0;
  for (CityRecord& city : cities_) {
    bool capital = national_capitals.contains(city.qid) ||
                   std::any_of(city.capital_of.begin(), city.capital_of.end(),
                               [&](uint32_t qid) { return country_iso_.contains(qid); });
    if (!capital && city.population < kMinCityPopulation) continue;
    std::string iso;
    for (uint32_t qid : city.countries) {
      if (auto it = country_iso_.find(qid); it != country_iso_.end()) {
        iso = it->second;
        break;
      }
    }
    if (iso.empty() || !written.insert(city.name + "@" + iso).second) continue;
    stream << city.name << '\t' << iso;
    for (auto& names : city.names) {
      names.erase(std::remove(names.begin(), names.end(), city.name), names.end());
      stream << '\t' << JoinList(names);
    }
    stream << '\t' << (capital ? "capital" : "city") << '\n';
    ++count;
  }
  stats_.cities = count;
  return out.Commit();
}

Status Importer::WritePeople() {
  spill_.close();
  if (!spill_) return Status::Error(spill_path_ + ": cannot write");
  std::filesystem::create_directories(options_.output_directory + "/people");
  TsvOut out(options_.output_directory + "/people/wikidata.tsv");
  if (!out.ok()) return Status::Error(options_.output_directory + "/people/wikidata.tsv: cannot write");
  auto& stream = out.stream();
  stream << "id\tname";
  for (const std::string& language : options_.languages) stream << "\taliases_" << language;
  stream << "\troles\n" << Provenance(dump_path_);

  std::unordered_set<uint32_t> used_positions;
  std::ifstream in(spill_path_, std::ios::binary);
  std::string line;
  uint64_t people = 0;
  while (std::getline(in, line)) {
    std::vector<std::string_view> cells;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      cells.emplace_back(std::string_view(line).substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (cells.size() != options_.languages.size() + 3) continue;
    struct Role {
      std::string text;
      std::string from;
    };
    std::vector<Role> roles;
    for (std::string_view tenure : internal::SplitList(cells.back(), ';')) {
      std::vector<std::string_view> parts;
      size_t begin = 0;
      while (true) {
        size_t comma = tenure.find(',', begin);
        parts.push_back(tenure.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin));
        if (comma == std::string_view::npos) break;
        begin = comma + 1;
      }
      if (parts.size() != 5) continue;
      uint32_t position = static_cast<uint32_t>(std::stoul(std::string(parts[0])));
      uint32_t qualifier = static_cast<uint32_t>(std::stoul(std::string(parts[1])));
      std::string office = OfficeOf(position);
      if (office.empty()) continue;
      std::string jurisdiction = TenureJurisdiction(qualifier, position);
      if (jurisdiction.empty()) continue;
      used_positions.insert(position);
      std::string text = office + "@" + jurisdiction + ":" + std::string(parts[2]) + ".." + std::string(parts[3]);
      if (parts[4] == "1") text += "!acting";
      if (std::none_of(roles.begin(), roles.end(), [&](const Role& r) { return r.text == text; })) {
        roles.push_back({text, std::string(parts[2])});
      }
    }
    if (roles.empty()) continue;
    std::stable_sort(roles.begin(), roles.end(), [](const Role& a, const Role& b) { return a.from < b.from; });
    stream << cells[0] << '\t' << cells[1];
    for (size_t i = 0; i < options_.languages.size(); ++i) stream << '\t' << cells[2 + i];
    stream << '\t';
    for (size_t i = 0; i < roles.size(); ++i) stream << (i ? "|" : "") << roles[i].text;
    stream << '\n';
    ++people;
  }
  in.close();
  std::filesystem::remove(spill_path_);
  stats_.people = people;
  stats_.positions = used_positions.size();
  return out.Commit();
}

Result<WikidataImportStats> Importer::Run() {
  auto started = std::chrono::steady_clock::now();
  Result<std::unique_ptr<DumpReader>> opened = DumpReader::Open(dump_path_);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<DumpReader> reader = std::move(opened).value();

  std::error_code error;
  std::filesystem::create_directories(options_.output_directory + "/people", error);
  if (error) return Status::Error(options_.output_directory + ": cannot create: " + error.message());
  spill_path_ = options_.output_directory + "/.wikidata-people.spill";
  spill_.open(spill_path_, std::ios::binary | std::ios::trunc);
  if (!spill_) return Status::Error(spill_path_ + ": cannot write");

  // Parsing keeps only what HandleEntity reads: the labels and aliases of
  // our languages, the English sitelink, the wanted claims, no references.
  std::string section;
  json::parser_callback_t keep = [&](int depth, json::parse_event_t event, json& parsed) -> bool {
    if (event != json::parse_event_t::key) return true;
    const std::string& key = parsed.get_ref<const std::string&>();
    if (depth == 1) {
      section = key;
      return key != "descriptions";
    }
    if (depth == 2) {
      if (section == "labels" || section == "aliases") return WantedLanguage(key);
      if (section == "sitelinks") return key == "enwiki";
      if (section == "claims") return WantedProperty(key);
      return true;
    }
    return key != "references" && key != "qualifiers-order" && key != "hash";
  };

  std::string_view line;
  while (reader->ReadLine(&line)) {
    ++stats_.lines;
    if (options_.progress && stats_.lines % 100000 == 0) options_.progress(stats_.lines);
    // "[", "]", and the ',' that ends every entity line but the last.
    while (!line.empty() && (line.back() == ',' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty() || line == "[" || line == "]") continue;
    if (!filter_.Relevant(line)) continue;
    section.clear();
    json entity = json::parse(line.begin(), line.end(), keep, /*allow_exceptions=*/false);
    if (entity.is_discarded() || !entity.is_object()) {
      ++stats_.skipped_lines;
      Warn(dump_path_ + ":" + std::to_string(stats_.lines) + ": not JSON, skipped");
      continue;
    }
    auto id = entity.find("id");
    if (id == entity.end() || !id->is_string() || id->get_ref<const std::string&>().size() < 2 ||
        id->get_ref<const std::string&>()[0] != 'Q') {
      continue;  // properties (P…) and lexemes (L…) are of no use here
    }
    ++stats_.entities;
    const std::string& text = id->get_ref<const std::string&>();
    uint32_t qid = static_cast<uint32_t>(std::strtoul(text.c_str() + 1, nullptr, 10));
    try {
      HandleEntity(entity, qid);
    } catch (const std::exception& e) {
      // A value of an unexpected type somewhere in the entity: one entity
      // lost, not the import.
      ++stats_.skipped_lines;
      Warn(dump_path_ + ":" + std::to_string(stats_.lines) + ": unexpected entity shape (" + e.what() + "), skipped");
    }
  }
  if (!reader->error().empty()) {
    Warn(reader->error() + " after line " + std::to_string(stats_.lines) + "; importing what was read");
  }
  if (options_.progress) options_.progress(stats_.lines);

  for (const CountryRecord& country : countries_) country_iso_[country.qid] = country.iso2;
  Status status = AssignOrganizationIds();
  if (status.ok()) status = WriteCountries();
  if (status.ok()) status = WriteOrganizations();
  if (status.ok()) status = WriteCities();
  if (status.ok()) status = WritePeople();
  if (!status.ok()) {
    std::filesystem::remove(spill_path_, error);
    return status;
  }
  stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return stats_;
}

}  // namespace

Result<WikidataImportStats> ImportWikidata(const std::string& dump_path, const WikidataImportOptions& options) {
  if (options.output_directory.empty()) return Status::Error("no output folder given");
  std::string map_path = DataDirectory() + "/kb/wikidata_offices.tsv";
  Result<OfficeMap> offices = OfficeMap::Load(map_path);
  if (!offices.ok()) return offices.status();
  try {
    Importer importer(dump_path, options, std::move(offices).value());
    return importer.Run();
  } catch (const std::exception& e) {
    // std::stoul on a corrupt spill line, or an allocation failure: never
    // let an exception cross the module boundary.
    return Status::Error(dump_path + ": import failed: " + e.what());
  }
}

}  // namespace rayzan
