#include "rayzan/kb.h"

#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "base/tsv.h"
#include "kb/name_index.h"
#include "rayzan/data_dir.h"
#include "rayzan/normalize.h"

namespace rayzan {

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

}  // namespace

struct KnowledgeBase::Index {
  internal::NameIndex names;
  // "foreign_minister@RU" -> (person, tenure index)
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> holders;
  std::unordered_map<std::string, uint32_t> country_by_iso;
  std::unordered_map<std::string, uint32_t> organization_by_id;
};

std::string KnowledgeBase::BundledDirectory() { return DataDirectory() + "/kb"; }

Result<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::Load(const std::vector<std::string>& directories) {
  auto kb = std::make_shared<KnowledgeBase>();
  auto index = std::make_shared<Index>();
  // Aliases are collected first and indexed at the end, so that a later
  // folder's row for the same id replaces an earlier one whole.
  struct PersonRow {
    Person person;
    std::vector<std::string> aliases;
  };
  std::unordered_map<std::string, size_t> person_slot;
  std::vector<PersonRow> people;
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

  for (const std::string& directory : directories) {
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
        PersonRow entry;
        entry.person.id = std::string(row.Get("id"));
        entry.person.name = std::string(row.Get("name"));
        if (entry.person.id.empty() || entry.person.name.empty()) return Status::Error("empty id or name");
        for (std::string_view item : row.List("roles")) {
          Result<Tenure> tenure = ParseTenure(item);
          if (!tenure.ok()) return tenure.status();
          entry.person.tenures.push_back(std::move(tenure).value());
        }
        entry.aliases.push_back(entry.person.name);
        for (const char* column : {"aliases_en", "aliases_fa", "aliases_ar", "aliases_ru"}) {
          for (std::string_view alias : row.List(column)) entry.aliases.emplace_back(alias);
        }
        auto [it, inserted] = person_slot.emplace(entry.person.id, people.size());
        if (inserted) {
          people.push_back(std::move(entry));
        } else {
          people[it->second] = std::move(entry);
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

  for (PersonRow& row : people) {
    kb->people_.push_back(std::move(row.person));
    uint32_t person_index = static_cast<uint32_t>(kb->people_.size() - 1);
    std::vector<std::string> normalized;
    for (const std::string& alias : row.aliases) normalized.push_back(NormalizeForMatching(alias));
    for (const std::string& alias : normalized) {
      if (alias.empty()) continue;
      // A one-word alias that also appears inside a longer alias of the same
      // person is a surname: it needs the full name nearby, or a unique match.
      bool single_word = alias.find(' ') == std::string::npos;
      bool surname = false;
      if (single_word) {
        for (const std::string& other : normalized) {
          if (other.size() > alias.size() && other.find(' ') != std::string::npos &&
              (other.ends_with(" " + alias) || other.find(" " + alias + " ") != std::string::npos ||
               other.starts_with(alias + " "))) {
            surname = true;
            break;
          }
        }
      }
      index->names.Add(alias, {{EntityKind::kPerson, person_index}, surname, false});
    }
    const Person& person = kb->people_.back();
    for (uint32_t t = 0; t < person.tenures.size(); ++t) {
      const Tenure& tenure = person.tenures[t];
      index->holders[tenure.office + "@" + tenure.jurisdiction].push_back({person_index, t});
    }
  }
  index->names.Finish();
  kb->index_ = std::move(index);
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
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
  std::vector<uint32_t> regular, acting;
  auto it = index_->holders.find(std::string(office) + "@" + std::string(jurisdiction));
  if (it == index_->holders.end()) return {};
  for (auto [person, t] : it->second) {
    const Tenure& tenure = people_[person].tenures[t];
    if (tenure.from <= date && date <= tenure.to) (tenure.acting ? acting : regular).push_back(person);
  }
  for (uint32_t person : acting) {
    if (std::find(regular.begin(), regular.end(), person) == regular.end()) regular.push_back(person);
  }
  return regular;
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

}  // namespace rayzan
