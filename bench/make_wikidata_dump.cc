// make_wikidata_dump: writes a synthetic, realistically mixed Wikidata JSON
// dump for wikidata_import_bench.
//
//   make_wikidata_dump OUT.json.gz [ENTITIES]     (default 1,000,000)
//
// Workload (fixed seed, so every run writes the same bytes): entities in the
// exact shape of Wikidata's JSON dumps (labels, descriptions, aliases, claims
// with qualifiers and references, sitelinks), one a line, gzip level 6. Per
// million entities:
//   ~400,000 scholarly articles (authors, author strings, up to 40 "cites work")
//   ~200,000 taxa (scientific name labelled in up to 15 languages)
//   ~160,000 people with no political position
//   ~100,000 villages with a small population (P1082, no city class)
//    ~80,000 other items (buildings, streets, paintings) with P17/P131
//    ~40,000 categories and disambiguation pages
//     10,000 politicians with P39 tenures (half of them in offices we map)
//      3,000 positions (foreign/defence ministers, presidents, prime
//            ministers of every country; members of parliament, mayors,
//            governors), after or before their holders at random
//      3,000 cities over 100,000 people, 2,000 smaller towns with a city class
//        250 countries with labels and sitelinks in ~150 languages
//        300 international organizations
// The categories are shuffled together, as item ids spread them in the real
// dump. The figures are scaled to ENTITIES.
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

std::mt19937_64 rng(20261123);

uint64_t Uniform(uint64_t n) { return rng() % n; }

const char* const kLatin[] = {"ka", "ri", "mo", "lan", "de", "sa", "vo", "nel", "ta", "ber", "gu", "shi", "ar", "on",
                              "el", "mir", "za", "po", "lin", "ev"};
const char* const kPersian[] = {"کا", "ری", "مو", "لان", "د", "سا", "وو", "نل", "تا", "بر", "گو", "شی", "آر", "ان"};
const char* const kArabic[] = {"كا", "ري", "مو", "لان", "د", "سا", "فو", "نل", "تا", "بر", "غو", "شي", "ار", "ون"};
const char* const kCyrillic[] = {"ка", "ри", "мо", "лан", "де", "са", "во", "нел", "та", "бер", "гу", "ши", "ар", "он"};
const char* const kLanguages[] = {
    "en", "fr", "de", "es", "it", "nl", "pl", "pt", "ru", "sv", "uk", "ca", "cs", "da", "fi", "hu", "id",
    "ja", "ko", "zh", "ar", "fa", "he", "tr", "vi", "ro", "nb", "sr", "bg", "el", "et", "lt", "lv", "sk",
    "sl", "hr", "ms", "th", "hi", "bn", "ta", "ur", "az", "be", "ka", "hy", "kk", "uz", "af", "sq", "eu",
    "gl", "is", "ga", "cy", "mk", "mn", "ne", "si", "sw", "tl", "te", "mr", "gu", "kn", "ml", "pa", "ps",
    "ku", "ky", "tg", "tk", "tt", "ba", "cv", "os", "ce", "sah", "lb", "fy", "br", "oc", "co", "eo", "ia",
    "io", "la", "vo", "war", "ceb", "min", "jv", "su", "mg", "yo", "ig", "ha", "zu", "xh", "so", "am",
    "ti", "om", "rw", "ln", "kg", "wo", "ff", "sn", "st", "tn", "ts", "ve", "nso", "ss", "nr", "bm", "ee",
    "tw", "ak", "gn", "qu", "ay", "ht", "pap", "sm", "to", "fj", "mi", "haw", "ty", "ch", "mh", "na",
    "bi", "ho", "kj", "ng", "hz", "ii", "za", "bo", "dz", "km", "lo", "my", "mnw", "shn", "bug", "bjn",
    "ace", "ban", "gor", "map-bms", "nap", "scn", "vec", "lmo", "pms", "lij", "fur", "rm", "sc", "an"};
constexpr size_t kLanguageCount = sizeof kLanguages / sizeof kLanguages[0];

template <size_t N>
std::string Word(const char* const (&syllables)[N], uint64_t seed, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += syllables[(seed >> (i * 5)) % N];
  }
  return out;
}

