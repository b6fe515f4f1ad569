// Knowledge base: people, their offices over time, countries, cities and
// organizations, with names in every language and spelling we know.
//
// Loaded from the files under data/kb/ (see data/kb/README.md) and from any
// further folders a user names; later folders take precedence (user additions
// over imported over bundled). Read-only after Load(), so one instance is
// shared by every worker thread.
#pragma once

#include <cstdint>
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

struct Person {
  std::string id;    // "Q154830" or "rz:sergey-lavrov"
  std::string name;  // English Wikipedia title
  std::vector<Tenure> tenures;
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

class KnowledgeBase {
 public:
  // Loads the folders in order; later ones take precedence on equal ids.
  // Fails naming the file and line that is malformed.
  static Result<std::shared_ptr<const KnowledgeBase>> Load(const std::vector<std::string>& directories);

  // Folder of the bundled knowledge base (data/kb), or $RAYZAN_DATA/kb.
  static std::string BundledDirectory();

  const Person& person(uint32_t index) const { return people_[index]; }
  const Country& country(uint32_t index) const { return countries_[index]; }
  const City& city(uint32_t index) const { return cities_[index]; }
  const Organization& organization(uint32_t index) const { return organizations_[index]; }
  size_t person_count() const { return people_.size(); }
  std::optional<uint32_t> FindCountry(std::string_view iso2) const;
  std::optional<uint32_t> FindOrganization(std::string_view id) const;
  const OfficePhrase& office_phrase(uint32_t index) const { return office_phrases_[index]; }

  // People, countries, adjectives, cities, organizations and office phrases
  // named in the normalized text, longest match first, non-overlapping.
  // Arabic proclitics (و ف ب ل and ال) in front of a name are allowed.
  std::vector<NameMatch> FindNames(std::string_view normalized_text, Span region) const;

  // Holders of `office` for `jurisdiction` on `date`; acting holders after
  // regular ones. Empty when the base does not know.
  std::vector<uint32_t> HoldersAt(std::string_view office, std::string_view jurisdiction,
                                  CivilDate date) const;
  // Every holder of `office` for `jurisdiction` at any time.
  std::vector<uint32_t> Holders(std::string_view office, std::string_view jurisdiction) const;
  // The person's tenure on `date`, preferring the given office; nullptr if none.
  const Tenure* TenureAt(uint32_t person, CivilDate date) const;

  struct Index;  // the name trie and office tables; defined in kb.cc

 private:
  std::vector<Person> people_;
  std::vector<Country> countries_;
  std::vector<City> cities_;
  std::vector<Organization> organizations_;
  std::vector<OfficePhrase> office_phrases_;
  std::shared_ptr<const Index> index_;
};

}  // namespace rayzan
