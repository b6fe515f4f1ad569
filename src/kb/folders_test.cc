// The search path (bundled, imported, user), precedence between folders, and
// what the `rayzan kb` sub-commands call: FindPerson and aliases by language
// (show), Stats (stats), AddToKnowledgeFolder (add), CollectUnknownNames
// (unknown).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kb/kb_test_support.h"
#include "rayzan/kb.h"
#include "rayzan/normalize.h"

namespace rayzan {
namespace {

namespace fs = std::filesystem;
using testing_support::BundledBase;
using testing_support::kPeopleHeader;
using testing_support::NamesOf;
using testing_support::ScratchFolder;

// Sets an environment variable for the life of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(DefaultDirectoriesTest, BundledThenImportedThenUser) {
  ScratchFolder home;
  ScopedEnv xdg("XDG_DATA_HOME", home.str());
  EXPECT_EQ(KnowledgeBase::ImportedDirectory(), home.str() + "/rayzan/kb");
  EXPECT_EQ(KnowledgeBase::UserDirectory(), home.str() + "/rayzan/user");
  // Folders that do not exist are left out.
  EXPECT_EQ(KnowledgeBase::DefaultDirectories(), std::vector<std::string>{KnowledgeBase::BundledDirectory()});
  fs::create_directories(home.path() / "rayzan/user");
  fs::create_directories(home.path() / "rayzan/kb");
  EXPECT_EQ(KnowledgeBase::DefaultDirectories(),
            (std::vector<std::string>{KnowledgeBase::BundledDirectory(), home.str() + "/rayzan/kb",
                                      home.str() + "/rayzan/user"}));
}

TEST(DefaultDirectoriesTest, FallsBackToHomeLocalShare) {
  ScopedEnv xdg("XDG_DATA_HOME", "");
  ScopedEnv home("HOME", "/home/someone");
  EXPECT_EQ(KnowledgeBase::ImportedDirectory(), "/home/someone/.local/share/rayzan/kb");
  EXPECT_EQ(KnowledgeBase::UserDirectory(), "/home/someone/.local/share/rayzan/user");
}

TEST(FolderPrecedenceTest, UserOverImportedOverBundled) {
  ScratchFolder imported("_imported"), user("_user");
  // The import renames Lavrov and adds a tenure; the user folder replaces the
  // row again. Rows replace whole: aliases of a replaced row are gone.
  imported.Write("people/import.tsv", std::string(kPeopleHeader) +
                                          "rz:sergey-lavrov\tSergei Lavrov (imported)\tImportedAlias\t\t\t\t"
                                          "foreign_minister@RU:2004-03-09..\n"
                                          "Q1\tImported Only\t\t\t\t\tambassador@RU:2020..\n");
  user.Write("people/user.tsv", std::string(kPeopleHeader) +
                                    "rz:sergey-lavrov\tSergey Lavrov\tUserAlias\tلاوروف\t\t\t"
                                    "foreign_minister@RU:2004-03-09..\n");
  auto kb = KnowledgeBase::Load({KnowledgeBase::BundledDirectory(), imported.str(), user.str()});
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  uint32_t lavrov = *kb.value()->FindPerson("rz:sergey-lavrov");
  EXPECT_EQ(kb.value()->person(lavrov).name, "Sergey Lavrov");
  EXPECT_EQ(kb.value()->person(lavrov).directory, 2u);
  EXPECT_EQ(kb.value()->FindPeopleNamed("useralias"), std::vector<uint32_t>{lavrov});
  EXPECT_TRUE(kb.value()->FindPeopleNamed("importedalias").empty());
  EXPECT_TRUE(kb.value()->FindPeopleNamed(NormalizeForMatching("سرگئی لاوروف")).empty());
  ASSERT_TRUE(kb.value()->FindPerson("Q1").has_value());
  EXPECT_EQ(kb.value()->person(*kb.value()->FindPerson("Q1")).directory, 1u);
  // Without the user folder the import wins over the bundled row.
  auto without_user = KnowledgeBase::Load({KnowledgeBase::BundledDirectory(), imported.str()});
  ASSERT_TRUE(without_user.ok());
  EXPECT_EQ(without_user.value()->person(*without_user.value()->FindPerson("rz:sergey-lavrov")).name,
            "Sergei Lavrov (imported)");
}

TEST(ShowTest, KeepsAliasesPerLanguage) {
  const Person& lavrov = BundledBase().person(*BundledBase().FindPerson("rz:sergey-lavrov"));
  ASSERT_FALSE(lavrov.aliases.empty());
  EXPECT_EQ(lavrov.aliases.front().text, "Sergey Lavrov");
  EXPECT_EQ(lavrov.aliases.front().language, "en");
  auto has = [&](const std::string& text, const std::string& language) {
    for (const PersonAlias& alias : lavrov.aliases) {
      if (alias.text == text && alias.language == language) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("لاوروف", "fa"));
  EXPECT_TRUE(has("لافروف", "ar"));
  EXPECT_TRUE(has("Лавров", "ru"));
  EXPECT_FALSE(BundledBase().FindPerson("rz:nobody").has_value());
}

TEST(StatsTest, CountsTheBundledBase) {
  KnowledgeBaseStats stats = BundledBase().Stats();
  EXPECT_EQ(stats.people, BundledBase().person_count());
  EXPECT_GE(stats.tenures, stats.people);
  EXPECT_EQ(stats.aliases_by_language.at("en") >= stats.people, true);
  for (const char* language : {"fa", "ar", "ru"}) EXPECT_GT(stats.aliases_by_language.count(language), 0u);
  EXPECT_GT(stats.countries, 240u);
  EXPECT_GT(stats.cities, 100u);
  EXPECT_GT(stats.organizations, 10u);
  EXPECT_GE(stats.offices, 20u);
  EXPECT_GT(stats.skeletons, stats.people);
}

TEST(AddToKnowledgeFolderTest, MergesPeopleTsvById) {
  ScratchFolder input("_in"), user("_user");
  std::string first = input.Write("mine.tsv", std::string(kPeopleHeader) +
                                                  "rz:test-a\tPerson A\t\tشخص الف\t\t\tambassador@IR:2020-01..\n");
  auto merged = AddToKnowledgeFolder(first, user.str());
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged.value().destination, (user.path() / "people/user.tsv").string());
  EXPECT_EQ(merged.value().added, 1u);
  // The same id again replaces the row; a new one is added.
  std::string second = input.Write("more.tsv", std::string(kPeopleHeader) +
                                                   "rz:test-a\tPerson A\tA\t\t\t\tambassador@IR:2021-01..\n"
                                                   "rz:test-b\tPerson B\t\t\t\t\t\n");
  merged = AddToKnowledgeFolder(second, user.str());
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged.value().added, 1u);
  EXPECT_EQ(merged.value().replaced, 1u);
  auto kb = KnowledgeBase::Load({user.str()});
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  EXPECT_EQ(kb.value()->person_count(), 2u);
  const Person& a = kb.value()->person(*kb.value()->FindPerson("rz:test-a"));
  ASSERT_EQ(a.tenures.size(), 1u);
  EXPECT_EQ(a.tenures[0].from, (CivilDate{2021, 1, 1}));
}