std::string Capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string Hex(size_t length) {
  static const char digits[] = "0123456789abcdef";
  std::string out(length, '0');
  for (char& c : out) c = digits[Uniform(16)];
  return out;
}

// ---------------------------------------------------------------------------
// JSON pieces in the dump's own shape.

std::string ItemSnak(const char* property, uint64_t qid) {
  return std::string("{\"snaktype\":\"value\",\"property\":\"") + property + "\",\"hash\":\"" + Hex(40) +
         "\",\"datavalue\":{\"value\":{\"entity-type\":\"item\",\"numeric-id\":" + std::to_string(qid) +
         ",\"id\":\"Q" + std::to_string(qid) + "\"},\"type\":\"wikibase-entityid\"},\"datatype\":\"wikibase-item\"}";
}

std::string StringSnak(const char* property, const std::string& value, const char* datatype = "external-id") {
  return std::string("{\"snaktype\":\"value\",\"property\":\"") + property + "\",\"hash\":\"" + Hex(40) +
         "\",\"datavalue\":{\"value\":\"" + value + "\",\"type\":\"string\"},\"datatype\":\"" + datatype + "\"}";
}

std::string TimeSnak(const char* property, int year, int month, int day, int precision) {
  char time[64];
  std::snprintf(time, sizeof time, "+%04d-%02d-%02dT00:00:00Z", year, precision >= 10 ? month : 0,
                precision >= 11 ? day : 0);
  return std::string("{\"snaktype\":\"value\",\"property\":\"") + property + "\",\"hash\":\"" + Hex(40) +
         "\",\"datavalue\":{\"value\":{\"time\":\"" + time +
         "\",\"timezone\":0,\"before\":0,\"after\":0,\"precision\":" + std::to_string(precision) +
         ",\"calendarmodel\":\"http://www.wikidata.org/entity/Q1985727\"},\"type\":\"time\"},\"datatype\":\"time\"}";
}

std::string QuantitySnak(const char* property, uint64_t amount) {
  return std::string("{\"snaktype\":\"value\",\"property\":\"") + property + "\",\"hash\":\"" + Hex(40) +
         "\",\"datavalue\":{\"value\":{\"amount\":\"+" + std::to_string(amount) +
         "\",\"unit\":\"1\"},\"type\":\"quantity\"},\"datatype\":\"quantity\"}";
}

std::string MonolingualSnak(const char* property, const std::string& text, const char* language) {
  return std::string("{\"snaktype\":\"value\",\"property\":\"") + property + "\",\"hash\":\"" + Hex(40) +
         "\",\"datavalue\":{\"value\":{\"text\":\"" + text + "\",\"language\":\"" + language +
         "\"},\"type\":\"monolingualtext\"},\"datatype\":\"monolingualtext\"}";
}

std::string Reference() {
  return "[{\"hash\":\"" + Hex(40) + "\",\"snaks\":{\"P248\":[" + ItemSnak("P248", 5000000 + Uniform(100000)) +
         "],\"P813\":[" + TimeSnak("P813", 2015 + static_cast<int>(Uniform(9)), 3, 14, 11) +
         "]},\"snaks-order\":[\"P248\",\"P813\"]}]";
}

class Entity {
 public:
  explicit Entity(uint64_t qid) : qid_(qid) {}

