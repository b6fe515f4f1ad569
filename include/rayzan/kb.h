// Knowledge base: people, their offices over time, countries, cities and
// organizations, with names in every language and spelling we know.
//
// Loaded from the files under data/kb/ (see data/kb/README.md) and from any
// further folders a user names; later folders take precedence (user additions
// over imported over bundled): DefaultDirectories() gives that search path.
// Read-only after Load(), so one instance is shared by every worker thread.
//
// Names are found three ways: FindNames() matches every alias exactly (after
// normalization) in running text; FindSimilarPeople() matches a span believed
// to be a person's name in a spelling the base has never seen, in any script,
// through a consonant skeleton and a bounded edit distance; ChooseByContext()
// decides between candidates with an office, a jurisdiction and a date.
// Roles resolve to people with HoldersAt(), only for a known date.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rayzan/date.h"
#include "rayzan/status.h"
#include "rayzan/text.h"

namespace rayzan {

enum class EntityKind : uint8_t { kPerson, kCountry, kOrganization, kCity, kOffice };

// Index of an entity inside its table of the KnowledgeBase.
struct EntityRef {
  EntityKind kind = EntityKind::kPerson;
  uint32_t index = 0;
  bool operator==(const EntityRef&) const = default;
};

struct Tenure {
  std::string office;        // "foreign_minister"
  std::string jurisdiction;  // "RU", or an organization id
  CivilDate from;            // year 0 when unknown
  CivilDate to;              // year 9999 while in office
  bool acting = false;
};

// One spelling of a person's name as the file lists it (not normalized).
struct PersonAlias {
  std::string text;      // "سرگئی لاوروف"
  std::string language;  // "en", "fa", "ar" or "ru": the aliases_XX column it came from
};

struct Person {
  std::string id;    // "Q154830" or "rz:sergey-lavrov"
  std::string name;  // English Wikipedia title
  std::vector<Tenure> tenures;
  // Every spelling, the canonical name first (language "en").
  std::vector<PersonAlias> aliases;
  // Index into KnowledgeBase::directories() of the folder the row came from.
  uint32_t directory = 0;
};

struct Country {
  std::string iso2;     // "RU"
  std::string name_en;  // "Russia"
};

struct City {
  std::string name;  // English name, "Stockholm"
  std::string iso2;  // country
};

struct Organization {
  std::string id;    // "OSCE"
  std::string name;  // "Organization for Security and Co-operation in Europe"
};

// A phrase that names an office ("وزیر امور خارجه", "الرئيس", "counterpart").
struct OfficePhrase {
  std::string office;                 // "foreign_minister", or "counterpart"
  std::string implied_jurisdiction;   // "US" for "secretary of state"; empty if the text must say
  bool plural = false;                // "وزرای خارجه", "foreign ministers"
};

// A name found in text: which entities it may denote.
struct NameMatch {
  Span span;                        // in the normalized text searched
  std::vector<EntityRef> entities;  // more than one when the name is ambiguous
  bool surname_only = false;        // a short form ("لاوروف") rather than a full name
  bool adjective = false;           // a country named by its adjective ("روسی", "الروسي")
};

// A person whose known spelling resembles a name: see FindSimilarPeople().
struct FuzzyNameMatch {
  uint32_t person = 0;
  uint32_t alias = 0;      // index into person(person).aliases of the closest spelling
  uint8_t distance = 0;    // edit distance between the consonant skeletons
  bool exact = false;      // the normalized name equals the alias (distance 0)
  // 0..1: 1 for an exact alias, 0.9 for the same skeleton, 0.9 * (1 - edits
  // / consonants) otherwise; less for skeletons of 2-3 consonants and for a
  // surname cut from a full name.
  float confidence = 0;
};

// What the text around a name says about its bearer; empty fields are unknown.
struct NameContext {
  std::string office;                // "foreign_minister"
  std::string jurisdiction;          // "US"
  std::optional<CivilDate> date;     // the event's date
};

// Counts over the loaded base, for `rayzan kb stats`.
struct KnowledgeBaseStats {
  size_t people = 0;
  size_t tenures = 0;
  std::map<std::string, size_t> aliases_by_language;  // person aliases, canonical names under "en"
  size_t countries = 0;
  size_t cities = 0;
  size_t organizations = 0;
  size_t office_phrases = 0;
  size_t offices = 0;         // distinct office codes over tenures and phrases
  size_t indexed_names = 0;   // distinct normalized names FindNames() knows
  size_t skeletons = 0;       // entries of the fuzzy index (distinct skeletons per person)
};

class KnowledgeBase {
 public:
  // Loads the folders in order; later ones take precedence on equal ids.
  // Fails naming the file and line that is malformed.
  static Result<std::shared_ptr<const KnowledgeBase>> Load(const std::vector<std::string>& directories);

  // Folder of the bundled knowledge base (data/kb), or $RAYZAN_DATA/kb.
  static std::string BundledDirectory();
  // Where `rayzan kb import-wikidata` writes by default:
  // $XDG_DATA_HOME/rayzan/kb, else ~/.local/share/rayzan/kb.
  static std::string ImportedDirectory();
  // Where `rayzan kb add` writes: $XDG_DATA_HOME/rayzan/user, else
  // ~/.local/share/rayzan/user.
  static std::string UserDirectory();
  // The search path in precedence order, lowest first: the bundled folder,
  // then the imported and the user folders when they exist. Pass it to Load().
  static std::vector<std::string> DefaultDirectories();

  // The folders Load() was given, in order.
  const std::vector<std::string>& directories() const { return directories_; }

