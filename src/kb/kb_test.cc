#include "rayzan/kb.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rayzan/normalize.h"

namespace rayzan {
namespace {

namespace fs = std::filesystem;

// The bundled base, loaded once for the whole binary (ICU's CLDR tables make
// a load take a noticeable fraction of a second).
const KnowledgeBase& Bundled() {
  static const std::shared_ptr<const KnowledgeBase> kb = [] {
    auto loaded = KnowledgeBase::Load({std::string(RAYZAN_DATA_DIR) + "/kb"});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return *kb;
}

CivilDate D(int year, int month, int day) { return CivilDate{year, month, day}; }

// The names found in `phrase` after normalization, with the normalized text
// kept so spans can be sliced.
struct Found {
  std::string text;
  std::vector<NameMatch> matches;
  std::string At(size_t k) const { return std::string(Slice(text, matches.at(k).span)); }
};

Found FindIn(const KnowledgeBase& kb, std::string_view phrase) {
  Found found;
  found.text = NormalizeForMatching(phrase);
  found.matches = kb.FindNames(found.text, Span{0, static_cast<uint32_t>(found.text.size())});
  return found;
}

// "person:Sergey Lavrov", "country:RU", "city:Moscow", "organization:OSCE", "office:foreign_minister".
std::string Describe(const KnowledgeBase& kb, const EntityRef& ref) {
  switch (ref.kind) {
    case EntityKind::kPerson: return "person:" + kb.person(ref.index).name;
    case EntityKind::kCountry: return "country:" + kb.country(ref.index).iso2;
    case EntityKind::kCity: return "city:" + kb.city(ref.index).name;
    case EntityKind::kOrganization: return "organization:" + kb.organization(ref.index).id;
    case EntityKind::kOffice: return "office:" + kb.office_phrase(ref.index).office;
  }
  return "?";
}

// The distinct entities a match may denote. Office phrases that differ only
// in what normalization folds ("وزیر امور خارجه" and "وزیر امور خارجهٔ") are
// separate rows of offices.tsv, so one match may carry the same office twice.
std::vector<std::string> Describe(const KnowledgeBase& kb, const NameMatch& match) {
  std::vector<std::string> out;
  for (const EntityRef& ref : match.entities) {
    std::string entity = Describe(kb, ref);
    if (std::find(out.begin(), out.end(), entity) == out.end()) out.push_back(entity);
  }
  return out;
}

std::vector<std::string> Names(const KnowledgeBase& kb, const std::vector<uint32_t>& people) {
  std::vector<std::string> out;
  for (uint32_t person : people) out.push_back(kb.person(person).name);
  return out;
}

// A fresh folder under the system temp directory, removed at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("rayzan_kb_test_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Write(const std::string& relative, const std::string& content) const {
    fs::create_directories((path_ / relative).parent_path());
    std::ofstream out(path_ / relative, std::ios::binary);
    out << content;
  }