  void Label(const char* language, const std::string& value) { Add(&labels_, language, value); }
  void Description(const char* language, const std::string& value) { Add(&descriptions_, language, value); }
  void Alias(const char* language, const std::string& value) {
    if (!aliases_.empty()) aliases_ += ',';
    aliases_ += std::string("\"") + language + "\":[{\"language\":\"" + language + "\",\"value\":\"" + value + "\"}]";
  }
  void Sitelink(const char* site, const std::string& title) {
    if (!sitelinks_.empty()) sitelinks_ += ',';
    sitelinks_ += std::string("\"") + site + "\":{\"site\":\"" + site + "\",\"title\":\"" + title + "\",\"badges\":[]}";
  }
  // Statements of one property; call once per property.
  void Claim(const char* property, const std::vector<std::string>& mainsnaks,
             const std::vector<std::string>& qualifiers = {}, bool referenced = true) {
    if (!claims_.empty()) claims_ += ',';
    claims_ += std::string("\"") + property + "\":[";
    for (size_t i = 0; i < mainsnaks.size(); ++i) {
      if (i) claims_ += ',';
      claims_ += "{\"mainsnak\":" + mainsnaks[i] + ",\"type\":\"statement\"";
      if (i < qualifiers.size() && !qualifiers[i].empty()) claims_ += ",\"qualifiers\":" + qualifiers[i];
      claims_ += ",\"id\":\"Q" + std::to_string(qid_) + "$" + Hex(8) + "-" + Hex(4) + "-" + Hex(4) + "-" + Hex(4) +
                 "-" + Hex(12) + "\",\"rank\":\"normal\"";
      if (referenced && Uniform(3) == 0) claims_ += ",\"references\":" + Reference();
      claims_ += '}';
    }
    claims_ += ']';
  }
  void Items(const char* property, const std::vector<uint64_t>& qids) {
    std::vector<std::string> snaks;
    for (uint64_t qid : qids) snaks.push_back(ItemSnak(property, qid));
    Claim(property, snaks);
  }

  std::string Json() const {
    return "{\"type\":\"item\",\"id\":\"Q" + std::to_string(qid_) + "\",\"labels\":{" + labels_ +
           "},\"descriptions\":{" + descriptions_ + "},\"aliases\":{" + aliases_ + "},\"claims\":{" + claims_ +
           "},\"sitelinks\":{" + sitelinks_ + "},\"pageid\":" + std::to_string(qid_ % 90000000 + 100) +
           ",\"ns\":0,\"title\":\"Q" + std::to_string(qid_) + "\",\"lastrevid\":" +
           std::to_string(2000000000 + Uniform(100000000)) + ",\"modified\":\"2024-05-01T10:20:30Z\"}";
  }

 private:
  static void Add(std::string* out, const char* language, const std::string& value) {
    if (!out->empty()) *out += ',';
    *out += std::string("\"") + language + "\":{\"language\":\"" + language + "\",\"value\":\"" + value + "\"}";
  }
  uint64_t qid_;
  std::string labels_, descriptions_, aliases_, claims_, sitelinks_;
};

// ---------------------------------------------------------------------------
// The world the dump describes.

constexpr uint64_t kCountryBase = 90000000;       // countries
constexpr uint64_t kOrganizationBase = 91000000;  // international organizations
constexpr uint64_t kPositionBase = 92000000;      // positions
constexpr uint64_t kCityBase = 93000000;          // cities
constexpr uint64_t kPoliticianBase = 94000000;    // politicians
constexpr uint64_t kSubnationalBase = 95000000;   // provinces (never in the dump)

struct Scale {
  uint64_t countries = 250, organizations = 300, positions = 3000, cities = 3000, towns = 2000, politicians = 10000;
};

enum Kind : uint8_t { kArticle, kTaxon, kPerson, kVillage, kOther, kCategory, kPolitician, kPosition, kCity, kTown,
                      kCountry, kOrganization };

std::string IsoCode(uint64_t index) {
  return std::string(1, static_cast<char>('A' + index / 26 % 26)) + static_cast<char>('A' + index % 26);
}

