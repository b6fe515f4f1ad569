#include "rayzan/normalize.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace rayzan {
namespace {

std::string ReadSeed(const std::string& name) {
  std::ifstream in(std::string(RAYZAN_SHARED_DIR) + "/seeds/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const char* const kSeeds[] = {"000_577ad472b90e8ddb.txt", "001_9daf9b23fdd5586e.txt",
                              "002_f9df47be515c0267.txt", "003_8a2e76ed469fac0b.txt",
                              "004_6967ce8f0ae44b22.txt"};

// The normalized span of the first occurrence of `needle` in `normalized`.
Span Find(const NormalizedText& normalized, std::string_view needle) {
  size_t at = normalized.text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  if (at == std::string::npos) return {};
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

TEST(NormalizeTest, FoldsArabicTypedPersianFromFarsnews) {
  // Older Fars News pages are typed with Arabic ي and ك.
  EXPECT_EQ(NormalizeForMatching("خبرگزاري فارس"), NormalizeForMatching("خبرگزاری فارس"));
  EXPECT_EQ(NormalizeForMatching("خبرگزاري فارس"), "خبرگزاری فارس");
  EXPECT_EQ(NormalizeForMatching("بلينكن"), NormalizeForMatching("بلینکن"));
  EXPECT_EQ(NormalizeForMatching("بلينكن"), "بلینکن");
  EXPECT_EQ(NormalizeForMatching("رئيس اداره كل"), "رییس اداره کل");
  EXPECT_EQ(NormalizeForMatching("مصطفى"), "مصطفی");
}

TEST(NormalizeTest, DropsZwnjSoJoinedAndSplitWordsMatch) {
  EXPECT_EQ(NormalizeForMatching("روسیه\u200cای"), NormalizeForMatching("روسیهای"));
  EXPECT_EQ(NormalizeForMatching("می\u200cکند"), "میکند");
  // ZWJ, LRM, RLM, BOM and soft hyphen are format characters too.
  EXPECT_EQ(NormalizeForMatching("\uFEFF\u200fایران\u200d\u200e\u00ad"), "ایران");
}

TEST(NormalizeTest, PersianAndArabicIndicDigitsBecomeAscii) {
  EXPECT_EQ(NormalizeForMatching("۲۹ بهمن ۱۴۰۰"), "29 بهمن 1400");
  EXPECT_EQ(NormalizeForMatching("١٤٤٢ هـ"), "1442 ه");
  EXPECT_EQ(NormalizeForMatching("۲٫۵ درصد"), "2.5 درصد");
  EXPECT_EQ(NormalizeForMatching("۱٬۲۰۰"), "1,200");
}

TEST(NormalizeTest, DropsDiacriticsAndTatweel) {
  EXPECT_EQ(NormalizeForMatching("مُحَمَّد"), "محمد");
  EXPECT_EQ(NormalizeForMatching("اللـــه"), "الله");
  EXPECT_EQ(NormalizeForMatching("كتابٌ"), "کتاب");
  EXPECT_EQ(NormalizeForMatching("رحمٰن"), "رحمن");  // superscript alef
}

TEST(NormalizeTest, FoldsAlefHamzaTaMarbutaAndHamza) {
  EXPECT_EQ(NormalizeForMatching("أحمد إيران آمریکا ٱلله"), "احمد ایران امریکا الله");
  EXPECT_EQ(NormalizeForMatching("مؤتمر"), "موتمر");
  EXPECT_EQ(NormalizeForMatching("الخارجية"), "الخارجیه");
  EXPECT_EQ(NormalizeForMatching("خانهٔ"), "خانه");  // ه + hamza above
  EXPECT_EQ(NormalizeForMatching("خانۀ"), "خانه");
  EXPECT_EQ(NormalizeForMatching("اجراء شیء"), "اجرا شی");
  EXPECT_EQ(NormalizeForMatching("سائل"), "سایل");
}

TEST(NormalizeTest, ExpandsPresentationFormsAndFullWidth) {
  EXPECT_EQ(NormalizeForMatching("\uFEFB"), "لا");           // ﻻ
  EXPECT_EQ(NormalizeForMatching("\uFEF7"), "لا");           // ﻷ, alef with hamza folded
  EXPECT_EQ(NormalizeForMatching("\uFEE3\uFEA4\uFEE4\uFEAA"), "محمد");  // ﻣﺤﻤﺪ
  EXPECT_EQ(NormalizeForMatching("\uFDF2"), "الله");         // ﷲ
  EXPECT_EQ(NormalizeForMatching("\uFE8E\uFE7C"), "ا");      // isolated shadda drops whole
  EXPECT_EQ(NormalizeForMatching("ＩＲＡＮ ２０２１"), "iran 2021");
}

TEST(NormalizeTest, CaseFoldsLatin) {
  EXPECT_EQ(NormalizeForMatching("Tehran TIMES ICT"), "tehran times ict");
  EXPECT_EQ(NormalizeForMatching("ÉLYSÉE Straße"), "élysée straße");
}

TEST(NormalizeTest, CollapsesOddSpacesAndKeepsNewlines) {
  EXPECT_EQ(NormalizeForMatching("وزیر\u00A0امور"), "وزیر امور");
  EXPECT_EQ(NormalizeForMatching("a \u00A0\t\u2009\u202F b"), "a b");
  EXPECT_EQ(NormalizeForMatching("به گزارش  گروه"), "به گزارش گروه");  // seed 000
  EXPECT_EQ(NormalizeForMatching("یک\r\n\r\nدو\rسه\u2029چهار"), "یک\n\nدو\nسه\nچهار");
  // A dropped ZWNJ between spaces does not keep two spaces apart.
  EXPECT_EQ(NormalizeForMatching("الف \u200c ب"), "الف ب");
}

TEST(NormalizeTest, KeepsPunctuation) {
  EXPECT_EQ(NormalizeForMatching("«سلام»، آری؛ چرا؟"), "«سلام»، اری؛ چرا؟");
}

TEST(NormalizeTest, OffsetMapHasOneEntryPerByteAndEndsAtSourceLength) {
  std::string source = "خبرگزاري  فارس:\r\nمُحَمَّد ﻻ";
  NormalizedText n = Normalize(source);
  ASSERT_EQ(n.source_offset.size(), n.text.size() + 1);
  EXPECT_EQ(n.source_offset.back(), source.size());
  for (size_t i = 1; i < n.source_offset.size(); ++i) {
    EXPECT_LE(n.source_offset[i - 1], n.source_offset[i]) << i;
  }
  EXPECT_EQ(n.text, "خبرگزاری فارس:\nمحمد لا");
}

TEST(NormalizeTest, ToSourceSlicesTheOriginalWords) {
  std::string source = "خبرگزاري  فارس: مُحَمَّد كتابٌ\u00A0روسیه\u200cای ۱۴۰۰ ﻻ Iran";
  NormalizedText n = Normalize(source);
  auto original = [&](std::string_view needle) {
    return std::string(Slice(source, n.ToSource(Find(n, needle))));
  };
  EXPECT_EQ(original("خبرگزاری"), "خبرگزاري");
  EXPECT_EQ(original("خبرگزاری فارس"), "خبرگزاري  فارس");
  EXPECT_EQ(original("محمد"), "مُحَمَّد");
  EXPECT_EQ(original("کتاب"), "كتابٌ");  // the dropped tanwin stays inside
  EXPECT_EQ(original("روسیهای"), "روسیه\u200cای");
  EXPECT_EQ(original("1400"), "۱۴۰۰");
  EXPECT_EQ(original("لا"), "ﻻ");
  EXPECT_EQ(original("iran"), "Iran");
}

TEST(NormalizeTest, CrLfMapsToOneNewlineCoveringBoth) {
  std::string source = "سطر\r\nدوم";
  NormalizedText n = Normalize(source);
  EXPECT_EQ(Slice(source, n.ToSource(Find(n, "سطر"))), "سطر");
  EXPECT_EQ(Slice(source, n.ToSource(Find(n, "\n"))), "\r\n");
}

TEST(NormalizeTest, EveryWordOfTheSeedsMapsBackToItsSource) {
  for (const char* seed : kSeeds) {
    std::string source = ReadSeed(seed);
    ASSERT_FALSE(source.empty()) << seed;
    NormalizedText n = Normalize(source);
    ASSERT_EQ(n.source_offset.size(), n.text.size() + 1) << seed;
    EXPECT_EQ(n.text, NormalizeForMatching(source)) << seed;
    uint32_t begin = 0;
    for (uint32_t i = 0; i <= n.text.size(); ++i) {
      if (i < n.text.size() && n.text[i] != ' ' && n.text[i] != '\n') continue;
      if (i > begin) {
        Span word{begin, i};
        std::string_view original = Slice(source, n.ToSource(word));
        ASSERT_EQ(NormalizeForMatching(original), Slice(n.text, word)) << seed << " at " << begin;
      }
      begin = i + 1;
    }
  }
}

TEST(NormalizeTest, IsIdempotentOnSeeds) {
  for (const char* seed : kSeeds) {
    std::string once = NormalizeForMatching(ReadSeed(seed));
    EXPECT_EQ(NormalizeForMatching(once), once) << seed;
  }
}

TEST(NormalizeTest, EmptyInput) {
  NormalizedText n = Normalize("");
  EXPECT_EQ(n.text, "");
  ASSERT_EQ(n.source_offset.size(), 1u);
  EXPECT_EQ(n.source_offset[0], 0u);
  EXPECT_EQ(n.ToSource({0, 0}), (Span{0, 0}));
}

}  // namespace
}  // namespace rayzan
