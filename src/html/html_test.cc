#include "rayzan/html.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace rayzan {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(RAYZAN_DATA_DIR) + "/../tests/fixtures/html/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ExtractedPage MustExtract(const std::string& fixture, const std::string& url) {
  std::string bytes = Fixture(fixture);
  EXPECT_FALSE(bytes.empty()) << fixture;
  Result<ExtractedPage> r = ExtractPageFromBytes(bytes, url, "");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : ExtractedPage();
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The main text of a page given inline; "" (and a test failure) when
// extraction fails.
std::string MainTextOf(const std::string& html, const std::string& url = "https://example.com/news") {
  Result<ExtractedPage> r = ExtractPage(html, url);
  EXPECT_TRUE(r.ok());
  return r.ok() ? r.value().text : "";
}

// Bag-of-words overlap F1 on whitespace tokens (the tests pin a floor; the
// benchmark program computes the published metrics).
double WordF1(const std::string& gold, const std::string& got) {
  auto bag = [](const std::string& s) {
    std::map<std::string, int> m;
    std::istringstream in(s);
    std::string w;
    while (in >> w) ++m[w];
    return m;
  };
  auto g = bag(gold), p = bag(got);
  double common = 0, ng = 0, np = 0;
  for (auto& [w, c] : g) ng += c;
  for (auto& [w, c] : p) {
    np += c;
    auto it = g.find(w);
    if (it != g.end()) common += std::min(c, it->second);
  }
  if (common == 0) return 0;
  double prec = common / np, rec = common / ng;
  return 2 * prec * rec / (prec + rec);
}

TEST(ExtractPageTest, DariVoaArticleKeepsBodyDropsMenus) {
  ExtractedPage p = MustExtract("voa_dari_7988993.html",
                                "https://www.darivoa.com/a/fghanistan-knock-england-out-of-champions-trophy/7988993.html");
  EXPECT_EQ(p.text.substr(0, p.text.find('\n')),
            "در سلسلهٔ رقابت‌های جام قهرمانان، تیم ملی کرکت افغانستان امروز ۲۶ فبروری (هشتم حوت) تیم ملی کرکت "
            "انگلستان را با تفاوت هشت دوش شکست داد.");
  EXPECT_TRUE(Contains(p.text, "رقابت بعدی و سرنوشت ساز برای تیم افغانستان به تاریخ ۲۸ فبروری"));
  EXPECT_FALSE(Contains(p.text, "صفحه نخست"));         // top menu
  EXPECT_FALSE(Contains(p.text, "ما را دنبال کنید"));  // "follow us" bar
  EXPECT_EQ(p.title.value, "افغانستان تیم انگلستان را از جام قهرمانان حذف کرد");
  EXPECT_EQ(p.published.value, "2025-02-26");
  EXPECT_EQ(p.published.source, "json-ld:datePublished");
  EXPECT_EQ(p.language.value, "prs");
  EXPECT_EQ(p.language.source, "html-lang");
  EXPECT_EQ(p.site_name.value, "صدای امریکا");
  EXPECT_EQ(p.section.value, "ورزش");
  EXPECT_EQ(p.canonical_url.source, "link:canonical");
}

TEST(ExtractPageTest, CnnArabicMatchesNewspaperGold) {
  ExtractedPage p = MustExtract("cnn_arabic_syria.html", "");
  std::string gold = Fixture("cnn_arabic_syria.expected.txt");
  EXPECT_GE(WordF1(gold, p.text), 0.90);
  EXPECT_EQ(p.title.value, "معارضون يسيطرون على مخازن للصواريخ بريف دمشق");
  // The page's own dateline "الأربعاء، 28 آب/اغسطس 2013".
  EXPECT_EQ(p.published.value, "2013-08-28");
  EXPECT_EQ(p.published.source, "text");
  EXPECT_EQ(p.language.value, "ar");
}

TEST(ExtractPageTest, Windows1256PageGivesSameTextAsUtf8) {
  ExtractedPage utf8 = MustExtract("cnn_arabic_syria.html", "");
  ExtractedPage cp1256 = MustExtract("cnn_arabic_syria.windows-1256.html", "");
  EXPECT_EQ(cp1256.text, utf8.text);
  ExtractedPage wrong = MustExtract("cnn_arabic_syria.misdeclared.html", "");
  EXPECT_EQ(wrong.text, utf8.text);
  ASSERT_EQ(wrong.warnings.size(), 1u);
  EXPECT_EQ(wrong.warnings[0], "declared windows-1252 but bytes are windows-1256");
}

