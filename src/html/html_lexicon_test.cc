// The loader of data/html/ (html_lexicon.h): the shipped files, a good file,
// missing files and malformed lines, and ExtractPage without its word lists.
#include "html/html_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "html/class_words.h"
#include "rayzan/html.h"

namespace rayzan::internal {
namespace {

namespace fs = std::filesystem;

const std::string kClassWords =
    "# comment\n"
    "kind\twords\n"
    "positive\tarticle|story\n"
    "\n"
    "negative\tcomment | share\n"
    "negative-token\tad|nav\n"
    "published-time\tpublish\n"
    "updated-time\tupdat\n"
    "lead\tintro|perex\n"
    "lead-token\tlead\n";
const std::string kCallToAction = "lang\tphrases\nen\tsubscribe|follow us\nes\túnete\n";
const std::string kStockLines = "lang\tlines\nen\tadvertisement|read more\nar\tإعلان\n";
const std::string kBylines =
    "kind\tlang\twords\n"
    "label\ten\tby|view all posts by\n"
    "label\tar\tبقلم\n"
    "placeholder\ten\tno author\n";
const std::string kMonths =
    "calendar\tmonth\tnames\n"
    "gregorian\t1\tjanuary|jan|كانون الثاني\n"
    "jalali\t1\tفروردین|حمل\n"
    "gregorian\t4\tأبريل|ابريل\n";  // the same name twice in one month is fine

// A fresh directory holding the three files (an empty string leaves a file out).
std::string WriteLexicon(const std::string& name, const std::string& class_words, const std::string& stock_lines,
                         const std::string& months) {
  fs::path dir = fs::path(testing::TempDir()) / ("html_lexicon_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const char* file, const std::string& text) {
    if (text.empty()) return;
    std::ofstream(dir / file, std::ios::binary) << text;
  };
  write("class_words.tsv", class_words);
  write("stock_lines.tsv", stock_lines);
  write("months.tsv", months);
  write("bylines.tsv", kBylines);
  write("call_to_action.tsv", kCallToAction);
  return dir.string();
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The error of loading the good files with one of them replaced.
std::string ErrorWith(const std::string& name, const std::string& class_words, const std::string& stock_lines,
                      const std::string& months) {
  Result<HtmlLexicon> r = LoadHtmlLexicon(WriteLexicon(name, class_words, stock_lines, months));
  EXPECT_FALSE(r.ok()) << name;
  return r.status().message();
}

TEST(HtmlLexicon, ShippedFilesLoad) {
  const Result<HtmlLexicon>& r = LoadedHtmlLexicon();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const HtmlLexicon& l = r.value();
  EXPECT_TRUE(Contains(l.positive_class_words, "matn"));
  EXPECT_TRUE(Contains(l.negative_class_words, "comment"));
  EXPECT_TRUE(Contains(l.negative_class_tokens, "ad"));
  EXPECT_TRUE(Contains(l.published_time_class_words, "publish"));
  EXPECT_TRUE(Contains(l.updated_time_class_words, "modif"));
  EXPECT_TRUE(Contains(l.stock_lines, "اقرأ أيضاً"));
  EXPECT_TRUE(Contains(l.stock_lines, "advertisement"));
  EXPECT_TRUE(Contains(l.call_to_action_phrases, "sign up"));
  EXPECT_TRUE(Contains(l.lead_class_words, "perex"));
  EXPECT_TRUE(Contains(l.lead_class_tokens, "lead"));
  bool found = false;
  for (const HtmlLexicon::MonthName& m : l.month_names) found = found || (m.name == "تشرين الأول" && m.month == 10 && !m.jalali);
  EXPECT_TRUE(found);
  EXPECT_EQ(&HtmlWords(), &r.value());
  // The loaded words drive the matchers.
  EXPECT_TRUE(JudgeClass("ad-slot").negative);
  EXPECT_TRUE(JudgeClass("article-header__lead").lead);
  EXPECT_FALSE(JudgeClass("leaderboard").lead);
  EXPECT_EQ(ClassTokenWords("field-perex"), unsigned{kLeadClassWord});
  EXPECT_EQ(JudgeTimeClass("Posted-On"), TimeClass::kPublished);
  EXPECT_EQ(ParseDate("۲ تیر ۱۳۹۹"), "2020-06-22");
}

TEST(HtmlLexicon, GoodFiles) {
  Result<HtmlLexicon> r = LoadHtmlLexicon(WriteLexicon("good", kClassWords, kStockLines, kMonths));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const HtmlLexicon& l = r.value();
  EXPECT_EQ(l.positive_class_words, (std::vector<std::string>{"article", "story"}));
  EXPECT_EQ(l.negative_class_words, (std::vector<std::string>{"comment", "share"}));
  EXPECT_EQ(l.negative_class_tokens, (std::vector<std::string>{"ad", "nav"}));
  EXPECT_EQ(l.published_time_class_words, (std::vector<std::string>{"publish"}));
  EXPECT_EQ(l.updated_time_class_words, (std::vector<std::string>{"updat"}));
  EXPECT_EQ(l.stock_lines, (std::vector<std::string>{"advertisement", "read more", "إعلان"}));
  EXPECT_EQ(l.lead_class_words, (std::vector<std::string>{"intro", "perex"}));
  EXPECT_EQ(l.lead_class_tokens, (std::vector<std::string>{"lead"}));
  EXPECT_EQ(l.call_to_action_phrases, (std::vector<std::string>{"subscribe", "follow us", "únete"}));
  ASSERT_EQ(l.month_names.size(), 7u);
  EXPECT_EQ(l.month_names[2].name, "كانون الثاني");
  EXPECT_EQ(l.month_names[2].month, 1);
  EXPECT_FALSE(l.month_names[2].jalali);
  EXPECT_EQ(l.month_names[4].name, "حمل");
  EXPECT_TRUE(l.month_names[4].jalali);
  // Longest label first, so "view all posts by" is cut before "by" could be.
  EXPECT_EQ(l.byline_labels, (std::vector<std::string>{"view all posts by", "بقلم", "by"}));
  EXPECT_EQ(l.byline_placeholders, (std::vector<std::string>{"no author"}));
}

TEST(HtmlLexicon, BylineKindsAreChecked) {
  std::string dir = WriteLexicon("bylines", kClassWords, kStockLines, kMonths);
  std::ofstream(dir + "/bylines.tsv") << kBylines << "signature\ten\tyours\n";
  Result<HtmlLexicon> r = LoadHtmlLexicon(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/bylines.tsv:5: unknown kind 'signature'"), std::string::npos)
      << r.status().message();
}

TEST(HtmlLexicon, CallToActionPhrasesAreChecked) {
  std::string dir = WriteLexicon("cta", kClassWords, kStockLines, kMonths);
  std::ofstream(dir + "/call_to_action.tsv") << "lang\tphrases\nes\tÚnete\n";
  Result<HtmlLexicon> r = LoadHtmlLexicon(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/call_to_action.tsv:2: phrase 'Únete' must be lower-case"), std::string::npos)
      << r.status().message();
  std::ofstream(dir + "/call_to_action.tsv") << "lang\tphrases\nen\tsubscribe\nen\tfollow|x\n";
  r = LoadHtmlLexicon(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/call_to_action.tsv:3: phrase 'x' is shorter than 3 bytes"), std::string::npos)
      << r.status().message();
  fs::remove(dir + "/call_to_action.tsv");
  r = LoadHtmlLexicon(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), dir + "/call_to_action.tsv: cannot open");
}

TEST(HtmlLexicon, MissingFileNamesIt) {
  std::string dir = WriteLexicon("missing", kClassWords, kStockLines, "");
  Result<HtmlLexicon> r = LoadHtmlLexicon(dir);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), dir + "/months.tsv: cannot open");
  r = LoadHtmlLexicon(dir + "/nowhere");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), dir + "/nowhere/class_words.tsv: cannot open");
}

TEST(HtmlLexicon, MalformedLinesNameFileAndLine) {
  std::string m = ErrorWith("kind", kClassWords + "sidebar\tfoo\n", kStockLines, kMonths);
  EXPECT_NE(m.find("/class_words.tsv:11: unknown kind 'sidebar'"), std::string::npos) << m;
  m = ErrorWith("short", "kind\twords\nnegative-token\tad|x\n", kStockLines, kMonths);
  EXPECT_NE(m.find("/class_words.tsv:2: class word 'x' is shorter than 2 bytes"), std::string::npos) << m;
  m = ErrorWith("upper", "kind\twords\npositive\tArticle\n", kStockLines, kMonths);
  EXPECT_NE(m.find("/class_words.tsv:2: class word 'Article' must be lower-case"), std::string::npos) << m;
  m = ErrorWith("space", "kind\twords\npositive\tnews detail\n", kStockLines, kMonths);
  EXPECT_NE(m.find("/class_words.tsv:2: class word 'news detail' has a space"), std::string::npos) << m;
  m = ErrorWith("header", "kind\tword\npositive\tarticle\n", kStockLines, kMonths);
  EXPECT_NE(m.find("/class_words.tsv:1: header lacks column 'words'"), std::string::npos) << m;
  m = ErrorWith("nowords", "kind\twords\npositive\t\n", kStockLines, kMonths);
  EXPECT_NE(m.find("/class_words.tsv:2: no words"), std::string::npos) << m;

  m = ErrorWith("long", kClassWords, "lang\tlines\nen\tthis stock line is far too long to ever match a block\n", kMonths);
  EXPECT_NE(m.find("/stock_lines.tsv:2: stock line 'this stock line is far too long to ever match a block' is longer "
                   "than 40 bytes"),
            std::string::npos)
      << m;
  m = ErrorWith("colon", kClassWords, "lang\tlines\nen\tshare:\n", kMonths);
  EXPECT_NE(m.find("/stock_lines.tsv:2: stock line 'share:' must not end in ':' or '.'"), std::string::npos) << m;
  m = ErrorWith("stockupper", kClassWords, "lang\tlines\n\nen\tRead More\n", kMonths);
  EXPECT_NE(m.find("/stock_lines.tsv:3: stock line 'Read More' must be lower-case"), std::string::npos) << m;

  m = ErrorWith("month13", kClassWords, kStockLines, kMonths + "gregorian\t13\tsmarch\n");
  EXPECT_NE(m.find("/months.tsv:5: month must be 1-12, not '13'"), std::string::npos) << m;
  m = ErrorWith("calendar", kClassWords, kStockLines, "calendar\tmonth\tnames\nhijri\t9\tرمضان\n");
  EXPECT_NE(m.find("/months.tsv:2: calendar must be gregorian or jalali, not 'hijri'"), std::string::npos) << m;
  m = ErrorWith("dot", kClassWords, kStockLines, "calendar\tmonth\tnames\ngregorian\t9\tsept.\n");
  EXPECT_NE(m.find("/months.tsv:2: month name 'sept.' has a character that is not a letter (U+002E)"),
            std::string::npos)
      << m;
  m = ErrorWith("three", kClassWords, kStockLines, "calendar\tmonth\tnames\ngregorian\t1\tfirst of year\n");
  EXPECT_NE(m.find("/months.tsv:2: month name 'first of year' must be one word or two split by one space"),
            std::string::npos)
      << m;
  // The same name (after folding ي/ی) in two months.
  m = ErrorWith("conflict", kClassWords, kStockLines, kMonths + "gregorian\t2\tفروردين\n");
  EXPECT_NE(m.find("/months.tsv:5: month name 'فروردين' is already jalali month 1 (line 3)"), std::string::npos) << m;
}

// ExtractPage and ParseDate without readable word lists. A death test runs in
// a fresh process (threadsafe style re-executes this test alone), so the
// lexicon is loaded there for the first time, from $RAYZAN_DATA.
TEST(HtmlLexiconDeathTest, ExtractPageFailsWithTheLoaderError) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::string data = (fs::path(testing::TempDir()) / "html_lexicon_data").string();
  fs::remove_all(data);
  std::string dir = data + "/html";
  fs::create_directories(dir);
  std::ofstream(dir + "/class_words.tsv") << kClassWords;
  std::ofstream(dir + "/stock_lines.tsv") << kStockLines;
  std::ofstream(dir + "/bylines.tsv") << kBylines;
  std::ofstream(dir + "/call_to_action.tsv") << kCallToAction;
  std::ofstream(dir + "/months.tsv") << kMonths << "gregorian\tfour\tapril\n";
  EXPECT_EXIT(
      {
        setenv("RAYZAN_DATA", data.c_str(), 1);
        Result<ExtractedPage> page = ExtractPage("<p>Hello</p>", "https://example.com/");
        Result<ExtractedPage> bytes = ExtractPageFromBytes("<p>Hello</p>", "https://example.com/", "");
        std::string want = dir + "/months.tsv:5: month must be 1-12, not 'four'";
        bool ok = !page.ok() && page.status().message() == want && !bytes.ok() &&
                  bytes.status().message() == want && ParseDate("2020-03-17").empty();
        if (!ok) fprintf(stderr, "got: %s\n", page.ok() ? "ok" : page.status().message().c_str());
        std::exit(ok ? 0 : 1);
      },
      testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace rayzan::internal