std::string Article(uint64_t qid) {
  Entity e(qid);
  std::string title = Capitalized(Word(kLatin, rng(), 4)) + " of " + Word(kLatin, rng(), 3) + " in " +
                      Word(kLatin, rng(), 3) + " " + Word(kLatin, rng(), 2) + " cells";
  e.Label("en", title);
  for (const char* language : {"en", "nl", "fr", "de", "es", "it", "sq", "ar"}) {
    e.Description(language, "scholarly article published in " + std::to_string(1990 + Uniform(34)));
  }
  e.Items("P31", {13442814});
  e.Claim("P1476", {MonolingualSnak("P1476", title, "en")});
  e.Claim("P356", {StringSnak("P356", "10." + std::to_string(1000 + Uniform(9000)) + "/" + Hex(12))});
  e.Claim("P698", {StringSnak("P698", std::to_string(10000000 + Uniform(30000000)))});
  e.Claim("P577", {TimeSnak("P577", 1990 + static_cast<int>(Uniform(34)), 1 + static_cast<int>(Uniform(12)), 1, 11)});
  e.Items("P1433", {7000000 + Uniform(20000)});
  e.Claim("P478", {StringSnak("P478", std::to_string(1 + Uniform(300)), "string")});
  e.Claim("P304", {StringSnak("P304", std::to_string(1 + Uniform(900)) + "-" + std::to_string(1 + Uniform(900)), "string")});
  std::vector<uint64_t> authors;
  for (uint64_t i = 0, n = 1 + Uniform(6); i < n; ++i) authors.push_back(60000000 + Uniform(20000000));
  std::vector<std::string> qualifiers;
  for (size_t i = 0; i < authors.size(); ++i) {
    qualifiers.push_back("{\"P1545\":[" + StringSnak("P1545", std::to_string(i + 1), "string") + "]}");
  }
  std::vector<std::string> author_snaks;
  for (uint64_t author : authors) author_snaks.push_back(ItemSnak("P50", author));
  e.Claim("P50", author_snaks, qualifiers);
  std::vector<std::string> names;
  qualifiers.clear();
  for (uint64_t i = 0, n = 2 + Uniform(8); i < n; ++i) {
    names.push_back(StringSnak("P2093", Capitalized(Word(kLatin, rng(), 2)) + " " + Capitalized(Word(kLatin, rng(), 3)), "string"));
    qualifiers.push_back("{\"P1545\":[" + StringSnak("P1545", std::to_string(authors.size() + i + 1), "string") + "]}");
  }
  e.Claim("P2093", names, qualifiers);
  std::vector<uint64_t> cites;
  for (uint64_t i = 0, n = Uniform(2) == 0 ? 0 : Uniform(40); i < n; ++i) cites.push_back(30000000 + Uniform(80000000));
  if (!cites.empty()) e.Items("P2860", cites);
  e.Items("P921", {100000 + Uniform(900000)});
  return e.Json();
}

std::string Taxon(uint64_t qid) {
  Entity e(qid);
  std::string name = Capitalized(Word(kLatin, rng(), 3)) + " " + Word(kLatin, rng(), 4);
  for (size_t i = 0, n = 1 + Uniform(15); i < n; ++i) e.Label(kLanguages[i], name);
  e.Description("en", "species of insect");
  e.Description("nl", "soort uit het geslacht " + Word(kLatin, rng(), 3));
  e.Items("P31", {16521});
  e.Items("P105", {7432});
  e.Claim("P225", {StringSnak("P225", name, "string")});
  e.Items("P171", {20000000 + Uniform(1000000)});
  e.Claim("P846", {StringSnak("P846", std::to_string(1000000 + Uniform(9000000)))});
  e.Claim("P685", {StringSnak("P685", std::to_string(100000 + Uniform(900000)))});
  if (Uniform(3) == 0) {
    e.Sitelink("cebwiki", name);
    e.Sitelink("svwiki", name);
  }
  return e.Json();
}

void PersonNames(Entity* e, uint64_t seed, bool persian) {
  std::string first = Capitalized(Word(kLatin, seed, 2)), last = Capitalized(Word(kLatin, seed >> 10, 3));
  e->Label("en", first + " " + last);
  e->Label("de", first + " " + last);
  e->Label("fr", first + " " + last);
  e->Label("ru", Word(kCyrillic, seed, 2) + " " + Word(kCyrillic, seed >> 10, 3));
  if (persian) e->Label("fa", Word(kPersian, seed, 2) + " " + Word(kPersian, seed >> 10, 3));
  e->Label("ar", Word(kArabic, seed, 2) + " " + Word(kArabic, seed >> 10, 3));
  if (seed % 3 == 0) e->Alias("en", first.substr(0, 1) + ". " + last);
}

