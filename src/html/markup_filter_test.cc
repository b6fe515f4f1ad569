#include "html/markup_filter.h"

#include <gtest/gtest.h>

#include "html/class_words.h"
#include "rayzan/html.h"

namespace rayzan::internal {
namespace {

std::string Filter(std::string_view html) { return FilterMarkup(html, 2000).html; }

TEST(MarkupFilterTest, DropsScriptsStylesAndFormControlsWithTheirContent) {
  EXPECT_EQ(Filter("<p>a<script>if (x < y) {}</script>b<style>p{}</style>c<button>Share</button>d</p>"),
                   "<p>abcd</p>");
  EXPECT_EQ(Filter("<p>x <label>Search <input type=text></label> y</p>"), "<p>x  y</p>");
}

TEST(MarkupFilterTest, KeepsJsonLdScripts) {
  std::string json = R"({"@type":"NewsArticle","datePublished":"2021-12-02"})";
  EXPECT_EQ(Filter("<script type=\"application/ld+json\">" + json + "</script>"),
            "<script type=\"application/ld+json\">" + json + "</script>");
}

TEST(MarkupFilterTest, ScriptSlashDoesNotCloseIt) {
  // As in the browser, <script src=x/> runs to the next </script>; the page
  // after it must survive.
  EXPECT_EQ(Filter("<script src=\"a.js\"/>\n<script>var s = 1;</script><p>Body</p>"), "<p>Body</p>");
}

TEST(MarkupFilterTest, NavAndAsideStayEmptyBecauseTheyEndParagraphs) {
  EXPECT_EQ(Filter("<p>one<nav><a>Home</a></nav>two"), "<p>one<nav></nav>two");
}

TEST(MarkupFilterTest, KeepsOnlyMetaNamesMetadataReads) {
  std::string out = Filter(
      "<meta name=\"viewport\" content=\"width=device-width\">"
      "<meta property=\"og:title\" content=\"T\">"
      "<meta property=\"twitter:image\" content=\"x.jpg\">"
      "<meta itemprop=\"datePublished\" content=\"2020-03-17\">"
      "<meta property=\"og:article&#x3A;published_time\" content=\"2026-01-14\">");
  EXPECT_EQ(out,
            "<meta property=\"og:title\" content=\"T\">"
            "<meta itemprop=\"datePublished\" content=\"2020-03-17\">"
            "<meta property=\"og:article&#x3A;published_time\" content=\"2026-01-14\">");
}

TEST(MarkupFilterTest, KeepsOnlyCanonicalLinks) {
  EXPECT_EQ(Filter("<link rel=\"stylesheet\" href=\"a.css\"><link rel=\"canonical\" href=\"https://x/a\">"),
            "<link rel=\"canonical\" href=\"https://x/a\">");
}

TEST(MarkupFilterTest, DroppedLinkInTextKeepsTheSpaceBeforeIt) {
  EXPECT_EQ(Filter("<li>2016.</cite> <link rel=\"x\" href=\"y\">The estimate</li>"),
            "<li>2016. The estimate</li>");
}

TEST(MarkupFilterTest, WhitespaceNextToBlocksGoesInlineWhitespaceStays) {
  EXPECT_EQ(Filter("<div>\n  <p>a</p>\n  <p><a>b</a> <a>c</a></p>\n</div>"), "<div><p>a</p><p><a>b</a> <a>c</a></p></div>");
}

TEST(MarkupFilterTest, ClassListsKeepOneTokenPerKindOfWord) {
  EXPECT_EQ(Filter("<li class=\"menu-item menu-item-type-taxonomy col-md-6 story\">x</li>"),
            "<li class=\"menu-item story\">x</li>");
  EXPECT_EQ(Filter("<div class=\"col-md-6 mt-4\" id=\"x12\">x</div>"), "<div>x</div>");
}

TEST(MarkupFilterTest, SpansWithoutAttributesGoWithTheirEndTags) {
  EXPECT_EQ(Filter("<p><span class=\"share\">s<span>t</span></span>u</p>"),
            "<p><span class=\"share\">st</span>u</p>");
}

TEST(MarkupFilterTest, CutsAtMaxDepth) {
  std::string deep;
  for (int i = 0; i < 50; ++i) deep += "<div>";
  FilteredMarkup f = FilterMarkup(deep, 10);
  EXPECT_NE(f.cut_at, std::string_view::npos);
  EXPECT_EQ(f.cut_at, 10 * 5u);
}

TEST(ClassWordsTest, ShortWordsCountOnlyAsWholeParts) {
  EXPECT_TRUE(JudgeClass("ad-slot").negative);
  EXPECT_TRUE(JudgeClass("main nav").negative);
  EXPECT_FALSE(JudgeClass("headline reader canvas").negative);
  EXPECT_TRUE(JudgeClass("article-body").positive);
  EXPECT_EQ(ClassTokenWords("ad-slot"), unsigned{kNegativeClassWord});
  EXPECT_EQ(ClassTokenWords("loading"), 0u);
  EXPECT_EQ(ClassTokenWords("Story-Comments"), unsigned{kPositiveClassWord | kNegativeClassWord});
}

TEST(ClassWordsTest, TimeClassesPreferPublished) {
  EXPECT_EQ(JudgeTimeClass("entry-date published updated"), TimeClass::kPublished);
  EXPECT_EQ(JudgeTimeClass("Updated"), TimeClass::kUpdated);
  EXPECT_EQ(JudgeTimeClass("clock"), TimeClass::kNone);
}

// The filter must not change what the extractor reads: the same article with
// and without the markup it drops gives the same text and metadata.
TEST(MarkupFilterTest, ExtractionIsTheSameWithOrWithoutDroppedMarkup) {
  std::string lean =
      "<html lang=\"fa\"><head><title>T</title><meta property=\"article:published_time\" "
      "content=\"2021-12-02T10:00:00+03:30\"></head><body><div class=\"story\"><p>بند یکم خبر که به اندازه کافی "
      "بلند است تا متن اصلی شمرده شود و جمله های بیشتری دارد.</p><p>بند دوم خبر با <a>پیوند</a> و متن بیشتر "
      "که آن هم بلند است.</p></div></body></html>";
  std::string heavy =
      "<html lang=\"fa\"><head>\n  <title>T</title>\n  <meta name=\"viewport\" content=\"width=1\">\n  <meta "
      "property=\"article:published_time\" content=\"2021-12-02T10:00:00+03:30\">\n  <link rel=\"stylesheet\" "
      "href=\"s.css\"><script>var a = '<p>not text</p>';</script>\n</head><body>\n<div class=\"col-md-8 mt-4 "
      "story flex\" data-x=\"1\">\n  <p><span>بند یکم خبر که به اندازه کافی</span> بلند است تا متن اصلی شمرده "
      "شود و جمله های بیشتری دارد.</p>\n  <p>بند دوم خبر با <a href=\"/x\">پیوند</a> و متن بیشتر <svg><path "
      "d=\"M0\"/></svg>که آن هم بلند است.</p>\n</div>\n</body></html>";
  Result<ExtractedPage> a = ExtractPage(lean, "");
  Result<ExtractedPage> b = ExtractPage(heavy, "");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value().text, b.value().text);
  EXPECT_EQ(b.value().published.value, "2021-12-02");
  EXPECT_EQ(a.value().title.value, b.value().title.value);
}

}  // namespace
}  // namespace rayzan::internal