TEST(ExtractPageTest, PersianSolarHijriDatelineIsConverted) {
  // aryanews prints "2 تير 1399 - 12:09:08 ب.ظ" and has no date metadata.
  ExtractedPage p = MustExtract("aryanews_1641304459.html", "");
  EXPECT_EQ(p.published.value, "2020-06-22");
  EXPECT_EQ(p.published.source, "text");
  EXPECT_EQ(p.language.value, "fa");
  EXPECT_TRUE(Contains(p.text, "حسن قالیباف اصل با اعلام اینکه سازمان بورس متولی شفافیت"));
}

TEST(ExtractPageTest, LevantineMonthPairInArabicDateline) {
  // "تم نشره الجمعة 24 نيسان / أبريل 2020".
  ExtractedPage p = MustExtract("almadenahnews_1588107198.html", "");
  EXPECT_EQ(p.published.value, "2020-04-24");
  EXPECT_EQ(p.language.value, "ar");
  EXPECT_EQ(p.language.source, "content");
  EXPECT_TRUE(Contains(p.text, "بلغت حصيلة الوفيات الناجمة عن فيروس كورونا"));
}

TEST(ExtractPageTest, EnglishPageMatchesHumanGold) {
  ExtractedPage p = MustExtract("sciencealert_plumes.html",
                                "https://www.sciencealert.com/nasa-finds-water-plumes-above-the-surface-of-jupiter-s-icy-moon-europa");
  EXPECT_GE(WordF1(Fixture("sciencealert_plumes.expected.txt"), p.text), 0.95);
  EXPECT_EQ(p.title.value, "NASA Just Confirmed There Are Water Plumes Above The Surface of Jupiter's Moon Europa");
  EXPECT_EQ(p.site_name.value, "ScienceAlert");
  EXPECT_EQ(p.language.value, "en");
  EXPECT_EQ(p.section.value, "SPACE");
}

TEST(ExtractPageTest, ParagraphsHeadingsAndListItemsAreLines) {
  const char* html =
      "<html lang=en><body><nav><a href=/>Home</a> <a href=/world>World</a></nav>"
      "<article><h1>Talks in Doha</h1><p>The foreign ministers met on Monday, officials said, "
      "and agreed to meet again.</p><h2>What was agreed</h2><ul><li>A new round of talks in May, "
      "according to both delegations.</li><li>Prisoner exchanges, the statement said.</li></ul>"
      "<p>Both sides called the meeting constructive, a spokesman said later.</p>"
      "<div class=\"share-bar\"><a href=#>Share</a> <a href=#>Tweet</a></div></article>"
      "<footer>Copyright 2024</footer></body></html>";
  Result<ExtractedPage> r = ExtractPage(html, "https://example.com/2024/05/06/talks");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().text,
            "Talks in Doha\n"
            "The foreign ministers met on Monday, officials said, and agreed to meet again.\n"
            "What was agreed\n"
            "A new round of talks in May, according to both delegations.\n"
            "Prisoner exchanges, the statement said.\n"
            "Both sides called the meeting constructive, a spokesman said later.");
  EXPECT_EQ(r.value().published.value, "2024-05-06");
  EXPECT_EQ(r.value().published.source, "url");
}

// A listicle: each item's text sits four wrappers below the list, too deep
// for the paragraph score to reach it; the items differ in length, so no
// group of near-equal candidates points at the list either.
TEST(ExtractPageTest, ListicleItemsInDeepWrappersAreAllKept) {
  auto item = [](const std::string& name, int paragraphs) {
    std::string li = "<li><div class=\"item\"><h2>" + name + "</h2><div><div class=\"copy\">";
    for (int i = 0; i < paragraphs; ++i)
      li += "<p>The " + name + " model, tested for " + std::to_string(i + 2) +
            " weeks on our bench, scored well on comfort, range and price against its rivals, "
            "and the reviewers found little to fault in daily use.</p>";
    return li + "</div></div></div></li>";
  };
  std::string html =
      "<html><body><nav><a href=/>Home</a> <a href=/reviews>Reviews</a></nav><main><h1>The best e-bikes</h1><ol>" +
      item("Alpha", 5) + item("Bravo", 2) + item("Charlie", 2) + item("Delta", 2) +
      "</ol></main><footer>Copyright 2025</footer></body></html>";
  std::string text = MainTextOf(html, "https://example.com/best-e-bikes");
  for (const char* name : {"Alpha", "Bravo", "Charlie", "Delta"})
    EXPECT_TRUE(Contains(text, std::string("The ") + name + " model, tested for 2 weeks")) << name;
  EXPECT_FALSE(Contains(text, "Copyright"));
}

