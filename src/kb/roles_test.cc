// Role-only mentions ("the US secretary of state") resolve to the holder on
// the event's date: one test per office, over 2016, 2021, 2022, 2024, 2025.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kb/kb_test_support.h"
#include "rayzan/kb.h"

namespace rayzan {
namespace {

using testing_support::BundledBase;
using testing_support::kPeopleHeader;
using testing_support::NamesOf;
using testing_support::ScratchFolder;

std::vector<std::string> At(std::string_view office, std::string_view jurisdiction, int year, int month, int day) {
  return NamesOf(BundledBase(), BundledBase().HoldersAt(office, jurisdiction, CivilDate{year, month, day}));
}

using Names = std::vector<std::string>;

TEST(HoldersAtTest, UsForeignMinisterByYear) {
  EXPECT_EQ(At("foreign_minister", "US", 2016, 3, 24), Names{"John Kerry"});
  EXPECT_EQ(At("foreign_minister", "US", 2021, 6, 1), Names{"Antony Blinken"});
  EXPECT_EQ(At("foreign_minister", "US", 2022, 2, 18), Names{"Antony Blinken"});
  EXPECT_EQ(At("foreign_minister", "US", 2024, 11, 5), Names{"Antony Blinken"});
  EXPECT_EQ(At("foreign_minister", "US", 2025, 3, 1), Names{"Marco Rubio"});
}

TEST(HoldersAtTest, RussianForeignMinisterEveryYear) {
  for (int year : {2016, 2021, 2022, 2024, 2025}) {
    EXPECT_EQ(At("foreign_minister", "RU", year, 6, 1), Names{"Sergey Lavrov"}) << year;
  }
}

TEST(HoldersAtTest, UsPresidentByYear) {
  EXPECT_EQ(At("president", "US", 2016, 6, 1), Names{"Barack Obama"});
  EXPECT_EQ(At("president", "US", 2021, 6, 1), Names{"Joe Biden"});
  EXPECT_EQ(At("president", "US", 2022, 6, 1), Names{"Joe Biden"});
  EXPECT_EQ(At("president", "US", 2024, 6, 1), Names{"Joe Biden"});
  EXPECT_EQ(At("president", "US", 2025, 6, 1), Names{"Donald Trump"});
}

TEST(HoldersAtTest, RussianPresidentAndPrimeMinister) {
  for (int year : {2016, 2021, 2022, 2024, 2025}) {
    EXPECT_EQ(At("president", "RU", year, 6, 1), Names{"Vladimir Putin"}) << year;
  }
  EXPECT_EQ(At("prime_minister", "RU", 2016, 6, 1), Names{"Dmitry Medvedev"});
  EXPECT_EQ(At("prime_minister", "RU", 2022, 6, 1), Names{"Mikhail Mishustin"});
}

TEST(HoldersAtTest, IranianPresidentWithActingHolder) {
  EXPECT_EQ(At("president", "IR", 2016, 6, 1), Names{"Hassan Rouhani"});
  EXPECT_EQ(At("president", "IR", 2021, 6, 1), Names{"Hassan Rouhani"});
  EXPECT_EQ(At("president", "IR", 2022, 6, 1), Names{"Ebrahim Raisi"});
  // After Raisi's death, Mokhber acted until Pezeshkian took office.
  EXPECT_EQ(At("president", "IR", 2024, 6, 1), Names{"Mohammad Mokhber"});
  EXPECT_EQ(At("president", "IR", 2025, 6, 1), Names{"Masoud Pezeshkian"});
}

TEST(HoldersAtTest, IranianForeignMinisterByYear) {
  EXPECT_EQ(At("foreign_minister", "IR", 2016, 6, 1), Names{"Mohammad Javad Zarif"});
  EXPECT_EQ(At("foreign_minister", "IR", 2022, 6, 1), Names{"Hossein Amir-Abdollahian"});
  EXPECT_EQ(At("foreign_minister", "IR", 2024, 6, 1), Names{"Ali Bagheri Kani"});
  EXPECT_EQ(At("foreign_minister", "IR", 2025, 6, 1), Names{"Abbas Araghchi"});
}

TEST(HoldersAtTest, HandOverDayPutsIncomingHolderFirst) {
  // Both tenures include 2017-01-20 and 2025-01-20 (the files give the
  // inauguration day on both sides); the most recent start wins.
  EXPECT_EQ(At("president", "US", 2017, 1, 20), (Names{"Donald Trump", "Barack Obama"}));
  EXPECT_EQ(At("president", "US", 2025, 1, 20), (Names{"Donald Trump", "Joe Biden"}));
  // The regular holder before the acting one, whatever their starts.
  EXPECT_EQ(At("president", "IR", 2024, 7, 28), (Names{"Masoud Pezeshkian", "Mohammad Mokhber"}));
}

TEST(HoldersAtTest, OverlapOrderDoesNotDependOnFileOrder) {
  // Two overlapping regular holders listed oldest-first in one folder and
  // newest-first in another resolve alike.
  const std::string older = "rz:test-old\tOld Holder\t\t\t\t\tenvoy@XX:2019-01-01..2023-01-01\n";
  const std::string newer = "rz:test-new\tNew Holder\t\t\t\t\tenvoy@XX:2022-01-01..\n";
  for (bool newest_first : {false, true}) {
    ScratchFolder folder(newest_first ? "_b" : "_a");
    folder.Write("people/p.tsv", std::string(kPeopleHeader) + (newest_first ? newer + older : older + newer));
    auto kb = KnowledgeBase::Load({folder.str()});
    ASSERT_TRUE(kb.ok()) << kb.status().message();
    EXPECT_EQ(NamesOf(*kb.value(), kb.value()->HoldersAt("envoy", "XX", CivilDate{2022, 6, 1})),
              (Names{"New Holder", "Old Holder"}));
  }
}

TEST(HoldersAtTest, UnknownDateRangeHasNobody) {
  // The tables start around 2000: a 1950 date finds nobody rather than a guess.
  EXPECT_TRUE(At("foreign_minister", "US", 1950, 1, 1).empty());
  EXPECT_FALSE(BundledBase().Holders("foreign_minister", "US").empty());
}

}  // namespace
}  // namespace rayzan