std::string Person(uint64_t qid) {
  Entity e(qid);
  PersonNames(&e, rng(), Uniform(4) == 0);
  e.Description("en", "German painter");
  e.Description("fr", "peintre allemand");
  e.Items("P31", {5});
  e.Items("P21", {6581097});
  e.Items("P27", {kCountryBase + Uniform(250)});
  e.Items("P106", {1028181 + Uniform(50)});
  e.Claim("P569", {TimeSnak("P569", 1800 + static_cast<int>(Uniform(200)), 1 + static_cast<int>(Uniform(12)),
                            1 + static_cast<int>(Uniform(28)), 11)});
  e.Items("P19", {kCityBase + Uniform(5000)});
  e.Claim("P214", {StringSnak("P214", std::to_string(100000000 + Uniform(900000000)))});
  if (Uniform(2) == 0) e.Sitelink("enwiki", "Painter " + std::to_string(qid));
  return e.Json();
}

std::string Village(uint64_t qid) {
  Entity e(qid);
  std::string name = Capitalized(Word(kLatin, rng(), 3));
  for (const char* language : {"en", "ceb", "sv", "nl", "de"}) e.Label(language, name);
  e.Description("en", "village in " + Capitalized(Word(kLatin, rng(), 2)));
  e.Items("P31", {532});
  e.Items("P17", {kCountryBase + Uniform(250)});
  e.Items("P131", {kSubnationalBase + Uniform(5000)});
  e.Claim("P1082", {QuantitySnak("P1082", 50 + Uniform(20000))});
  e.Claim("P625", {"{\"snaktype\":\"value\",\"property\":\"P625\",\"hash\":\"" + Hex(40) +
                   "\",\"datavalue\":{\"value\":{\"latitude\":" + std::to_string(Uniform(90)) + ".25,\"longitude\":" +
                   std::to_string(Uniform(180)) + ".5,\"altitude\":null,\"precision\":0.0001,\"globe\":"
                   "\"http://www.wikidata.org/entity/Q2\"},\"type\":\"globecoordinate\"},\"datatype\":\"globe-coordinate\"}"});
  e.Sitelink("cebwiki", name);
  return e.Json();
}

std::string Other(uint64_t qid) {
  Entity e(qid);
  std::string name = Capitalized(Word(kLatin, rng(), 3)) + " " + (Uniform(2) ? "Street" : "Church");
  e.Label("en", name);
  e.Label("nl", name);
  e.Description("en", "building");
  e.Items("P31", {41176 + Uniform(10)});
  e.Items("P17", {kCountryBase + Uniform(250)});
  e.Items("P131", {kSubnationalBase + Uniform(5000)});
  e.Claim("P18", {StringSnak("P18", name + ".jpg", "commonsMedia")});
  return e.Json();
}

std::string Category(uint64_t qid) {
  Entity e(qid);
  e.Label("en", "Category:" + Capitalized(Word(kLatin, rng(), 4)));
  e.Description("en", "Wikimedia category");
  e.Items("P31", {4167836});
  e.Sitelink("enwiki", "Category:" + Capitalized(Word(kLatin, rng(), 4)));
  return e.Json();
}

// Positions: per country, foreign minister, defence minister, president,
// prime minister (mapped), then members of parliament, mayors and governors.
std::string Position(uint64_t index, const Scale& scale) {
  uint64_t qid = kPositionBase + index;
  Entity e(qid);
  uint64_t country = index % scale.countries;
  std::string country_name = Capitalized(Word(kLatin, country * 7919, 3));
  static const char* const kNames[] = {"Minister of Foreign Affairs", "Minister of Defence", "President",
                                       "Prime Minister", "Member of the Parliament", "Mayor of the capital",
                                       "Governor of the Central Province", "Ambassador to the United Nations"};
  static const uint64_t kClasses[] = {7330070, 2518691, 30461, 14212, 486839, 30185, 132050, 121998};
  uint64_t kind = index / scale.countries % 8;
  e.Label("en", std::string(kNames[kind]) + " of " + country_name);
  e.Label("fr", std::string(kNames[kind]) + " (" + country_name + ")");
  e.Description("en", "government position");
  e.Items("P31", {4164871});
  e.Items("P279", {kClasses[kind]});
  // Governors apply to a province, not to the country.
  e.Items("P1001", {kind == 6 ? kSubnationalBase + country : kCountryBase + country});
  e.Items("P17", {kCountryBase + country});
  return e.Json();
}

