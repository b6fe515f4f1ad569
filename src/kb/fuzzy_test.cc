// Names in spellings the base has never seen: skeletons, FindSimilarPeople,
// and resolution of ambiguous names with context.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kb/kb_test_support.h"
#include "kb/name_skeleton.h"
#include "rayzan/kb.h"
#include "rayzan/normalize.h"

namespace rayzan {
namespace {

using internal::BoundedEditDistance;
using internal::NameSkeletonizer;
using testing_support::BundledBase;
using testing_support::kPeopleHeader;
using testing_support::ScratchFolder;

std::string SkeletonOf(std::string_view name) {
  NameSkeletonizer skeletonizer;
  return skeletonizer.Skeleton(NormalizeForMatching(name));
}

// The best fuzzy candidate's canonical name, or "" when there is none.
std::string Best(const KnowledgeBase& kb, std::string_view name, float* confidence = nullptr) {
  auto matches = kb.FindSimilarPeople(NormalizeForMatching(name));
  if (matches.empty()) return "";
  if (confidence != nullptr) *confidence = matches.front().confidence;
  return kb.person(matches.front().person).name;
}

TEST(NameSkeletonTest, BlinkenAgreesAcrossScripts) {
  for (const char* spelling : {"Blinken", "بلینکن", "بلينكن", "بلينكين", "Блинкен", "Blinkin"}) {
    EXPECT_EQ(SkeletonOf(spelling), "blnkn") << spelling;
  }
}

TEST(NameSkeletonTest, LavrovAgreesAcrossScripts) {
  // و beside alef is the consonant v (لاوروف), ف the Arabic spelling of v.
  for (const char* spelling : {"Lavrov", "لاوروف", "لافروف", "Лавров", "Lavrof"}) {
    EXPECT_EQ(SkeletonOf(spelling), "lfrf") << spelling;
  }
}

TEST(NameSkeletonTest, KeepsShAndChApartAndReadsRussianKhAsK) {
  EXPECT_EQ(SkeletonOf("Шойгу"), SkeletonOf("Shoigu"));
  EXPECT_EQ(SkeletonOf("شویگو"), SkeletonOf("Shoigu"));
  EXPECT_NE(SkeletonOf("Shoigu"), SkeletonOf("Soigu"));
  EXPECT_EQ(SkeletonOf("Хаменеи"), SkeletonOf("Khamenei"));
  EXPECT_EQ(SkeletonOf("عراقچی"), SkeletonOf("Araghchi"));
}

TEST(NameSkeletonTest, WordBoundariesDoNotCount) {
  EXPECT_EQ(SkeletonOf("Di Maio"), SkeletonOf("دی‌مایو"));
}

TEST(NameSkeletonTest, BoundedEditDistanceStopsAtLimit) {
  EXPECT_EQ(BoundedEditDistance("blnkn", "blnkn", 1), 0);
  EXPECT_EQ(BoundedEditDistance("blnkn", "blkn", 1), 1);
  EXPECT_EQ(BoundedEditDistance("blnkn", "bln", 1), 2);  // limit + 1
  EXPECT_EQ(BoundedEditDistance("srjlfrf", "srklfrf", 2), 1);
}

TEST(FindSimilarPeopleTest, FindsUnseenSpellingsOfBlinken) {
  // None of these is an alias in the base.
  for (const char* spelling : {"بلینکنن", "Blinkin", "Блинкин", "انتونیو بلینکین", "Antoni Blinkin"}) {
    ASSERT_TRUE(BundledBase().FindPeopleNamed(NormalizeForMatching(spelling)).empty()) << spelling;
    float confidence = 0;
    EXPECT_EQ(Best(BundledBase(), spelling, &confidence), "Antony Blinken") << spelling;
    EXPECT_GE(confidence, 0.7f) << spelling;
    EXPECT_LT(confidence, 1.0f) << spelling;
  }
}

TEST(FindSimilarPeopleTest, FindsUnseenSpellingsOfLavrov) {
  for (const char* spelling : {"سرجی لاوروف", "سيرجيه لافروف", "Lavrof", "Сергей Лавровь"}) {
    EXPECT_EQ(Best(BundledBase(), spelling), "Sergey Lavrov") << spelling;
  }
}

TEST(FindSimilarPeopleTest, ExactAliasComesFirstWithFullConfidence) {
  // Russian aliases exist in the base: Лавров is exact.
  auto matches = BundledBase().FindSimilarPeople(NormalizeForMatching("Лавров"));
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(BundledBase().person(matches.front().person).name, "Sergey Lavrov");
  EXPECT_TRUE(matches.front().exact);
  EXPECT_EQ(matches.front().confidence, 1.0f);
  EXPECT_EQ(BundledBase().person(matches.front().person).aliases[matches.front().alias].text, "Лавров");
  // The Arabic spelling of the brief is an alias too.
  EXPECT_EQ(Best(BundledBase(), "سيرجي لافروف"), "Sergey Lavrov");
}

TEST(FindSimilarPeopleTest, OrdinaryWordsFindNobodyConfidently) {
  for (const char* word : {"کتابخانه", "وزارت", "الاجتماع"}) {
    for (const FuzzyNameMatch& match : BundledBase().FindSimilarPeople(NormalizeForMatching(word))) {
      EXPECT_LT(match.confidence, 0.7f) << word << " -> " << BundledBase().person(match.person).name;
    }
  }
}

TEST(FindSimilarPeopleTest, OneEntryPerPersonBestFirst) {
  auto matches = BundledBase().FindSimilarPeople(NormalizeForMatching("Lavrof"), 50, 0.0f);
  for (size_t i = 1; i < matches.size(); ++i) {
    EXPECT_GE(matches[i - 1].confidence, matches[i].confidence);
    for (size_t j = 0; j < i; ++j) EXPECT_NE(matches[i].person, matches[j].person);
  }
}

TEST(FindSimilarPeopleTest, FindsImportedPersonBySurnameAlone) {
  // Imports rarely list the surname alone; the last word of the name is
  // indexed for them, with a lower confidence.
  ScratchFolder folder;
  folder.Write("people/imported.tsv", std::string(kPeopleHeader) +
                                          "Q1\tKaja Kallas\t\t\t\t\thigh_representative@EU:2024-12-01..\n");
  auto kb = KnowledgeBase::Load({folder.str()});
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  auto matches = kb.value()->FindSimilarPeople(NormalizeForMatching("کالاس"));
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(kb.value()->person(matches.front().person).name, "Kaja Kallas");
  EXPECT_LT(matches.front().confidence, 0.9f);
}

// Two people answer to "Kerry" once a second one is added.
class AmbiguousNameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::make_unique<ScratchFolder>();
    folder_->Write("people/extra.tsv",
                   std::string(kPeopleHeader) +
                       "rz:test-mark-kerry\tMark Kerry\tKerry\tکری\tكيري\t\tdefence_minister@AU:2020-01-01..2023-12-31\n");
    auto loaded = KnowledgeBase::Load({std::string(RAYZAN_DATA_DIR) + "/kb", folder_->str()});
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    kb_ = std::move(loaded).value();
  }
  std::string Resolve(std::string_view name, NameContext context) const {
    auto person = kb_->ResolvePersonName(NormalizeForMatching(name), context);
    return person ? kb_->person(*person).name : "";
  }
  std::unique_ptr<ScratchFolder> folder_;
  std::shared_ptr<const KnowledgeBase> kb_;
};