TEST(AddToKnowledgeFolderTest, AcceptsJsonPerson) {
  ScratchFolder input("_in"), user("_user");
  std::string file = input.Write("person.json", R"({"id": "rz:test-c", "name": "Person C",
      "aliases": {"fa": ["شخص سه"], "ar": ["شخص ثلاثة"]},
      "roles": ["foreign_minister@XX:2023-05-01..", {"office": "ambassador", "jurisdiction": "XX", "from": "2019", "to": "2023-04"}]})");
  auto merged = AddToKnowledgeFolder(file, user.str());
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  auto kb = KnowledgeBase::Load({user.str()});
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  EXPECT_EQ(NamesOf(*kb.value(), kb.value()->HoldersAt("foreign_minister", "XX", CivilDate{2024, 1, 1})),
            std::vector<std::string>{"Person C"});
  EXPECT_EQ(kb.value()->FindPeopleNamed(NormalizeForMatching("شخص سه")).size(), 1u);
}

TEST(AddToKnowledgeFolderTest, RejectsWhatTheLoaderRejectsAndWritesNothing) {
  ScratchFolder input("_in"), user("_user");
  std::string bad = input.Write("bad.tsv", std::string(kPeopleHeader) +
                                               "rz:test-d\tPerson D\t\t\t\t\tforeign_minister@XX:2023-13..\n");
  auto merged = AddToKnowledgeFolder(bad, user.str());
  ASSERT_FALSE(merged.ok());
  EXPECT_NE(merged.status().message().find(bad + ":2:"), std::string::npos) << merged.status().message();
  EXPECT_FALSE(fs::exists(user.path() / "people/user.tsv"));
  std::string bad_json = input.Write("bad.json", R"({"id": "rz:x", "name": "X", "aliases": {"de": ["X"]}})");
  merged = AddToKnowledgeFolder(bad_json, user.str());
  ASSERT_FALSE(merged.ok());
  EXPECT_NE(merged.status().message().find("'de'"), std::string::npos) << merged.status().message();
}