std::string Politician(uint64_t index, const Scale& scale) {
  uint64_t qid = kPoliticianBase + index;
  Entity e(qid);
  uint64_t seed = rng();
  PersonNames(&e, seed, Uniform(3) != 0);
  e.Description("en", "politician");
  e.Items("P31", {5});
  e.Items("P106", {82955});
  e.Items("P27", {kCountryBase + Uniform(scale.countries)});
  std::vector<std::string> held, qualifiers;
  for (uint64_t i = 0, n = 1 + Uniform(3); i < n; ++i) {
    uint64_t position = Uniform(2) ? Uniform(scale.countries * 4) : Uniform(scale.positions);
    held.push_back(ItemSnak("P39", kPositionBase + position));
    int start = 1950 + static_cast<int>(Uniform(70));
    std::string q = "{\"P580\":[" + TimeSnak("P580", start, 1 + static_cast<int>(Uniform(12)), 1 + static_cast<int>(Uniform(28)), 11 - static_cast<int>(Uniform(3))) + "]";
    if (Uniform(4) != 0) q += ",\"P582\":[" + TimeSnak("P582", start + 1 + static_cast<int>(Uniform(8)), 6, 30, 11) + "]";
    if (Uniform(20) == 0) q += ",\"P2868\":[" + ItemSnak("P2868", 4676846) + "]";
    q += ",\"P1365\":[" + ItemSnak("P1365", kPoliticianBase + Uniform(scale.politicians)) + "]}";
    qualifiers.push_back(q);
  }
  e.Claim("P39", held, qualifiers);
  e.Claim("P569", {TimeSnak("P569", 1920 + static_cast<int>(Uniform(60)), 5, 17, 11)});
  e.Sitelink("enwiki", Capitalized(Word(kLatin, seed, 2)) + " " + Capitalized(Word(kLatin, seed >> 10, 3)));
  return e.Json();
}

std::string City(uint64_t index, bool big, const Scale& scale) {
  uint64_t qid = kCityBase + index;
  Entity e(qid);
  uint64_t country = index % scale.countries;
  std::string name = Capitalized(Word(kLatin, qid * 31, 3));
  for (size_t i = 0, n = big ? 60 : 10; i < n; ++i) e.Label(kLanguages[i], name);
  e.Label("fa", Word(kPersian, qid * 31, 3));
  e.Label("ar", Word(kArabic, qid * 31, 3));
  e.Description("en", "city");
  e.Items("P31", big ? std::vector<uint64_t>{515, 1549591} : std::vector<uint64_t>{515});
  e.Items("P17", {kCountryBase + country});
  e.Claim("P1082", {QuantitySnak("P1082", big ? 100000 + Uniform(5000000) : 5000 + Uniform(90000))});
  // The first city of each country is its capital.
  if (index < scale.countries) e.Items("P1376", {kCountryBase + country});
  for (size_t i = 0, n = big ? 60 : 5; i < n; ++i) e.Sitelink((std::string(kLanguages[i]) + "wiki").c_str(), name);
  return e.Json();
}

std::string Country(uint64_t index) {
  uint64_t qid = kCountryBase + index;
  Entity e(qid);
  std::string name = Capitalized(Word(kLatin, index * 7919, 3));
  for (size_t i = 0; i < kLanguageCount; ++i) e.Label(kLanguages[i], name);
  e.Label("fa", Word(kPersian, index * 7919, 3));
  for (size_t i = 0; i < 40; ++i) e.Description(kLanguages[i], "country in " + Word(kLatin, index, 2));
  e.Alias("en", "Republic of " + name);
  e.Items("P31", {6256, 3624078});
  e.Claim("P297", {StringSnak("P297", IsoCode(index))});
  e.Items("P36", {kCityBase + index});
  e.Claim("P1082", {QuantitySnak("P1082", 1000000 + Uniform(100000000))});
  e.Claim("P1549", {MonolingualSnak("P1549", name + "ian", "en")});
  std::vector<uint64_t> members;
  for (int i = 0; i < 30; ++i) members.push_back(kOrganizationBase + Uniform(300));
  e.Items("P463", members);
  for (size_t i = 0; i < kLanguageCount; ++i) e.Sitelink((std::string(kLanguages[i]) + "wiki").c_str(), name);
  return e.Json();
}

