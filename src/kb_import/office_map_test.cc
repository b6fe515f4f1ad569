#include "kb_import/office_map.h"

#include <gtest/gtest.h>

namespace rayzan::internal {
namespace {

const OfficeMap& Bundled() {
  static const OfficeMap map = [] {
    Result<OfficeMap> loaded = OfficeMap::Load(std::string(RAYZAN_DATA_DIR) + "/kb/wikidata_offices.tsv");
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? std::move(loaded).value() : OfficeMap();
  }();
  return map;
}

TEST(OfficeMapTest, MapsClassesInFileOrder) {
  ASSERT_NE(Bundled().ForClass(7330070), nullptr);
  EXPECT_EQ(Bundled().ForClass(7330070)->office, "foreign_minister");
  EXPECT_FALSE(Bundled().ForClass(7330070)->generic);
  // Head of state is a president only when the label says nothing better.
  ASSERT_NE(Bundled().ForClass(48352), nullptr);
  EXPECT_TRUE(Bundled().ForClass(48352)->generic);
  EXPECT_LT(Bundled().ForClass(116)->rank, Bundled().ForClass(48352)->rank);
  EXPECT_EQ(Bundled().ForClass(5), nullptr);
}

TEST(OfficeMapTest, LongestLabelPhraseWins) {
  EXPECT_EQ(Bundled().ForLabel("Minister of Foreign Affairs of Iran"), "foreign_minister");
  EXPECT_EQ(Bundled().ForLabel("Vice President of the United States"), "vice_president");
  EXPECT_EQ(Bundled().ForLabel("Deputy Prime Minister of Russia"), "-");
  EXPECT_EQ(Bundled().ForLabel("President of the European Commission"), "commission_president");
  EXPECT_EQ(Bundled().ForLabel("Secretary-General of the United Nations"), "secretary_general");
  EXPECT_EQ(Bundled().ForLabel("Emir of Qatar"), "monarch");
  EXPECT_EQ(Bundled().ForLabel("Chancellor of Germany"), "chancellor");
}

TEST(OfficeMapTest, MatchesWholeWordsOnly) {
  EXPECT_EQ(Bundled().ForLabel("Kingston city council member"), "");
  EXPECT_EQ(Bundled().ForLabel("Mayor of Moscow"), "");
  EXPECT_EQ(Bundled().ForLabel("Presidential envoy"), "");
}

}  // namespace
}  // namespace rayzan::internal
