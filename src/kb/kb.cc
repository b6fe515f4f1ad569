#include "rayzan/kb.h"

#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "base/tsv.h"
#include "kb/name_index.h"
#include "kb/name_skeleton.h"
#include "kb/person_row.h"
#include "kb/skeleton_index.h"
#include "rayzan/data_dir.h"
#include "rayzan/normalize.h"

namespace rayzan {

using internal::kAliasLanguages;
using internal::ReadTsv;
using internal::TsvRow;

namespace {

// "2004-03-09", "2004-03" or "2004"; `end` picks the last day of a partial date.
std::optional<CivilDate> ParseTenureDate(std::string_view text, bool end) {
  if (text.empty()) return end ? CivilDate{9999, 12, 31} : CivilDate{0, 1, 1};
  if (auto full = CivilDate::FromIso(text)) return full;
  int year = 0, month = 0;
  if (text.size() == 4 && std::all_of(text.begin(), text.end(), ::isdigit)) {
    year = std::stoi(std::string(text));
    return end ? CivilDate{year, 12, 31} : CivilDate{year, 1, 1};
  }
  if (text.size() == 7 && text[4] == '-') {
    year = std::stoi(std::string(text.substr(0, 4)));
    month = std::stoi(std::string(text.substr(5, 2)));
    if (month < 1 || month > 12) return std::nullopt;
    if (!end) return CivilDate{year, month, 1};
    CivilDate next = month == 12 ? CivilDate{year + 1, 1, 1} : CivilDate{year, month + 1, 1};
    return next.AddDays(-1);
  }
  return std::nullopt;
}

// "foreign_minister@RU:2004-03-09..!acting"
Result<Tenure> ParseTenure(std::string_view item) {
  Tenure tenure;
  size_t at = item.find('@');
  size_t colon = item.find(':', at == std::string_view::npos ? 0 : at);
  if (at == std::string_view::npos || colon == std::string_view::npos) {
    return Status::Error("tenure '" + std::string(item) + "' is not office@JURISDICTION:FROM..TO");
  }
  tenure.office = std::string(item.substr(0, at));
  tenure.jurisdiction = std::string(item.substr(at + 1, colon - at - 1));
  std::string_view range = item.substr(colon + 1);
  if (size_t bang = range.find('!'); bang != std::string_view::npos) {
    tenure.acting = range.substr(bang + 1) == "acting";
    range = range.substr(0, bang);
  }
  size_t dots = range.find("..");
  if (dots == std::string_view::npos) return Status::Error("tenure '" + std::string(item) + "' lacks '..'");
  auto from = ParseTenureDate(internal::Trim(range.substr(0, dots)), false);
  auto to = ParseTenureDate(internal::Trim(range.substr(dots + 2)), true);
  if (!from || !to) return Status::Error("tenure '" + std::string(item) + "' has a malformed date");
  tenure.from = *from;
  tenure.to = *to;
  return tenure;
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string HomeDataDirectory() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/rayzan";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.local/share/rayzan";
  }
  return "";
}

}  // namespace

namespace internal {

Result<Person> ParsePersonRow(const TsvRow& row) {
  Person person;
  person.id = std::string(row.Get("id"));
  person.name = std::string(row.Get("name"));
  if (person.id.empty() || person.name.empty()) return Status::Error("empty id or name");
  for (std::string_view item : row.List("roles")) {
    Result<Tenure> tenure = ParseTenure(item);
    if (!tenure.ok()) return tenure.status();
    person.tenures.push_back(std::move(tenure).value());
  }
  person.aliases.push_back({person.name, "en"});
  for (std::string_view language : kAliasLanguages) {
    std::string column = "aliases_" + std::string(language);
    for (std::string_view alias : row.List(column)) person.aliases.push_back({std::string(alias), std::string(language)});
  }
  return person;
}

}  // namespace internal

struct KnowledgeBase::Index {
  // Moves `people` into the base and indexes their aliases, skeletons and tenures.
  static void AddPeople(std::vector<Person> people, KnowledgeBase* kb, Index* index);

  internal::NameIndex names;
  internal::SkeletonIndex skeletons;
  std::unordered_map<std::string, uint32_t> person_by_id;
  // "foreign_minister@RU" -> (person, tenure index)
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> holders;
  std::unordered_map<std::string, uint32_t> country_by_iso;
  std::unordered_map<std::string, uint32_t> organization_by_id;
};

