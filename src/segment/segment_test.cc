#include "rayzan/segment.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rayzan/normalize.h"

namespace rayzan {
namespace {

std::string ReadSeed(const std::string& name) {
  std::ifstream in(std::string(RAYZAN_SHARED_DIR) + "/seeds/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Span Whole(std::string_view text) { return {0, static_cast<uint32_t>(text.size())}; }

std::vector<std::string> SentenceTexts(Segmenter& segmenter, std::string_view text) {
  std::vector<std::string> out;
  for (Span s : segmenter.Sentences(text, Whole(text))) out.emplace_back(Slice(text, s));
  return out;
}

// Tokens as "text/kind" with kind w, n or p, for compact expectations.
std::vector<std::string> TokenTexts(Segmenter& segmenter, std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : segmenter.Tokens(text, Whole(text))) {
    const char* kind = t.kind == TokenKind::kWord ? "/w" : t.kind == TokenKind::kNumber ? "/n" : "/p";
    out.push_back(std::string(Slice(text, t.span)) + kind);
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(SegmentTest, SplitsArabicQuotationFromSeed002) {
  std::string text = NormalizeForMatching(
      "قال بلينكين في مؤتمر صحفي، “أجرينا أنا ووزير الخارجية لافروف محادثة صريحة حول مختلف "
      "القضايا. واتفقنا على إبلاغ النتائج إلى رؤسائنا.”");
  Segmenter segmenter;
  EXPECT_EQ(SentenceTexts(segmenter, text),
            (Strings{"قال بلینکین فی موتمر صحفی، “اجرینا انا ووزیر الخارجیه لافروف محادثه صریحه حول "
                     "مختلف القضایا.",
                     "واتفقنا علی ابلاغ النتایج الی روساینا.”"}));
}

TEST(SegmentTest, PersianSentenceFromSeed000EndsAtTheFullStop) {
  std::string text = NormalizeForMatching(
      "او همچنین مدعی شد: آنچه که ایران در برنامه هستهای خود انجام میدهد، با پایبندی هایش در "
      "توافق هستهای همخونی ندارد. وی افزود: ایران؟ بله!");
  Segmenter segmenter;
  EXPECT_EQ(SentenceTexts(segmenter, text),
            (Strings{"او همچنین مدعی شد: انچه که ایران در برنامه هستهای خود انجام میدهد، با پایبندی "
                     "هایش در توافق هستهای همخونی ندارد.",
                     "وی افزود: ایران؟", "بله!"}));
}

TEST(SegmentTest, SentencesNeverCrossLineBreaksAndAreTrimmed) {
  // Seed 002 opens with a section name and a headline on their own lines.
  std::string text = "  عالمیه\n\nبلینکن: جو بایدن وبوتین سیجریان اتصالات مباشره  \nقبل 19 دقیقه";
  Segmenter segmenter;
  EXPECT_EQ(SentenceTexts(segmenter, text),
            (Strings{"عالمیه", "بلینکن: جو بایدن وبوتین سیجریان اتصالات مباشره", "قبل 19 دقیقه"}));
}

TEST(SegmentTest, SplitsAFullStopWithNoSpaceAfterIt) {
  // Scraped Persian often loses the space after '.'.
  Segmenter segmenter;
  EXPECT_EQ(SentenceTexts(segmenter, "همخونی ندارد.وی گفت"), (Strings{"همخونی ندارد.", "وی گفت"}));
}

TEST(SegmentTest, KeepsDecimalsAndAbbreviationsInsideSentences) {
  Segmenter segmenter;
  EXPECT_EQ(SentenceTexts(segmenter, "نرخ تورم 2.5 درصد شد. ج.ا.ا. همچنان"),
            (Strings{"نرخ تورم 2.5 درصد شد.", "ج.ا.ا. همچنان"}));
  // Normalized English is lower case, which ICU alone would never split.
  EXPECT_EQ(SentenceTexts(segmenter, "u.s. officials met mr. zarif in tehran. the talks ended at 10 p.m. on monday."),
            (Strings{"u.s. officials met mr. zarif in tehran.", "the talks ended at 10 p.m. on monday."}));
}

TEST(SegmentTest, ArabicQuestionMarkAndFullStopEndSentences) {
  Segmenter segmenter;
  EXPECT_EQ(SentenceTexts(segmenter, "این کجاست؟ آنجا۔ بعدی"), (Strings{"این کجاست؟", "آنجا۔", "بعدی"}));
}

TEST(SegmentTest, SentencesStayInsideTheRegion) {
  std::string text = "اول. دوم. سوم.";
  Segmenter segmenter;
  uint32_t second = static_cast<uint32_t>(text.find("دوم"));
  std::vector<Span> spans = segmenter.Sentences(text, {second, static_cast<uint32_t>(text.size())});
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(Slice(text, spans[0]), "دوم.");
  EXPECT_EQ(Slice(text, spans[1]), "سوم.");
}

TEST(SegmentTest, TokensSeparateQuotesColonsAndArabicCommas) {
  Segmenter segmenter;
  EXPECT_EQ(TokenTexts(segmenter, "لاوروف گفت: «انفجارهای بروکسل»، ستوکهولم، “اجرینا”؛"),
            (Strings{"لاوروف/w", "گفت/w", ":/p", "«/p", "انفجارهای/w", "بروکسل/w", "»/p", "،/p",
                     "ستوکهولم/w", "،/p", "“/p", "اجرینا/w", "”/p", "؛/p"}));
}

TEST(SegmentTest, ColonWithoutSpaceStillSplits) {
  // ICU treats ':' as MidLetter and would join "گفت:انفجارها".
  Segmenter segmenter;
  EXPECT_EQ(TokenTexts(segmenter, "گفت:انفجارها"), (Strings{"گفت/w", ":/p", "انفجارها/w"}));
  EXPECT_EQ(TokenTexts(segmenter, "ندارد.وی"), (Strings{"ندارد/w", "./p", "وی/w"}));
}

TEST(SegmentTest, NumbersKeepTheirSeparators) {
  Segmenter segmenter;
  EXPECT_EQ(TokenTexts(segmenter, "29 بهمن 1400، 2.5 درصد و 1,200 نفر"),
            (Strings{"29/n", "بهمن/w", "1400/n", "،/p", "2.5/n", "درصد/w", "و/w", "1,200/n", "نفر/w"}));
}

TEST(SegmentTest, JoinedPersianWordsAndAbbreviationsAreOneToken) {
  Segmenter segmenter;
  // ZWNJ is gone after normalization: روسیه‌ای is one word.
  EXPECT_EQ(TokenTexts(segmenter, NormalizeForMatching("روسیه‌ای ج.ا.ا farsnews.ir")),
            (Strings{"روسیهای/w", "ج.ا.ا/w", "farsnews.ir/w"}));
}

TEST(SegmentTest, TokenSpansPointIntoTheGivenText) {
  std::string text = "xx «سلام» yy";
  Segmenter segmenter;
  std::vector<Token> tokens = segmenter.Tokens(text, {3, static_cast<uint32_t>(text.size() - 3)});
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(Slice(text, tokens[1].span), "سلام");
  EXPECT_EQ(tokens[0].span.begin, 3u);
}

TEST(SegmentTest, SeedsSegmentIntoTrimmedSentencesWithoutNewlines) {
  Segmenter segmenter;
  for (const char* seed : {"000_577ad472b90e8ddb.txt", "002_f9df47be515c0267.txt", "004_6967ce8f0ae44b22.txt"}) {
    std::string text = NormalizeForMatching(ReadSeed(seed));
    ASSERT_FALSE(text.empty()) << seed;
    std::vector<Span> sentences = segmenter.Sentences(text, Whole(text));
    ASSERT_GT(sentences.size(), 5u) << seed;
    uint32_t previous_end = 0;
    for (Span s : sentences) {
      std::string_view sentence = Slice(text, s);
      EXPECT_FALSE(sentence.empty()) << seed;
      EXPECT_EQ(sentence.find('\n'), std::string_view::npos) << seed;
      EXPECT_NE(sentence.front(), ' ') << seed;
      EXPECT_NE(sentence.back(), ' ') << seed;
      EXPECT_GE(s.begin, previous_end) << seed;
      previous_end = s.end;
      for (const Token& t : segmenter.Tokens(text, s)) {
        EXPECT_TRUE(s.begin <= t.span.begin && t.span.end <= s.end) << seed;
        EXPECT_EQ(Slice(text, t.span).find(' '), std::string_view::npos) << seed;
      }
    }
  }
}

TEST(SegmentTest, FindsTheSeed000SentenceWithHamkhuni) {
  std::string text = NormalizeForMatching(ReadSeed("000_577ad472b90e8ddb.txt"));
  Segmenter segmenter;
  bool found = false;
  for (Span s : segmenter.Sentences(text, Whole(text))) {
    std::string_view sentence = Slice(text, s);
    if (sentence.find("همخونی ندارد") == std::string_view::npos) continue;
    found = true;
    EXPECT_EQ(sentence.substr(0, sentence.find(':')), "او همچنین مدعی شد");
    EXPECT_TRUE(sentence.ends_with("همخونی ندارد."));
  }
  EXPECT_TRUE(found);
}

TEST(SegmentTest, EmptyRegion) {
  Segmenter segmenter;
  EXPECT_TRUE(segmenter.Sentences("", {0, 0}).empty());
  EXPECT_TRUE(segmenter.Tokens("", {0, 0}).empty());
  EXPECT_TRUE(segmenter.Sentences(" \n  \n", {0, 5}).empty());
}

}  // namespace
}  // namespace rayzan