TEST(AddToKnowledgeFolderTest, MergesCitiesByNameAndCountry) {
  ScratchFolder input("_in"), user("_user");
  std::string file = input.Write("cities.tsv", "name\tiso2\taliases_en\taliases_fa\taliases_ar\tkind\n"
                                               "Testville\tXX\t\tتست‌ویل\t\tcity\n");
  auto merged = AddToKnowledgeFolder(file, user.str());
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged.value().destination, (user.path() / "cities.tsv").string());
  auto kb = KnowledgeBase::Load({user.str()});
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  std::string text = NormalizeForMatching("در تست‌ویل");
  auto names = kb.value()->FindNames(text, Span{0, static_cast<uint32_t>(text.size())});
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].entities.at(0).kind, EntityKind::kCity);
}

TEST(CollectUnknownNamesTest, GroupsPeopleMissingFromTheBase) {
  ScratchFolder folder;
  std::string events = folder.Write(
      "events.jsonl",
      R"({"doc":"a","actors":[{"name":"Kaja Kallas","kind":"person","id":null,"role":"high_representative","country":"EU","in_kb":false},{"name":"Sergey Lavrov","kind":"person","id":"rz:sergey-lavrov","role":"foreign_minister","country":"RU","in_kb":true}]})"
      "\n"
      R"({"doc":"b","actors":[{"name":"Kaja Kallas","kind":"person","id":null,"role":"high_representative","country":"EU","in_kb":false},{"name":"foreign_minister of UZ","kind":"role","id":null,"role":"foreign_minister","country":"UZ","in_kb":false}]})"
      "\n"
      R"({"doc":"c","actors":[{"name":"Bakhtiyor Saidov","kind":"person","id":null,"role":null,"country":null,"in_kb":false}]})"
      "\n");
  auto names = CollectUnknownNames({events});
  ASSERT_TRUE(names.ok()) << names.status().message();
  ASSERT_EQ(names.value().size(), 2u);
  EXPECT_EQ(names.value()[0].name, "Kaja Kallas");
  EXPECT_EQ(names.value()[0].role, "high_representative");
  EXPECT_EQ(names.value()[0].country, "EU");
  EXPECT_EQ(names.value()[0].count, 2u);
  EXPECT_EQ(names.value()[0].documents, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names.value()[1].name, "Bakhtiyor Saidov");
  EXPECT_EQ(names.value()[1].role, "");
}

TEST(CollectUnknownNamesTest, NamesTheBrokenLine) {
  ScratchFolder folder;
  std::string events = folder.Write("broken.jsonl", "{\"doc\":\"a\",\"actors\":[]}\nnot json\n");
  auto names = CollectUnknownNames({events});
  ASSERT_FALSE(names.ok());
  EXPECT_NE(names.status().message().find(events + ":2:"), std::string::npos) << names.status().message();
}

}  // namespace
}  // namespace rayzan