TEST(ExtractPageTest, LinkedLineInsideProseParagraphIsKept) {
  const char* html =
      "<html><body><article><h1>Books of the year</h1>"
      "<p>Our critics read hundreds of new books this year, and these are the ones they kept "
      "recommending to friends, family and strangers on trains.</p>"
      "<p><a href=\"https://shop.example/b1\">The Loneliness of Sonia and Sunny</a><br>A sweeping novel about "
      "two young people, their families, and the distance between Delhi and New York.</p>"
      "<p>Every pick on the list was published between January and November, and each one is "
      "available in paperback now.</p></article></body></html>";
  std::string text = MainTextOf(html, "https://example.com/books");
  EXPECT_TRUE(Contains(text, "\nThe Loneliness of Sonia and Sunny\nA sweeping novel"));
}

TEST(ExtractPageTest, RubyGlossesAndSoftHyphensAreDropped) {
  const char* html =
      "<html><body><article><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp>"
      "</ruby>をなくすための法律ができて、親が子どもをたたくことが禁止されます。</p>"
      "<p>Die Universi&shy;täts&shy;leitung hat am Montag die neuen Regeln für das Winter&shy;semester "
      "vorgestellt, die ab Oktober gelten.</p></article></body></html>";
  std::string text = MainTextOf(html, "https://example.com/news");
  EXPECT_TRUE(Contains(text, "子どもへの虐待をなくすための法律ができて"));
  EXPECT_TRUE(Contains(text, "Die Universitätsleitung hat am Montag"));
  EXPECT_TRUE(Contains(text, "Wintersemester"));
}

TEST(ExtractPageTest, HeadingNamedHeaderIsASectionTitle) {
  const char* html =
      "<html><body><div class=\"header\"><a href=/>Home</a> <a href=/about>About the newsletter</a></div>"
      "<article><p>After years of remote work across many countries, I know why most people quit the "
      "nomad life within a year, and it is not the money.</p>"
      "<h2 class=\"header-anchor-post\">The perks, because yes, it is amazing</h2>"
      "<p>You wake up somewhere new, you learn a language by accident, and your friends live on "
      "four continents, which makes every holiday easy.</p></article></body></html>";
  std::string text = MainTextOf(html, "https://example.com/p/nomad");
  EXPECT_TRUE(Contains(text, "\nThe perks, because yes, it is amazing\n"));
  EXPECT_FALSE(Contains(text, "About the newsletter"));
}

TEST(ExtractPageTest, AuthorBoxCallToActionAndCopyrightAreDropped) {
  const char* html =
      "<html><body><article><h1>Harbour reopens</h1>"
      "<p>The harbour reopened on Tuesday after three weeks of repairs, the port authority said, "
      "and the first ferries left on time.</p>"
      "<p>Fishermen, who had moored in the next town, said the repairs came late but were welcome.</p>"
      "<p>The authority said the new quay, built to take larger ships, cost twelve million euros and "
      "should last fifty years, twice as long as the old one.</p>"
      "<p>Traders at the fish market, closed since the storm, will open again on Friday, and the "
      "summer festival on the quay goes ahead in July as planned.</p>"
      "<div class=\"author-box\"><p>Jane Doe covers transport, energy and cities for the paper, "
      "and has written about ports since 2015.</p></div>"
      "<div class=\"cta\"><p>Would you like to write for us? Join our contributor programme and share "
      "your voice with our readers today.</p></div>"
      "<p class=\"copyright\">Copyright 2024 Example Media Group, all rights reserved, no reuse "
      "without written permission.</p></article></body></html>";
  std::string text = MainTextOf(html, "https://example.com/2024/05/07/harbour");
  EXPECT_TRUE(Contains(text, "Fishermen, who had moored"));
  EXPECT_FALSE(Contains(text, "Jane Doe covers"));
  EXPECT_FALSE(Contains(text, "contributor programme"));
  EXPECT_FALSE(Contains(text, "all rights reserved"));
}