namespace {

// What the loader derives from one person's aliases before indexing them,
// computed on several threads for a large base. Strings share one buffer
// per person: a million small allocations (and frees) cost more than the
// normalization itself.
struct PreparedPerson {
  std::string buffer;
  std::vector<uint32_t> normalized_end;  // per alias: end of its normalized form in buffer
  std::vector<uint32_t> skeleton_end;    // per alias: end of its skeleton (after the normalized forms)
  uint32_t partial_begin = 0, partial_end = 0;  // last word of the name, when no alias is one word

  size_t size() const { return normalized_end.size(); }
  std::string_view normalized(size_t a) const {
    uint32_t begin = a == 0 ? 0 : normalized_end[a - 1];
    return std::string_view(buffer).substr(begin, normalized_end[a] - begin);
  }
  std::string_view skeleton(size_t a) const {
    uint32_t begin = a == 0 ? normalized_end.back() : skeleton_end[a - 1];
    return std::string_view(buffer).substr(begin, skeleton_end[a] - begin);
  }
  std::string_view partial_skeleton() const {
    return std::string_view(buffer).substr(partial_begin, partial_end - partial_begin);
  }
};

// "bill graham" of "bill graham (canadian politician)": Wikipedia titles
// carry a qualifier that is no part of the name.
std::string_view WithoutQualifier(std::string_view name) {
  size_t open = name.find(" (");
  return open == std::string_view::npos ? name : name.substr(0, open);
}

void PreparePeople(const std::vector<Person>& people, std::vector<PreparedPerson>* prepared) {
  prepared->resize(people.size());
  auto work = [&](size_t begin, size_t end) {
    internal::NameSkeletonizer skeletonizer;
    for (size_t p = begin; p < end; ++p) {
      PreparedPerson& out = (*prepared)[p];
      const std::vector<PersonAlias>& aliases = people[p].aliases;
      out.normalized_end.reserve(aliases.size());
      out.skeleton_end.reserve(aliases.size());
      bool has_one_word = false;
      for (const PersonAlias& alias : aliases) {
        out.buffer += NormalizeForMatching(alias.text);
        out.normalized_end.push_back(static_cast<uint32_t>(out.buffer.size()));
        std::string_view normalized = out.normalized(out.normalized_end.size() - 1);
        has_one_word = has_one_word || (!normalized.empty() && normalized.find(' ') == std::string_view::npos);
      }
      for (size_t a = 0; a < aliases.size(); ++a) {
        std::string skeleton = skeletonizer.Skeleton(WithoutQualifier(out.normalized(a)));
        out.buffer += skeleton;
        out.skeleton_end.push_back(static_cast<uint32_t>(out.buffer.size()));
      }
      if (!has_one_word && !aliases.empty()) {
        // Imported people rarely list the surname alone, which is how news
        // names them; the fuzzy index still finds them by it.
        std::string_view name = WithoutQualifier(out.normalized(0));
        size_t space = name.rfind(' ');
        if (space != std::string_view::npos) {
          std::string skeleton = skeletonizer.Skeleton(name.substr(space + 1));
          out.partial_begin = static_cast<uint32_t>(out.buffer.size());
          out.buffer += skeleton;
          out.partial_end = static_cast<uint32_t>(out.buffer.size());
        }
      }
    }
  };
  // ICU's transliterator and the normalizer dominate a large load; split it.
  size_t threads = people.size() < 20000 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> workers;
  size_t chunk = (people.size() + threads - 1) / threads;
  for (size_t t = 1; t < threads; ++t) {
    size_t begin = std::min(people.size(), t * chunk), end = std::min(people.size(), (t + 1) * chunk);
    workers.emplace_back(work, begin, end);
  }
  work(0, std::min(people.size(), chunk));
  for (std::thread& worker : workers) worker.join();
}

// "بن فرحان" of "فیصل بن فرحان", "bin salman" of "mohammed bin salman": the
// part from "son of" on, when a given name precedes it and a name follows.
std::string_view SonOfPart(std::string_view alias) {
  for (std::string_view son_of : {std::string_view(" بن "), std::string_view(" bin "), std::string_view(" ibn ")}) {
    size_t at = alias.find(son_of);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view tail = alias.substr(at + 1);
    return tail.find(' ') != std::string_view::npos ? tail : std::string_view();
  }
  return {};
}

}  // namespace