std::string Organization(uint64_t index) {
  uint64_t qid = kOrganizationBase + index;
  Entity e(qid);
  std::string name = "Organization of " + Capitalized(Word(kLatin, index * 13, 3)) + " States";
  for (size_t i = 0; i < 30; ++i) e.Label(kLanguages[i], name);
  e.Items("P31", {245065});
  e.Claim("P1813", {MonolingualSnak("P1813", "O" + IsoCode(index * 7) + "S", "en")});
  return e.Json();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_wikidata_dump OUT.json.gz [ENTITIES]\n");
    return 2;
  }
  uint64_t total = argc > 2 ? std::stoull(argv[2]) : 1000000;
  double factor = static_cast<double>(total) / 1e6;
  Scale scale;
  auto scaled = [&](uint64_t n) { return std::max<uint64_t>(1, static_cast<uint64_t>(n * factor)); };
  scale.countries = std::min<uint64_t>(250, scaled(250));
  scale.organizations = scaled(300);
  scale.positions = std::max(scaled(3000), scale.countries * 8);
  scale.cities = std::max(scaled(3000), scale.countries);
  scale.towns = scaled(2000);
  scale.politicians = scaled(10000);

  std::vector<std::pair<Kind, uint64_t>> slots;
  auto add = [&](Kind kind, uint64_t count) {
    for (uint64_t i = 0; i < count; ++i) slots.push_back({kind, i});
  };
  add(kCountry, scale.countries);
  add(kOrganization, scale.organizations);
  add(kPosition, scale.positions);
  add(kCity, scale.cities);
  add(kTown, scale.towns);
  add(kPolitician, scale.politicians);
  uint64_t rest = total > slots.size() ? total - slots.size() : 0;
  add(kArticle, rest * 40 / 99);
  add(kTaxon, rest * 20 / 99);
  add(kPerson, rest * 16 / 99);
  add(kVillage, rest * 10 / 99);
  add(kCategory, rest * 4 / 99);
  add(kOther, total > slots.size() ? total - slots.size() : 0);
  std::shuffle(slots.begin(), slots.end(), rng);

  gzFile out = gzopen(argv[1], "wb6");
  if (out == nullptr) {
    std::fprintf(stderr, "%s: cannot write\n", argv[1]);
    return 1;
  }
  gzbuffer(out, 1 << 20);
  gzputs(out, "[\n");
  uint64_t bytes = 0, filler = 0;
  for (size_t i = 0; i < slots.size(); ++i) {
    auto [kind, index] = slots[i];
    std::string line;
    switch (kind) {
      case kArticle: line = Article(30000000 + filler++); break;
      case kTaxon: line = Taxon(30000000 + filler++); break;
      case kPerson: line = Person(30000000 + filler++); break;
      case kVillage: line = Village(30000000 + filler++); break;
      case kOther: line = Other(30000000 + filler++); break;
      case kCategory: line = Category(30000000 + filler++); break;
      case kPolitician: line = Politician(index, scale); break;
      case kPosition: line = Position(index, scale); break;
      case kCity: line = City(index, true, scale); break;
      case kTown: line = City(scale.cities + index, false, scale); break;
      case kCountry: line = Country(index); break;
      case kOrganization: line = Organization(index); break;
    }
    line += i + 1 < slots.size() ? ",\n" : "\n";
    bytes += line.size();
    gzwrite(out, line.data(), static_cast<unsigned>(line.size()));
  }
  gzputs(out, "]\n");
  if (gzclose(out) != Z_OK) {
    std::fprintf(stderr, "%s: write failed\n", argv[1]);
    return 1;
  }
  std::printf("%s: %zu entities, %.1f MB uncompressed\n", argv[1], slots.size(), bytes / 1e6);
  return 0;
}