namespace rayzan::internal {
namespace {

TEST(TextRunsTest, LongRunsAreSetAsideAndComeBackAfterParsing) {
  std::string page = "<p>This paragraph is long enough to be set aside.</p><p>&amp; stays</p>";
  FilteredMarkup f = FilterMarkup(page, 2000);
  EXPECT_EQ(f.text_runs.size(), 1u);
  EXPECT_EQ(f.html.find("This paragraph"), std::string::npos);
  std::string expanded;
  f.text_runs.Expand(f.html, &expanded);
  EXPECT_EQ(expanded, page);
}

TEST(TextRunsTest, PlaceholderLookalikesInThePageBecomeReplacementCharacters) {
  std::string open = "\xF4\x8F\xBF\xBD";
  FilteredMarkup f = FilterMarkup("<p>a&amp;" + open + "0</p>", 2000);
  EXPECT_EQ(f.html, "<p>a&amp;\xEF\xBF\xBD" "0</p>");
}

TEST(TextRunsTest, DoctypeAndBogusCommentsAreNeverSetAside) {
  std::string doctype = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\">";
  EXPECT_EQ(Filter(doctype + "<p>x</p>"), doctype + "<p>x</p>");
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
  EXPECT_EQ(Filter(xml + "<div>y</div>"), xml + "<div>y</div>");
}

TEST(TextRunsTest, ExtractedTextIsTheOriginal) {
  std::string body;
  for (int i = 0; i < 8; ++i)
    body += "<p>وزیر امور خارجه روسیه با همتای آمریکایی خود در ژنو دیدار و گفتگو کرد و دو طرف درباره اوکراین "
            "سخن گفتند " + std::to_string(i) + ".</p>";
  Result<ExtractedPage> page = ExtractPage("<html><head><title>عنوان خبری بلند برای این صفحه</title></head><body>"
                                           "<article>" + body + "</article></body></html>", "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page.value().title.value, "عنوان خبری بلند برای این صفحه");
  EXPECT_NE(page.value().text.find("سخن گفتند 7."), std::string::npos);
  EXPECT_EQ(page.value().text.find("\xF4\x8F"), std::string::npos);
}

}  // namespace
}  // namespace rayzan::internal