void KnowledgeBase::Index::AddPeople(std::vector<Person> people, KnowledgeBase* kb, Index* index) {
  std::vector<PreparedPerson> prepared;
  PreparePeople(people, &prepared);
  size_t alias_count = 0;
  for (const Person& person : people) alias_count += person.aliases.size();
  // How many people each "son of" short form would name.
  std::unordered_map<std::string, int> son_of_owners;
  for (size_t p = 0; p < people.size(); ++p) {
    std::set<std::string> tails;
    for (uint32_t a = 0; a < prepared[p].size(); ++a) {
      std::string_view tail = SonOfPart(prepared[p].normalized(a));
      if (!tail.empty()) tails.emplace(tail);
    }
    for (const std::string& tail : tails) ++son_of_owners[tail];
  }
  index->names.Reserve(alias_count);
  index->person_by_id.reserve(people.size());
  kb->people_.reserve(kb->people_.size() + people.size());
  for (size_t p = 0; p < people.size(); ++p) {
    kb->people_.push_back(std::move(people[p]));
    uint32_t person_index = static_cast<uint32_t>(kb->people_.size() - 1);
    const Person& person = kb->people_.back();
    index->person_by_id.emplace(person.id, person_index);
    const PreparedPerson& prep = prepared[p];
    for (uint32_t a = 0; a < prep.size(); ++a) {
      std::string_view alias = prep.normalized(a);
      if (alias.empty()) continue;
      // A one-word alias that also appears inside a longer alias of the same
      // person is a surname: it needs the full name nearby, or a unique match.
      bool single_word = alias.find(' ') == std::string_view::npos;
      bool surname = false;
      for (uint32_t b = 0; single_word && b < prep.size() && !surname; ++b) {
        std::string_view other = prep.normalized(b);
        if (other.size() <= alias.size() || other.find(' ') == std::string_view::npos) continue;
        size_t at = other.find(alias);
        while (at != std::string_view::npos && !surname) {
          // The word on its own: a space (or the end) on both sides.
          bool starts = at == 0 || other[at - 1] == ' ';
          bool ends = at + alias.size() == other.size() || other[at + alias.size()] == ' ';
          surname = starts && ends;
          at = other.find(alias, at + 1);
        }
      }
      index->names.Add(alias, {{EntityKind::kPerson, person_index}, surname, false});
      // Arabic names shorten to their "son of" part: "فیصل بن فرحان" is
      // "بن فرحان" in running text, "Mohammed bin Salman" "bin Salman" —
      // unless several people share it ("بن عبد العزيز").
      std::string_view tail = SonOfPart(alias);
      if (!tail.empty() && son_of_owners[std::string(tail)] == 1) {
        index->names.Add(tail, {{EntityKind::kPerson, person_index}, true, false});
      }
      // Two aliases of one person with one skeleton need one posting.
      std::string_view skeleton = prep.skeleton(a);
      bool seen = false;
      for (uint32_t b = 0; b < a && !seen; ++b) seen = prep.skeleton(b) == skeleton;
      if (!seen) index->skeletons.Add(skeleton, {person_index, a, false});
    }
    if (!prep.partial_skeleton().empty()) {
      index->skeletons.Add(prep.partial_skeleton(), {person_index, 0, true});
    }
    // Freed as we go, while the allocator still has them at hand.
    prepared[p] = PreparedPerson();
    for (uint32_t t = 0; t < person.tenures.size(); ++t) {
      const Tenure& tenure = person.tenures[t];
      index->holders[tenure.office + "@" + tenure.jurisdiction].push_back({person_index, t});
    }
  }
  index->skeletons.Finish();
}

std::string KnowledgeBase::BundledDirectory() { return DataDirectory() + "/kb"; }

std::string KnowledgeBase::ImportedDirectory() {
  std::string home = HomeDataDirectory();
  return home.empty() ? "" : home + "/kb";
}

std::string KnowledgeBase::UserDirectory() {
  std::string home = HomeDataDirectory();
  return home.empty() ? "" : home + "/user";
}