TEST(ExtractPageTest, MetadataSourcesArePreferredInOrder) {
  const char* html =
      "<html><head><meta property=\"article:published_time\" content=\"2020-12-01T02:00:00+03:00\">"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-11-30\","
      "\"dateModified\":\"2020-12-02T10:00:00Z\",\"author\":{\"@type\":\"Person\",\"name\":\"Sara Ahmadi\"},"
      "\"articleSection\":\"Politics\"}</script><link rel=canonical href=\"/news/1\"></head>"
      "<body><p>text</p></body></html>";
  Result<ExtractedPage> r = ExtractPage(html, "https://www.alyaum.com/x?id=2");
  ASSERT_TRUE(r.ok());
  const ExtractedPage& p = r.value();
  EXPECT_EQ(p.published.value, "2020-12-01");
  EXPECT_EQ(p.published.source, "meta:article:published_time");
  EXPECT_EQ(p.modified.value, "2020-12-02");
  EXPECT_EQ(p.modified.source, "json-ld:dateModified");
  EXPECT_EQ(p.author.value, "Sara Ahmadi");
  EXPECT_EQ(p.section.value, "Politics");
  EXPECT_EQ(p.canonical_url.value, "https://www.alyaum.com/news/1");
  EXPECT_EQ(p.site_name.value, "alyaum.com");
  EXPECT_EQ(p.site_name.source, "url");
}

TEST(ExtractPageTest, EmptyInputIsAnError) {
  Result<ExtractedPage> r = ExtractPage("", "a.html");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "a.html: empty HTML");
}

TEST(ExtractPageTest, DeepNestingIsCutWithAWarning) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep text";
  Result<ExtractedPage> r = ExtractPage(html, "");
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r.value().warnings.empty());
  EXPECT_EQ(r.value().warnings[0], "nesting deeper than 2000 levels: page cut at byte 10002");
}

TEST(ExtractPageTest, TwentyMegabytePageIsExtracted) {
  std::string html = "<html lang=fa><body><nav><a href=/>خانه</a></nav><article>";
  const std::string paragraph =
      "<p>وزیر امور خارجه روز دوشنبه در تهران با همتای خود دیدار کرد، و دو طرف درباره روابط دوجانبه گفتگو کردند.</p>";
  while (html.size() < (20u << 20)) html += paragraph;
  html += "</article></body></html>";
  Result<ExtractedPage> r = ExtractPage(html, "");
  ASSERT_TRUE(r.ok());
  EXPECT_GT(r.value().text.size(), 19u << 20);
  EXPECT_EQ(r.value().language.value, "fa");
  EXPECT_TRUE(r.value().warnings.empty());
}

TEST(ExtractPageTest, BinaryBodyIsAnErrorNamingTheInput) {
  std::string png = "\x89PNG\r\n\x1a\n";
  png.append(2000, '\0');
  Result<ExtractedPage> r = ExtractPageFromBytes(png, "https://www.darivoa.com/img/logo.png", "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "https://www.darivoa.com/img/logo.png: binary content, not HTML");
}

TEST(ExtractPageTest, HighBytesWithoutMarkupDoNotFail) {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>(0x80 | ((i * 7919) & 0x7F)));
  Result<ExtractedPage> r = ExtractPageFromBytes(junk, "", "");
  ASSERT_TRUE(r.ok());
}

TEST(ParseDateTest, FormatsPagesUse) {
  EXPECT_EQ(ParseDate("2020-03-17T17:27:41Z"), "2020-03-17");
  EXPECT_EQ(ParseDate("Tue, 17 Mar 2020 17:27:41 GMT"), "2020-03-17");
  EXPECT_EQ(ParseDate("March 17, 2020"), "2020-03-17");
  // yjc.ir's article:published_time: Solar Hijri with Persian digits.
  EXPECT_EQ(ParseDate("۱۳۹۹/۰۲/۲۱ - ۱۸:۵۹"), "2020-05-10");
  // akhbarelyom.com: Arabic weekday and month names.
  EXPECT_EQ(ParseDate("الأربعاء، 07 أكتوبر 2020 - 12:09 م"), "2020-10-07");
  // VOA Dari: Afghan zodiac month, Persian digits.
  EXPECT_EQ(ParseDate("دلو ۰۴, ۱۴۰۳"), "2025-01-23");
  EXPECT_EQ(ParseDate("۲ تیر ۱۳۹۹"), "2020-06-22");
  EXPECT_EQ(ParseDate("28 آب/اغسطس 2013"), "2013-08-28");
  EXPECT_EQ(ParseDate("١٥ كانون الثاني ٢٠٢٤"), "2024-01-15");
  EXPECT_EQ(ParseDate("no date here"), "");
  EXPECT_EQ(ParseDate("2021-02-30"), "");
}

}  // namespace
}  // namespace rayzan