  const Person& person(uint32_t index) const { return people_[index]; }
  const Country& country(uint32_t index) const { return countries_[index]; }
  const City& city(uint32_t index) const { return cities_[index]; }
  const Organization& organization(uint32_t index) const { return organizations_[index]; }
  size_t person_count() const { return people_.size(); }
  size_t country_count() const { return countries_.size(); }
  size_t city_count() const { return cities_.size(); }
  size_t organization_count() const { return organizations_.size(); }
  std::optional<uint32_t> FindPerson(std::string_view id) const;
  std::optional<uint32_t> FindCountry(std::string_view iso2) const;
  std::optional<uint32_t> FindOrganization(std::string_view id) const;
  const OfficePhrase& office_phrase(uint32_t index) const { return office_phrases_[index]; }

  // People, countries, adjectives, cities, organizations and office phrases
  // named in the normalized text, longest match first, non-overlapping.
  // Arabic proclitics (و ف ب ل and ال) in front of a name are allowed.
  std::vector<NameMatch> FindNames(std::string_view normalized_text, Span region) const;

  // People one of whose aliases is exactly the normalized `name` (all words).
  std::vector<uint32_t> FindPeopleNamed(std::string_view normalized_name) const;

  // People whose known spellings resemble `normalized_name` (a name of one or
  // more words, normalized, in any script: "بلینکین", "Blinkin", "Лавров"),
  // best first, at most `limit`, one entry per person. Compares consonant
  // skeletons (Any-Latin transliteration, vowels and h/w/y dropped, similar
  // consonants merged) with an edit distance of at most 1 for skeletons of 3
  // to 5 consonants and 2 for longer ones; shorter skeletons must be equal,
  // and the first consonant and the last (or next-to-last) must agree.
  // Meant for a span the caller already believes is a person's name; a hit
  // is a candidate, not a resolution (see ChooseByContext). Thread-safe;
  // about 0.1 ms with a million aliases (bench/kb_load_bench.cc).
  std::vector<FuzzyNameMatch> FindSimilarPeople(std::string_view normalized_name, size_t limit = 10,
                                                float min_confidence = 0.5f) const;

  // Of `candidates`, the one person who fits `context`: held the office
  // (when given) for the jurisdiction (when given) on the date (when given).
  // With an empty context every candidate fits. Nullopt unless exactly one
  // distinct person fits ("Kerry", "Austin" and "Price" need context).
  std::optional<uint32_t> ChooseByContext(const std::vector<uint32_t>& candidates,
                                          const NameContext& context) const;
  // A name to one person, or nullopt. People with the name as an exact alias
  // decide alone (ChooseByContext). Otherwise the fuzzy candidates of the best
  // confidence are tried, then, if none of them fits the context, every
  // candidate of at least `min_confidence`.
  std::optional<uint32_t> ResolvePersonName(std::string_view normalized_name, const NameContext& context,
                                            float min_confidence = 0.6f) const;

  // Holders of `office` for `jurisdiction` on `date`: regular holders before
  // acting ones, and among equals (overlapping tenures, as in a transition)
  // the most recent start first, then the base's order. Empty when the base
  // does not know. There is deliberately no date-less variant: without a
  // date a role stays unresolved.
  std::vector<uint32_t> HoldersAt(std::string_view office, std::string_view jurisdiction,
                                  CivilDate date) const;
  // Every holder of `office` for `jurisdiction` at any time.
  std::vector<uint32_t> Holders(std::string_view office, std::string_view jurisdiction) const;
  // The person's tenure on `date`, preferring the given office; nullptr if none.
  const Tenure* TenureAt(uint32_t person, CivilDate date) const;

  KnowledgeBaseStats Stats() const;

  struct Index;  // the name, skeleton and office indexes; defined in kb.cc

 private:
  std::vector<Person> people_;
  std::vector<Country> countries_;
  std::vector<City> cities_;
  std::vector<Organization> organizations_;
  std::vector<OfficePhrase> office_phrases_;
  std::vector<std::string> directories_;
  std::shared_ptr<const Index> index_;
};

// ---- Maintaining the user's folder (rayzan kb add, rayzan kb unknown) ----

struct KnowledgeFileMerge {
  std::string destination;  // the file written, e.g. ~/.local/share/rayzan/user/people/user.tsv
  size_t added = 0;         // rows new to the destination
  size_t replaced = 0;      // rows that replaced one with the same key
};

// Validates a small file a user wrote and merges it into the knowledge-base
// folder `directory` (created if missing). `file` is either
//  - a people TSV in the people/*.tsv format (any name not below): merged
//    into people/user.tsv by id;
//  - a TSV named countries.tsv, cities.tsv, organizations.tsv, offices.tsv or
//    blocked_names.tsv: merged into the file of that name, keyed as the
//    loader keys it (iso2; name and iso2; id; office and phrase; phrase);
//  - a .json file: one person object or an array of them, {"id", "name",
//    "aliases": {"fa": [...], ...}, "roles": ["office@XX:FROM..TO", ...]}.
// The merged folder is loaded as Load() would before anything is written, so
// a file the loader would reject changes nothing; the error names the file
// and line. Rows with the key of an existing row replace it whole.
Result<KnowledgeFileMerge> AddToKnowledgeFolder(const std::string& file, const std::string& directory);

// A name `rayzan code` output as an actor missing from the base.
struct UnknownName {
  std::string name;      // as coded (the text's spelling)
  std::string role;      // office on the event's date, or empty
  std::string country;   // its jurisdiction, or empty
  size_t count = 0;      // actors with this name, role and country
  std::vector<std::string> documents;  // the first few "doc" values, for review
};

// Reads JSON Lines files of `rayzan code` output (docs/output.md) and groups
// their person actors with "in_kb": false by name, role and country, most
// frequent first. Fails naming the file and line that is not JSON.
Result<std::vector<UnknownName>> CollectUnknownNames(const std::vector<std::string>& jsonl_files);

}  // namespace rayzan