std::vector<std::string> KnowledgeBase::DefaultDirectories() {
  std::vector<std::string> directories = {BundledDirectory()};
  for (const std::string& directory : {ImportedDirectory(), UserDirectory()}) {
    std::error_code error;
    if (!directory.empty() && std::filesystem::is_directory(directory, error)) directories.push_back(directory);
  }
  return directories;
}

Result<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::Load(const std::vector<std::string>& directories) {
  auto kb = std::make_shared<KnowledgeBase>();
  auto index = std::make_shared<Index>();
  kb->directories_ = directories;
  // People are collected first and indexed at the end, so that a later
  // folder's row for the same id replaces an earlier one whole.
  std::unordered_map<std::string, size_t> person_slot;
  std::vector<Person> people;
  std::unordered_map<std::string, size_t> city_slot;
  struct CityRow {
    City city;
    std::vector<std::string> aliases;
  };
  std::vector<CityRow> cities;

  // Names that are ordinary words must never be indexed, whichever source
  // brings them (CLDR's Persian exemplar city for Dushanbe is "دوشنبه", Monday).
  std::unordered_set<std::string> blocked;
  for (const std::string& directory : directories) {
    std::string path = directory + "/blocked_names.tsv";
    if (!std::filesystem::exists(path)) continue;
    Status status = ReadTsv(path, {"phrase"}, [&](const TsvRow& row) -> Status {
      blocked.insert(NormalizeForMatching(row.Get("phrase")));
      return Status();
    });
    if (!status.ok()) return status;
  }
  index->names.SetBlocked(std::move(blocked));

  for (uint32_t directory_index = 0; directory_index < directories.size(); ++directory_index) {
    const std::string& directory = directories[directory_index];
    namespace fs = std::filesystem;
    if (!fs::is_directory(directory)) return Status::Error(directory + ": not a knowledge-base folder");
    std::vector<fs::path> people_files;
    if (fs::is_directory(fs::path(directory) / "people")) {
      for (const auto& entry : fs::directory_iterator(fs::path(directory) / "people")) {
        if (entry.path().extension() == ".tsv") people_files.push_back(entry.path());
      }
    }
    std::sort(people_files.begin(), people_files.end());
    for (const fs::path& file : people_files) {
      Status status = ReadTsv(file.string(), {"id", "name"}, [&](const TsvRow& row) -> Status {
        Result<Person> parsed = internal::ParsePersonRow(row);
        if (!parsed.ok()) return parsed.status();
        Person& person = parsed.value();
        person.directory = directory_index;
        auto [it, inserted] = person_slot.emplace(person.id, people.size());
        if (inserted) {
          people.push_back(std::move(person));
        } else {
          people[it->second] = std::move(person);
        }
        return Status();
      });
      if (!status.ok()) return status;
    }

    auto read_optional = [&](const char* name, std::vector<std::string> required,
                             const std::function<Status(const TsvRow&)>& row) -> Status {
      fs::path path = fs::path(directory) / name;
      if (!fs::exists(path)) return Status();
      return ReadTsv(path.string(), required, row);
    };

    Status status = read_optional("countries.tsv", {"iso2"}, [&](const TsvRow& row) -> Status {
      std::string iso(row.Get("iso2"));
      if (iso.size() != 2) return Status::Error("iso2 '" + iso + "' is not two letters");
      auto [it, inserted] = index->country_by_iso.emplace(iso, kb->countries_.size());
      if (inserted) kb->countries_.push_back({iso, ""});
      Country& country = kb->countries_[it->second];
      auto names_en = row.List("names_en");
      if (!names_en.empty()) country.name_en = std::string(names_en.front());
      for (const char* column : {"names_en", "names_fa", "names_ar"}) {
        for (std::string_view name : row.List(column)) {
          index->names.Add(NormalizeForMatching(name), {{EntityKind::kCountry, it->second}, false, false});
        }
      }
      for (const char* column : {"adjectives_en", "adjectives_fa", "adjectives_ar"}) {
        for (std::string_view name : row.List(column)) {
          index->names.Add(NormalizeForMatching(name), {{EntityKind::kCountry, it->second}, false, true});
        }
      }
      return Status();
    });
    if (!status.ok()) return status;

    status = read_optional("cities.tsv", {"name", "iso2"}, [&](const TsvRow& row) -> Status {
      CityRow entry;
      entry.city = {std::string(row.Get("name")), std::string(row.Get("iso2"))};
      entry.aliases.push_back(entry.city.name);
      for (const char* column : {"aliases_en", "aliases_fa", "aliases_ar"}) {
        for (std::string_view alias : row.List(column)) entry.aliases.emplace_back(alias);
      }
      std::string key = entry.city.name + "@" + entry.city.iso2;
      auto [it, inserted] = city_slot.emplace(key, cities.size());
      if (inserted) {
        cities.push_back(std::move(entry));
      } else {
        cities[it->second] = std::move(entry);
      }
      return Status();
    });
    if (!status.ok()) return status;

    status = read_optional("organizations.tsv", {"id", "name"}, [&](const TsvRow& row) -> Status {
      std::string id(row.Get("id"));
      auto [it, inserted] = index->organization_by_id.emplace(id, kb->organizations_.size());
      if (inserted) kb->organizations_.push_back({id, std::string(row.Get("name"))});
      kb->organizations_[it->second].name = std::string(row.Get("name"));
      for (const char* column : {"name", "aliases_en", "aliases_fa", "aliases_ar"}) {
        for (std::string_view alias : row.List(column)) {
          index->names.Add(NormalizeForMatching(alias), {{EntityKind::kOrganization, it->second}, false, false});
        }
      }
      index->names.Add(NormalizeForMatching(id), {{EntityKind::kOrganization, it->second}, false, false});
      return Status();
    });
    if (!status.ok()) return status;

    status = read_optional("offices.tsv", {"office", "phrase"}, [&](const TsvRow& row) -> Status {
      OfficePhrase phrase{std::string(row.Get("office")), std::string(row.Get("implied_jurisdiction")),
                          row.Get("number") == "plural"};
      kb->office_phrases_.push_back(phrase);
      index->names.Add(NormalizeForMatching(row.Get("phrase")),
                       {{EntityKind::kOffice, static_cast<uint32_t>(kb->office_phrases_.size() - 1)}, false, false});
      return Status();
    });
    if (!status.ok()) return status;
  }


  // CLDR, through ICU: country names in every language we read, and the
  // exemplar cities of the time-zone database.
  {
    const icu::Locale languages[] = {icu::Locale("en"), icu::Locale("fa"), icu::Locale("ar")};
    for (const char* const* code = icu::Locale::getISOCountries(); *code != nullptr; ++code) {
      std::string iso(*code);
      auto [it, inserted] = index->country_by_iso.emplace(iso, kb->countries_.size());
      icu::Locale region("", iso.c_str());
      icu::UnicodeString english;
      region.getDisplayCountry(languages[0], english);
      if (inserted) kb->countries_.push_back({iso, ToUtf8(english)});
      if (kb->countries_[it->second].name_en.empty()) kb->countries_[it->second].name_en = ToUtf8(english);
      for (const icu::Locale& language : languages) {
        icu::UnicodeString name;
        region.getDisplayCountry(language, name);
        std::string utf8 = ToUtf8(name);
        // ICU answers with the code itself when it has no name.
        if (utf8.size() > 2) index->names.Add(NormalizeForMatching(utf8), {{EntityKind::kCountry, it->second}, false, false});
      }
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> zones(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    std::unique_ptr<icu::TimeZoneNames> names[3];
    for (int i = 0; i < 3 && U_SUCCESS(status); ++i) {
      names[i].reset(icu::TimeZoneNames::createInstance(languages[i], status));
    }
    if (U_SUCCESS(status) && zones) {
      while (const icu::UnicodeString* zone = zones->snext(status)) {
        if (U_FAILURE(status)) break;
        char region[8] = {0};
        UErrorCode region_status = U_ZERO_ERROR;
        icu::TimeZone::getRegion(*zone, region, sizeof region, region_status);
        if (U_FAILURE(region_status) || std::string_view(region).size() != 2) continue;
        icu::UnicodeString english;
        names[0]->getExemplarLocationName(*zone, english);
        if (english.isEmpty()) continue;
        std::string key = ToUtf8(english) + "@" + region;
        auto [it, inserted] = city_slot.emplace(key, cities.size());
        if (inserted) cities.push_back({{ToUtf8(english), region}, {ToUtf8(english)}});
        for (int i = 1; i < 3; ++i) {
          icu::UnicodeString local;
          names[i]->getExemplarLocationName(*zone, local);
          if (!local.isEmpty()) cities[it->second].aliases.push_back(ToUtf8(local));
        }
      }
    }
  }

  for (CityRow& row : cities) {
    kb->cities_.push_back(row.city);
    uint32_t city_index = static_cast<uint32_t>(kb->cities_.size() - 1);
    for (const std::string& alias : row.aliases) {
      index->names.Add(NormalizeForMatching(alias), {{EntityKind::kCity, city_index}, false, false});
    }
  }

  Index::AddPeople(std::move(people), kb.get(), index.get());
  index->names.Finish();
  kb->index_ = std::move(index);
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
}

std::optional<uint32_t> KnowledgeBase::FindPerson(std::string_view id) const {
  auto it = index_->person_by_id.find(std::string(id));
  if (it == index_->person_by_id.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> KnowledgeBase::FindCountry(std::string_view iso2) const {
  auto it = index_->country_by_iso.find(std::string(iso2));
  if (it == index_->country_by_iso.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> KnowledgeBase::FindOrganization(std::string_view id) const {
  auto it = index_->organization_by_id.find(std::string(id));
  if (it == index_->organization_by_id.end()) return std::nullopt;
  return it->second;
}

std::vector<NameMatch> KnowledgeBase::FindNames(std::string_view text, Span region) const {
  return index_->names.Find(text, region);
}

std::vector<uint32_t> KnowledgeBase::HoldersAt(std::string_view office, std::string_view jurisdiction,
                                               CivilDate date) const {
  auto it = index_->holders.find(std::string(office) + "@" + std::string(jurisdiction));
  if (it == index_->holders.end()) return {};
  std::vector<std::pair<uint32_t, uint32_t>> current;
  for (auto [person, t] : it->second) {
    const Tenure& tenure = people_[person].tenures[t];
    if (tenure.from <= date && date <= tenure.to) current.push_back({person, t});
  }
  // Regular before acting; then the most recent start first, so that on a
  // day two holders share (a hand-over listed with the same date on both
  // sides) the incoming one wins; then the base's order.
  std::stable_sort(current.begin(), current.end(), [&](const auto& a, const auto& b) {
    const Tenure& ta = people_[a.first].tenures[a.second];
    const Tenure& tb = people_[b.first].tenures[b.second];
    if (ta.acting != tb.acting) return !ta.acting;
    return tb.from < ta.from;
  });
  std::vector<uint32_t> out;
  for (const auto& [person, t] : current) {
    if (std::find(out.begin(), out.end(), person) == out.end()) out.push_back(person);
  }
  return out;
}

std::vector<uint32_t> KnowledgeBase::Holders(std::string_view office, std::string_view jurisdiction) const {
  std::vector<uint32_t> out;
  auto it = index_->holders.find(std::string(office) + "@" + std::string(jurisdiction));
  if (it == index_->holders.end()) return out;
  for (auto [person, t] : it->second) {
    if (std::find(out.begin(), out.end(), person) == out.end()) out.push_back(person);
  }
  return out;
}

const Tenure* KnowledgeBase::TenureAt(uint32_t person, CivilDate date) const {
  for (const Tenure& tenure : people_[person].tenures) {
    if (tenure.from <= date && date <= tenure.to && !tenure.acting) return &tenure;
  }
  for (const Tenure& tenure : people_[person].tenures) {
    if (tenure.from <= date && date <= tenure.to) return &tenure;
  }
  return nullptr;
}

std::vector<uint32_t> KnowledgeBase::FindPeopleNamed(std::string_view normalized_name) const {
  std::vector<uint32_t> out;
  const auto* entries = index_->names.Lookup(normalized_name);
  if (entries == nullptr) return out;
  for (const auto& entry : *entries) {
    if (entry.ref.kind == EntityKind::kPerson) out.push_back(entry.ref.index);
  }
  return out;
}

std::vector<FuzzyNameMatch> KnowledgeBase::FindSimilarPeople(std::string_view normalized_name, size_t limit,
                                                             float min_confidence) const {
  std::vector<FuzzyNameMatch> out;
  auto keep = [&](const FuzzyNameMatch& match) {
    for (FuzzyNameMatch& existing : out) {
      if (existing.person != match.person) continue;
      if (match.confidence > existing.confidence) existing = match;
      return;
    }
    out.push_back(match);
  };
  for (uint32_t person : FindPeopleNamed(normalized_name)) {
    FuzzyNameMatch match{person, 0, 0, true, 1.0f};
    const Person& p = people_[person];
    for (uint32_t a = 0; a < p.aliases.size(); ++a) {
      if (NormalizeForMatching(p.aliases[a].text) == normalized_name) {
        match.alias = a;
        break;
      }
    }
    keep(match);
  }
  // One skeletonizer per thread: FindSimilarPeople is const and may run on
  // every worker at once; building one costs an ICU transliterator.
  thread_local internal::NameSkeletonizer skeletonizer;
  std::string query = skeletonizer.Skeleton(normalized_name);
  index_->skeletons.Search(query, [&](const internal::SkeletonIndex::Posting& posting, int distance) {
    // The same skeleton is not the same name: a little below an exact alias.
    // Each edit costs its share of the skeleton; two-consonant skeletons
    // ("بوش", "Bush") and surnames cut from a longer name are weaker evidence.
    size_t length = query.size();
    float confidence = 0.9f * (1.0f - static_cast<float>(distance) / static_cast<float>(length));
    if (length <= 2) confidence *= 0.75f;
    if (length == 3) confidence *= 0.9f;
    if (posting.partial) confidence *= 0.9f;
    if (confidence < min_confidence) return;
    keep({posting.person, posting.alias, static_cast<uint8_t>(distance), false, confidence});
  });
  std::sort(out.begin(), out.end(), [](const FuzzyNameMatch& a, const FuzzyNameMatch& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.person < b.person;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::optional<uint32_t> KnowledgeBase::ChooseByContext(const std::vector<uint32_t>& candidates,
                                                       const NameContext& context) const {
  std::optional<uint32_t> chosen;
  for (uint32_t person : candidates) {
    bool fits = context.office.empty() && context.jurisdiction.empty() && !context.date;
    for (const Tenure& tenure : people_[person].tenures) {
      if (fits) break;
      fits = (context.office.empty() || tenure.office == context.office) &&
             (context.jurisdiction.empty() || tenure.jurisdiction == context.jurisdiction) &&
             (!context.date || (tenure.from <= *context.date && *context.date <= tenure.to));
    }
    if (!fits || chosen == person) continue;
    if (chosen) return std::nullopt;
    chosen = person;
  }
  return chosen;
}

std::optional<uint32_t> KnowledgeBase::ResolvePersonName(std::string_view normalized_name,
                                                         const NameContext& context, float min_confidence) const {
  std::vector<uint32_t> exact = FindPeopleNamed(normalized_name);
  if (!exact.empty()) return ChooseByContext(exact, context);
  std::vector<FuzzyNameMatch> similar = FindSimilarPeople(normalized_name, 50, min_confidence);
  if (similar.empty()) return std::nullopt;
  // The closest spellings first; weaker ones only when none of those fits.
  std::vector<uint32_t> best, all;
  for (const FuzzyNameMatch& match : similar) {
    if (match.confidence == similar.front().confidence) best.push_back(match.person);
    all.push_back(match.person);
  }
  if (auto chosen = ChooseByContext(best, context)) return chosen;
  for (uint32_t person : best) {
    // A closest spelling fits too, alongside another: ambiguous, not weaker.
    if (ChooseByContext({person}, context)) return std::nullopt;
  }
  return ChooseByContext(all, context);
}

KnowledgeBaseStats KnowledgeBase::Stats() const {
  KnowledgeBaseStats stats;
  stats.people = people_.size();
  std::set<std::string_view> offices;
  for (const Person& person : people_) {
    stats.tenures += person.tenures.size();
    for (const PersonAlias& alias : person.aliases) ++stats.aliases_by_language[alias.language];
    for (const Tenure& tenure : person.tenures) offices.insert(tenure.office);
  }
  for (const OfficePhrase& phrase : office_phrases_) offices.insert(phrase.office);
  stats.countries = countries_.size();
  stats.cities = cities_.size();
  stats.organizations = organizations_.size();
  stats.office_phrases = office_phrases_.size();
  stats.offices = offices.size();
  stats.indexed_names = index_->names.size();
  stats.skeletons = index_->skeletons.size();
  return stats;
}

}  // namespace rayzan
