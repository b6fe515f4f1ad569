#include "rayzan/charset.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace rayzan {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(RAYZAN_DATA_DIR) + "/../tests/fixtures/html/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "سوريا" in windows-1256.
const char kSyriaCp1256[] = "\xD3\xE6\xD1\xED\xC7";
const char kSyriaUtf8[] = "سوريا";

TEST(CharsetTest, ConvertsDeclaredWindows1256) {
  Result<DecodedText> r = DecodeToUtf8(kSyriaCp1256, "windows-1256");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().utf8, kSyriaUtf8);
  EXPECT_EQ(r.value().charset, "windows-1256");
  EXPECT_EQ(r.value().source, "declared");
  EXPECT_EQ(r.value().note, "");
}

TEST(CharsetTest, ConvertsIso88596) {
  // "سلام" in ISO-8859-6 (Arabic letters at 0xC1..0xEA).
  Result<DecodedText> r = DecodeToUtf8("\xD3\xE4\xC7\xE5", "ISO-8859-6");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().utf8, "سلام");
  EXPECT_EQ(r.value().charset, "iso-8859-6");
}

TEST(CharsetTest, ValidUtf8BeatsWrongDeclaration) {
  Result<DecodedText> r = DecodeToUtf8("<p>خبرگزاری آریا</p>", "windows-1256");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().utf8, "<p>خبرگزاری آریا</p>");
  EXPECT_EQ(r.value().charset, "utf-8");
  EXPECT_EQ(r.value().note, "declared windows-1256 but bytes are valid UTF-8");
}

TEST(CharsetTest, StripsUtf8Bom) {
  Result<DecodedText> r = DecodeToUtf8("\xEF\xBB\xBFسلام", "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().utf8, "سلام");
  EXPECT_EQ(r.value().source, "bom");
}

TEST(CharsetTest, RepairsAFewBrokenUtf8Bytes) {
  std::string text = std::string(kSyriaUtf8) + " " + kSyriaUtf8 + " " + kSyriaUtf8 + " " + kSyriaUtf8 + "\xFF";
  Result<DecodedText> r = DecodeToUtf8(text, "utf-8");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().charset, "utf-8");
  EXPECT_EQ(r.value().note, "1 invalid UTF-8 sequence(s) replaced");
  EXPECT_EQ(r.value().utf8.substr(r.value().utf8.size() - 3), "\xEF\xBF\xBD");
}

TEST(CharsetTest, SniffsMetaCharset) {
  EXPECT_EQ(SniffMetaCharset("<html><head><meta charset=\"windows-1256\">"), "windows-1256");
  EXPECT_EQ(SniffMetaCharset("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-6\">"),
            "iso-8859-6");
  EXPECT_EQ(SniffMetaCharset("<html><body>charset=utf-8</body>"), "");
}

TEST(CharsetTest, CanonicalisesLabels) {
  EXPECT_EQ(CanonicalCharset(" UTF8 "), "utf-8");
  EXPECT_EQ(CanonicalCharset("cp1256"), "windows-1256");
  EXPECT_EQ(CanonicalCharset("latin1"), "windows-1252");
  EXPECT_EQ(CanonicalCharset("ASMO-708"), "iso-8859-6");
}

TEST(CharsetTest, DecodesCnnArabicPageFromItsMeta) {
  std::string bytes = Fixture("cnn_arabic_syria.windows-1256.html");
  ASSERT_FALSE(bytes.empty());
  Result<DecodedText> r = DecodeToUtf8(bytes, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().charset, "windows-1256");
  EXPECT_EQ(r.value().source, "meta");
  EXPECT_NE(r.value().utf8.find("معارضون يسيطرون على مخازن للصواريخ بريف دمشق"), std::string::npos);
}

TEST(CharsetTest, DetectsArabicDeclaredAsLatin1) {
  std::string bytes = Fixture("cnn_arabic_syria.misdeclared.html");
  Result<DecodedText> r = DecodeToUtf8(bytes, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().charset, "windows-1256");
  EXPECT_EQ(r.value().source, "detected");
  EXPECT_EQ(r.value().note, "declared windows-1252 but bytes are windows-1256");
  EXPECT_NE(r.value().utf8.find("معارضون يسيطرون"), std::string::npos);
}

TEST(CharsetTest, KeepsGenuineLatin1) {
  // "café à Genève" in ISO-8859-1: single accents inside words stay Latin.
  std::string french = "<p>Le caf\xE9 \xE0 Gen\xE8ve, la cr\xE8me br\xFBl\xE9" "e et le th\xE9 \xE9t\xE9 d\xE9j\xE0 servis"
                       " \xE0 l'h\xF4tel pr\xE8s du lac, d\xE9j\xE0 \xE9voqu\xE9 \xE0 No\xEBl.</p>";
  Result<DecodedText> r = DecodeToUtf8(french, "iso-8859-1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().charset, "windows-1252");
  EXPECT_NE(r.value().utf8.find("café à Genève"), std::string::npos);
}

TEST(CharsetTest, UndeclaredNonUtf8IsDetected) {
  std::string bytes = Fixture("cnn_arabic_syria.windows-1256.html");
  // Remove the declaration: the detector must still find Arabic.
  size_t pos = bytes.find("charset=windows-1256");
  ASSERT_NE(pos, std::string::npos);
  bytes.replace(pos, 20, "x=y");
  Result<DecodedText> r = DecodeToUtf8(bytes, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().source, "detected");
  EXPECT_NE(r.value().utf8.find("معارضون يسيطرون"), std::string::npos) << r.value().charset;
}

}  // namespace
}  // namespace rayzan
