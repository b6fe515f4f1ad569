#include "rayzan/text.h"

#include <gtest/gtest.h>

namespace rayzan {
namespace {

TEST(TextTest, FindsFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("لاوروف"), -1);
  EXPECT_EQ(FindInvalidUtf8(std::string("ab\xC3(", 4)), 2);
  EXPECT_EQ(FindInvalidUtf8(std::string("\xED\xA0\x80", 3)), 0);  // surrogate
  EXPECT_EQ(FindInvalidUtf8(std::string("\xC0\xAF", 2)), 0);       // overlong '/'
  EXPECT_EQ(FindInvalidUtf8(std::string("x\xE2\x82", 3)), 1);      // truncated
}

TEST(TextTest, CountsCodePointsNotBytes) {
  std::string text = "سلام world";
  EXPECT_EQ(CodePointOffset(text, 8), 4u);  // four Arabic-script letters, two bytes each
  EXPECT_EQ(CodePointOffset(text, text.size()), 10u);
}

TEST(TextTest, DecodesAndEncodesRoundTrip) {
  std::string text = "آ€𝄞a";
  std::string copy;
  uint32_t offset = 0;
  while (offset < text.size()) AppendUtf8(DecodeUtf8(text, &offset), &copy);
  EXPECT_EQ(copy, text);
}

TEST(TextTest, LanguageCodesRoundTrip) {
  EXPECT_EQ(LanguageFromCode("fa-AF"), Language::kPersian);
  EXPECT_EQ(LanguageFromCode("ar"), Language::kArabic);
  EXPECT_EQ(LanguageCode(Language::kEnglish), "en");
  EXPECT_EQ(LanguageFromCode("ru"), Language::kOther);
}

}  // namespace
}  // namespace rayzan