namespace rayzan {
namespace {

// VOA's media player ships its overlays (embed code, "copied to your
// clipboard", "no media source") inside the article body.
TEST(ExtractPageTest, MediaPlayerOverlaysAreNotText) {
  std::string html =
      "<html><body><article><p>وزیر خارجه امریکا روز دوشنبه با همتای روسی خود در ژنو دیدار کرد و دو طرف درباره "
      "اوکراین گفتگو کردند.</p><div class=\"c-mmp__overlay c-mmp__overlay--disabled\"><div "
      "class=\"c-mmp__status-msg\" role=\"tooltip\">The code has been copied to your clipboard.</div></div>"
      "<p>سخنگوی وزارت خارجه گفت که دیدار بعدی هفته آینده در استانبول برگزار خواهد شد و جزئیات آن بعداً اعلام "
      "می‌شود.</p></article></body></html>";
  Result<ExtractedPage> r = ExtractPage(html, "https://www.darivoa.com/a/1.html");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.value().text.find("استانبول"), std::string::npos);
  EXPECT_EQ(r.value().text.find("clipboard"), std::string::npos);
}

// Calls to action closing an article (subscription, newsletter, social
// media lines) are dropped from its end; the same words inside the body stay.
TEST(ExtractPageTest, ClosingCallsToActionAreDropped) {
  std::string html =
      "<html><body><div class=\"post-body\"><h1>Schools reopen on Monday</h1>"
      "<p>All public schools will reopen on Monday after the holiday, the education ministry said on Friday, "
      "and parents were asked to check the new timetable with their children's teachers.</p>"
      "<p>Parents who subscribe to the ministry's text alerts will be told of any change, a spokeswoman said, "
      "adding that buses will run on the usual routes from the first day.</p>"
      "<p>She also said that special programmes would help students who had fallen behind during the months "
      "of online teaching.</p>"
      "<p>Subscribe now to our <a href=\"/e\"><strong>e-edition</strong></a> for the full story.</p>"
      "<p><strong>Follow us on Twitter and Instagram @DailyNews and on Facebook.</strong></p>"
      "</div></body></html>";
  std::string text = MainTextOf(html);
  EXPECT_TRUE(Contains(text, "Parents who subscribe to the ministry's text alerts")) << text;
  EXPECT_TRUE(Contains(text, "special programmes would help students")) << text;
  EXPECT_FALSE(Contains(text, "e-edition")) << text;
  EXPECT_FALSE(Contains(text, "Follow us on Twitter")) << text;
}

// A standfirst in its own box between the headline and the body is part of
// the article; a sidebar teaser with a lead-like class is not.
TEST(ExtractPageTest, StandfirstBeforeTheBodyIsKept) {
  std::string html =
      "<html><body><div class=\"page\"><div class=\"main-col\"><header><h1>Minister told to resign</h1>"
      "<div class=\"field field-perex\"><p>Photos show the health minister in a restaurant late on "
      "Wednesday, without a mask, in spite of the rules he imposed himself.</p></div></header>"
      "<div class=\"share-bar\"><a href=\"/fb\">Facebook</a></div>"
      "<div class=\"field body\"><p>On Wednesday evening the minister was seen with the head of the "
      "parliamentary group of the ruling party, a tabloid reported on Friday.</p>"
      "<p>The prime minister said he was already looking for a replacement, while the minister said that he "
      "had done nothing wrong and would not resign.</p>"
      "<p>The coalition partner said earlier that the minister had lost all credibility, and the opposition "
      "called for a vote of no confidence.</p>"
      "<p>The president, who has the last word, said on Friday that he would wait for a formal proposal, and "
      "declined to comment further.</p>"
      "<p>Earlier this week, the government tightened the rules for restaurants, bars and shops, which must "
      "now close at eight in the evening.</p></div></div>"
      "<div class=\"sidebar\"><div class=\"teaser-lead\"><p>Another story about something else entirely, "
      "with a summary of its own.</p></div></div></div></body></html>";
  std::string text = MainTextOf(html);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "Photos show the health minister in a restaurant late on Wednesday, without a mask, in spite of the "
            "rules he imposed himself.");
  EXPECT_TRUE(Contains(text, "would not resign")) << text;
  EXPECT_FALSE(Contains(text, "Another story")) << text;
}

}  // namespace
}  // namespace rayzan