 private:
  fs::path path_;
};

// ---------------------------------------------------------------------------
// Names of people.

TEST(KnowledgeBaseTest, LoadsBundledFolder) {
  EXPECT_GT(Bundled().person_count(), 100u);
  ASSERT_TRUE(Bundled().FindCountry("RU").has_value());
  EXPECT_EQ(Bundled().country(*Bundled().FindCountry("RU")).name_en, "Russia");
  ASSERT_TRUE(Bundled().FindOrganization("OSCE").has_value());
}

TEST(KnowledgeBaseTest, FindsBlinkenUnderEverySpelling) {
  // Persian بلینکن, Arabic بلينكن and the Sputnik Arabic spelling بلينكين
  // (seed 002), and the Latin name.
  for (const char* spelling : {"بلینکن", "بلينكن", "بلينكين", "Blinken"}) {
    Found found = FindIn(Bundled(), spelling);
    ASSERT_EQ(found.matches.size(), 1u) << spelling;
    EXPECT_EQ(Describe(Bundled(), found.matches[0]), std::vector<std::string>{"person:Antony Blinken"})
        << spelling;
    EXPECT_EQ(found.At(0), found.text) << spelling;
  }
  // بلینکن and Blinken also appear in a full-name alias, so alone they are a
  // surname. (بلينكين is in no full-name alias, so the loader takes it for a
  // full name; seed 002 writes "أنتوني بلينكين", which the base lacks.)
  EXPECT_TRUE(FindIn(Bundled(), "بلینکن").matches.at(0).surname_only);
  EXPECT_TRUE(FindIn(Bundled(), "Blinken").matches.at(0).surname_only);
}

TEST(KnowledgeBaseTest, FindsPersonOfficeAndCountryInSentence) {
  Found found = FindIn(Bundled(), "سرگئی لاوروف وزیر امور خارجه روسیه");
  ASSERT_EQ(found.matches.size(), 3u);
  EXPECT_EQ(Describe(Bundled(), found.matches[0]), std::vector<std::string>{"person:Sergey Lavrov"});
  EXPECT_EQ(found.At(0), NormalizeForMatching("سرگئی لاوروف"));
  EXPECT_FALSE(found.matches[0].surname_only);
  EXPECT_EQ(Describe(Bundled(), found.matches[1]), std::vector<std::string>{"office:foreign_minister"});
  EXPECT_EQ(found.At(1), NormalizeForMatching("وزیر امور خارجه"));
  EXPECT_EQ(Describe(Bundled(), found.matches[2]), std::vector<std::string>{"country:RU"});
  EXPECT_EQ(found.At(2), NormalizeForMatching("روسیه"));
}

TEST(KnowledgeBaseTest, OfficePhraseMayImplyCountry) {
  // The longest match wins: the whole phrase names the US office.
  Found found = FindIn(Bundled(), "آنتونی بلینکن وزیر امور خارجه آمریکا");
  ASSERT_EQ(found.matches.size(), 2u);
  EXPECT_EQ(Describe(Bundled(), found.matches[0]), std::vector<std::string>{"person:Antony Blinken"});
  ASSERT_EQ(Describe(Bundled(), found.matches[1]), std::vector<std::string>{"office:foreign_minister"});
  EXPECT_EQ(found.At(1), NormalizeForMatching("وزیر امور خارجه آمریکا"));
  const OfficePhrase& phrase = Bundled().office_phrase(found.matches[1].entities[0].index);
  EXPECT_EQ(phrase.implied_jurisdiction, "US");
  EXPECT_FALSE(phrase.plural);
}

TEST(KnowledgeBaseTest, StripsArabicProcliticBeforeName) {
  // "جو بايدن وبوتين" (seed 002's headline): و is "and", not part of the name.
  Found found = FindIn(Bundled(), "وبوتين");
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(Describe(Bundled(), found.matches[0]), std::vector<std::string>{"person:Vladimir Putin"});
  EXPECT_EQ(found.matches[0].span.begin, std::string("و").size());
  EXPECT_EQ(found.matches[0].span.end, found.text.size());
  EXPECT_EQ(found.At(0), NormalizeForMatching("بوتين"));
}

TEST(KnowledgeBaseTest, SurnameAloneIsMarkedSurnameOnly) {
  Found surname = FindIn(Bundled(), "لاوروف");
  ASSERT_EQ(surname.matches.size(), 1u);
  EXPECT_EQ(Describe(Bundled(), surname.matches[0]), std::vector<std::string>{"person:Sergey Lavrov"});
  EXPECT_TRUE(surname.matches[0].surname_only);

  Found full = FindIn(Bundled(), "سرگئی لاوروف");
  ASSERT_EQ(full.matches.size(), 1u);
  EXPECT_EQ(Describe(Bundled(), full.matches[0]), std::vector<std::string>{"person:Sergey Lavrov"});
  EXPECT_FALSE(full.matches[0].surname_only);
  EXPECT_EQ(full.At(0), full.text);
}

// ---------------------------------------------------------------------------
// Countries, cities, blocked words.

TEST(KnowledgeBaseTest, FindsCountryByName) {
  Found found = FindIn(Bundled(), "روسیه");
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(Describe(Bundled(), found.matches[0]), std::vector<std::string>{"country:RU"});
  EXPECT_FALSE(found.matches[0].adjective);
}

TEST(KnowledgeBaseTest, FindsCountryByArabicAdjective) {
  // "وزير الخارجية الروسي": the article ال is part of the listed adjective.
  Found found = FindIn(Bundled(), "الروسي");
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(Describe(Bundled(), found.matches[0]), std::vector<std::string>{"country:RU"});
  EXPECT_TRUE(found.matches[0].adjective);
  EXPECT_FALSE(found.matches[0].surname_only);
}

TEST(KnowledgeBaseTest, FindsCity) {
  Found found = FindIn(Bundled(), "در مسکو");
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(Describe(Bundled(), found.matches[0]), std::vector<std::string>{"city:Moscow"});
  EXPECT_EQ(found.At(0), "مسکو");
}

TEST(KnowledgeBaseTest, BlockedWordIsNotCity) {
  // CLDR's Persian exemplar name of Dushanbe is دوشنبه, which is also "Monday".
  Found alone = FindIn(Bundled(), "دوشنبه");
  EXPECT_TRUE(alone.matches.empty()) << Describe(Bundled(), alone.matches.at(0)).at(0);

  Found sentence = FindIn(Bundled(), "روز دوشنبه در تهران");
  ASSERT_EQ(sentence.matches.size(), 1u);
  EXPECT_EQ(Describe(Bundled(), sentence.matches[0]), std::vector<std::string>{"city:Tehran"});
}

// ---------------------------------------------------------------------------
// Offices over time.

TEST(KnowledgeBaseTest, UsSecretaryOfStateByDate) {
  const KnowledgeBase& kb = Bundled();
  EXPECT_EQ(Names(kb, kb.HoldersAt("foreign_minister", "US", D(2016, 3, 24))),
            std::vector<std::string>{"John Kerry"});
  EXPECT_EQ(Names(kb, kb.HoldersAt("foreign_minister", "US", D(2022, 2, 18))),
            std::vector<std::string>{"Antony Blinken"});
  EXPECT_EQ(Names(kb, kb.HoldersAt("foreign_minister", "US", D(2025, 6, 1))),
            std::vector<std::string>{"Marco Rubio"});
}

TEST(KnowledgeBaseTest, RussianOfficeHoldersByDate) {
  const KnowledgeBase& kb = Bundled();
  EXPECT_EQ(Names(kb, kb.HoldersAt("foreign_minister", "RU", D(2021, 12, 2))),
            std::vector<std::string>{"Sergey Lavrov"});
  EXPECT_EQ(Names(kb, kb.HoldersAt("president", "RU", D(2010, 1, 1))),
            std::vector<std::string>{"Dmitry Medvedev"});
  EXPECT_EQ(Names(kb, kb.HoldersAt("defence_minister", "RU", D(2022, 2, 18))),
            std::vector<std::string>{"Sergei Shoigu"});
}

TEST(KnowledgeBaseTest, UsDefenceSecretaryByDate) {
  const KnowledgeBase& kb = Bundled();
  EXPECT_EQ(Names(kb, kb.HoldersAt("defence_minister", "US", D(2022, 2, 18))),
            std::vector<std::string>{"Lloyd Austin"});
}

TEST(KnowledgeBaseTest, UnknownOfficeHasNoHolders) {
  EXPECT_TRUE(Bundled().HoldersAt("foreign_minister", "ZZ", D(2022, 2, 18)).empty());
  EXPECT_TRUE(Bundled().HoldersAt("no_such_office", "US", D(2022, 2, 18)).empty());
}

// ---------------------------------------------------------------------------
// Further folders.

TEST(KnowledgeBaseTest, LaterFolderReplacesPersonAndAddsAlias) {
  TempFolder user;
  // The bundled row for Lavrov plus a German spelling.
  user.Write("people/x.tsv",
             "id\tname\taliases_en\taliases_fa\taliases_ar\taliases_ru\troles\n"
             "rz:sergey-lavrov\tSergey Lavrov\tSergei Lavrov|Sergej Lawrow|Lavrov\tسرگئی لاوروف|لاوروف\t"
             "سيرغي لافروف|لافروف\t\tforeign_minister@RU:2004-03-09..\n");
  auto loaded = KnowledgeBase::Load({std::string(RAYZAN_DATA_DIR) + "/kb", user.path().string()});
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const KnowledgeBase& kb = *loaded.value();
  // Same id: replaced, not added.
  EXPECT_EQ(kb.person_count(), Bundled().person_count());

  Found found = FindIn(kb, "Sergej Lawrow");
  ASSERT_EQ(found.matches.size(), 1u);
  EXPECT_EQ(Describe(kb, found.matches[0]), std::vector<std::string>{"person:Sergey Lavrov"});
  EXPECT_FALSE(found.matches[0].surname_only);
  EXPECT_TRUE(FindIn(Bundled(), "Sergej Lawrow").matches.empty());
  EXPECT_EQ(Names(kb, kb.HoldersAt("foreign_minister", "RU", D(2021, 12, 2))),
            std::vector<std::string>{"Sergey Lavrov"});
}

TEST(KnowledgeBaseTest, MalformedTenureNamesFileAndLine) {
  TempFolder user;
  user.Write("people/bad.tsv",
             "id\tname\taliases_en\taliases_fa\taliases_ar\taliases_ru\troles\n"
             "# a comment line still counts as a line\n"
             "rz:test-person\tTest Person\t\t\t\t\tforeign_minister@RU:2004-13-45..\n");
  auto loaded = KnowledgeBase::Load({user.path().string()});
  ASSERT_FALSE(loaded.ok());
  const std::string expected_prefix = (user.path() / "people/bad.tsv").string() + ":3: ";
  EXPECT_EQ(loaded.status().message().substr(0, expected_prefix.size()), expected_prefix)
      << loaded.status().message();
  EXPECT_NE(loaded.status().message().find("foreign_minister@RU:2004-13-45.."), std::string::npos)
      << loaded.status().message();
}

TEST(KnowledgeBaseTest, TenureWithoutRangeNamesFileAndLine) {
  TempFolder user;
  user.Write("people/bad.tsv",
             "id\tname\troles\n"
             "rz:test-person\tTest Person\tforeign_minister@RU\n");
  auto loaded = KnowledgeBase::Load({user.path().string()});
  ASSERT_FALSE(loaded.ok());
  const std::string expected_prefix = (user.path() / "people/bad.tsv").string() + ":2: ";
  EXPECT_EQ(loaded.status().message().substr(0, expected_prefix.size()), expected_prefix)
      << loaded.status().message();
}

TEST(KnowledgeBaseTest, MissingFolderFails) {
  auto loaded = KnowledgeBase::Load({"/nonexistent/rayzan-kb"});
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("/nonexistent/rayzan-kb"), std::string::npos)
      << loaded.status().message();
}

}  // namespace
}  // namespace rayzan