TEST_F(AmbiguousNameTest, NameAloneDoesNotResolve) {
  EXPECT_EQ(kb_->FindPeopleNamed(NormalizeForMatching("کری")).size(), 2u);
  EXPECT_EQ(Resolve("کری", {}), "");
}

TEST_F(AmbiguousNameTest, OfficeJurisdictionAndDateResolve) {
  EXPECT_EQ(Resolve("کری", {"foreign_minister", "US", CivilDate{2016, 3, 24}}), "John Kerry");
  EXPECT_EQ(Resolve("Kerry", {"", "AU", std::nullopt}), "Mark Kerry");
  EXPECT_EQ(Resolve("كيري", {"defence_minister", "", CivilDate{2021, 5, 1}}), "Mark Kerry");
  // In 2022 both held an office (John Kerry was climate envoy): still ambiguous.
  EXPECT_EQ(Resolve("Kerry", {"", "", CivilDate{2022, 6, 1}}), "");
  // In 2010 neither did.
  EXPECT_EQ(Resolve("Kerry", {"", "", CivilDate{2010, 6, 1}}), "");
}

TEST_F(AmbiguousNameTest, UnseenSpellingResolvesWithContext) {
  EXPECT_EQ(Resolve("Kery", {"foreign_minister", "US", CivilDate{2014, 1, 1}}), "John Kerry");
}

TEST(ResolvePersonNameTest, AustinAndPriceNeedTheirOffice) {
  const KnowledgeBase& kb = BundledBase();
  auto resolve = [&](std::string_view name, NameContext context) {
    auto person = kb.ResolvePersonName(NormalizeForMatching(name), context);
    return person ? kb.person(*person).name : "";
  };
  EXPECT_EQ(resolve("آستین", {"defence_minister", "US", CivilDate{2022, 2, 18}}), "Lloyd Austin");
  EXPECT_EQ(resolve("پرایس", {"spokesperson", "US", CivilDate{2022, 2, 18}}), "Ned Price");
  // The wrong office for the date: nobody.
  EXPECT_EQ(resolve("پرایس", {"spokesperson", "US", CivilDate{2024, 2, 18}}), "");
  EXPECT_EQ(resolve("بلینکنن", {"foreign_minister", "US", CivilDate{2022, 2, 18}}), "Antony Blinken");
}

TEST(ChooseByContextTest, ExactlyOneFitOrNothing) {
  const KnowledgeBase& kb = BundledBase();
  uint32_t kerry = *kb.FindPerson("rz:john-kerry");
  uint32_t lavrov = *kb.FindPerson("rz:sergey-lavrov");
  EXPECT_EQ(kb.ChooseByContext({kerry}, {}), kerry);
  EXPECT_EQ(kb.ChooseByContext({kerry, lavrov}, {}), std::nullopt);
  EXPECT_EQ(kb.ChooseByContext({kerry, lavrov}, {"foreign_minister", "RU", std::nullopt}), lavrov);
  EXPECT_EQ(kb.ChooseByContext({kerry, lavrov}, {"foreign_minister", "", CivilDate{2016, 1, 1}}), std::nullopt);
  EXPECT_EQ(kb.ChooseByContext({kerry, lavrov}, {"foreign_minister", "", CivilDate{2020, 1, 1}}), lavrov);
  EXPECT_EQ(kb.ChooseByContext({kerry, kerry}, {}), kerry);
}

}  // namespace
}  // namespace rayzan
