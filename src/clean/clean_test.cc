#include "rayzan/clean.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "rayzan/normalize.h"

namespace rayzan {
namespace {

const char* KindName(LineKind kind) {
  switch (kind) {
    case LineKind::kBody: return "body";
    case LineKind::kMetadata: return "metadata";
    case LineKind::kTicker: return "ticker";
    case LineKind::kBoilerplate: return "boilerplate";
    case LineKind::kFooter: return "footer";
    case LineKind::kDuplicate: return "duplicate";
    case LineKind::kBlank: return "blank";
  }
  return "?";
}

const BoilerplateLexicon& Lexicon() {
  static const BoilerplateLexicon* lexicon = [] {
    Result<BoilerplateLexicon> loaded = BoilerplateLexicon::Load(RAYZAN_DATA_DIR "/boilerplate");
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return new BoilerplateLexicon(loaded.ok() ? std::move(loaded).value() : BoilerplateLexicon());
  }();
  return *lexicon;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The kind of every line of `text`, which is normalized first.
class Classified {
 public:
  explicit Classified(std::string_view source)
      : text_(Normalize(source).text), lines_(CleanScrapedText(text_, Lexicon())) {}

  size_t size() const { return lines_.size(); }
  // Kind of the 1-based line `number`, as an editor numbers it.
  std::string Kind(size_t number) const {
    return number >= 1 && number <= lines_.size() ? KindName(lines_[number - 1].kind) : "no such line";
  }
  std::string Text(size_t number) const { return std::string(Slice(text_, lines_[number - 1].span)); }
  // Kinds of lines first..last, so a failure shows the whole range.
  std::vector<std::string> Kinds(size_t first, size_t last) const {
    std::vector<std::string> kinds;
    for (size_t n = first; n <= last; ++n) kinds.push_back(Kind(n));
    return kinds;
  }

 private:
  std::string text_;
  std::vector<ClassifiedLine> lines_;
};

Classified Seed(const std::string& name) {
  return Classified(ReadFile(std::string(RAYZAN_SHARED_DIR) + "/seeds/" + name + ".txt"));
}

std::vector<std::string> Repeat(const char* kind, size_t count) { return std::vector<std::string>(count, kind); }

// ---------------------------------------------------------------- lexicon

TEST(BoilerplateLexiconTest, FailsNamingTheMissingFile) {
  Result<BoilerplateLexicon> loaded = BoilerplateLexicon::Load("/nonexistent/boilerplate");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("/nonexistent/boilerplate/footer_starts.txt"), std::string::npos)
      << loaded.status().message();
}

TEST(BoilerplateLexiconTest, LoadsNormalizedPhrasesWithoutComments) {
  const BoilerplateLexicon& lexicon = Lexicon();
  auto has = [](const std::vector<std::string>& list, std::string_view phrase) {
    return std::find(list.begin(), list.end(), phrase) != list.end();
  };
  EXPECT_TRUE(has(lexicon.footer_starts, "ارسال نظر"));
  EXPECT_TRUE(has(lexicon.footer_starts, "اخبار ذات صله"));   // written أخبار ذات صلة
  EXPECT_TRUE(has(lexicon.metadata_labels, "تاریخ النشر"));  // written تاريخ النشر
  EXPECT_TRUE(has(lexicon.line_markers, "تابعنا عبر"));
  for (const auto* list : {&lexicon.footer_starts, &lexicon.line_markers, &lexicon.metadata_labels}) {
    for (const std::string& phrase : *list) {
      EXPECT_FALSE(phrase.empty());
      EXPECT_EQ(phrase.find('#'), std::string::npos) << phrase;
      EXPECT_EQ(phrase, NormalizeForMatching(phrase));
    }
  }
}

// ---------------------------------------------------------------- the seeds

TEST(CleanSeedTest, KeepsBodyAndCutsCommentsOfSeed000) {
  Classified seed = Seed("000_577ad472b90e8ddb");
  ASSERT_EQ(seed.size(), 36u);
  EXPECT_EQ(seed.Kind(1), "body");  // title
  EXPECT_EQ(seed.Kind(3), "body");  // lead
  EXPECT_EQ(seed.Kind(5), "body");
  EXPECT_EQ(seed.Kind(21), "body");    // last paragraph
  EXPECT_EQ(seed.Text(23), "انتهای پیام/");
  EXPECT_EQ(seed.Kinds(23, 36), Repeat("footer", 14));  // tags, comments, "آخرین اخبار"
}

TEST(CleanSeedTest, TickerOfSeed001IsNotBodyButTitleIs) {
  Classified seed = Seed("001_9daf9b23fdd5586e");
  ASSERT_EQ(seed.size(), 20u);
  EXPECT_EQ(seed.Kind(1), "ticker");  // احضار سفیر آلمان ... انگشت بر ماشه آمادهاند
  EXPECT_NE(seed.Text(3).find("بلینکن و لاوروف هفته اینده دیدار می کنند"), std::string::npos);
  EXPECT_EQ(seed.Kind(3), "body");
  EXPECT_EQ(seed.Kind(5), "body");      // lead
  EXPECT_EQ(seed.Kind(6), "metadata");  // تاریخ انتشار: 13:41 - 29 بهمن 1400 - 2022 February 18
  EXPECT_EQ(seed.Kind(7), "metadata");  // کد خبر: 122657
  EXPECT_EQ(seed.Kind(9), "body");
  EXPECT_EQ(seed.Kind(17), "body");     // ends "./باشگاه خبرنگاران"
  EXPECT_EQ(seed.Kind(19), "footer");   // مطالب مرتبط
  EXPECT_EQ(seed.Kind(20), "footer");   // ارسال نظر
}

TEST(CleanSeedTest, HeaderLabelsCaptionAndRepeatedTitleOfSeed002) {
  Classified seed = Seed("002_f9df47be515c0267");
  ASSERT_EQ(seed.size(), 22u);
  EXPECT_EQ(seed.Kind(1), "boilerplate");  // عالمية
  EXPECT_EQ(seed.Kind(3), "body");         // بلينكن: جو بايدن وبوتين سيجريان اتصالات ...
  EXPECT_EQ(seed.Kind(6), "boilerplate");  // عربي
  EXPECT_EQ(seed.Kind(7), "boilerplate");  // another article's headline
  EXPECT_EQ(seed.Kind(8), "duplicate");    // the title again
  EXPECT_EQ(seed.Kind(9), "ticker");       // قبل 19 دقيقة
  EXPECT_EQ(seed.Kind(10), "boilerplate"); // photo caption
  EXPECT_EQ(seed.Kind(11), "boilerplate"); // © REUTERS / POOL
  EXPECT_EQ(seed.Kind(12), "boilerplate"); // تابعنا عبر
  EXPECT_EQ(seed.Kinds(13, 16), Repeat("body", 4));
  EXPECT_EQ(seed.Kind(20), "body");        // last paragraph
  EXPECT_EQ(seed.Kind(22), "boilerplate"); // العربية نت
}

TEST(CleanSeedTest, TickerOfSeed003IsNotBody) {
  Classified seed = Seed("003_8a2e76ed469fac0b");
  ASSERT_EQ(seed.size(), 32u);
  EXPECT_EQ(seed.Kind(1), "ticker");  // تأکید پزشکیان ... اردوگاه الهول
  EXPECT_EQ(seed.Kind(3), "body");    // حضور لاوروف و بلینکن در نشست ...
  EXPECT_EQ(seed.Kind(5), "body");
  EXPECT_EQ(seed.Kind(6), "metadata");
  EXPECT_EQ(seed.Kind(7), "metadata");
  EXPECT_EQ(seed.Kind(9), "body");
  EXPECT_EQ(seed.Kind(11), "blank");  // a lone NBSP
  EXPECT_EQ(seed.Kind(25), "body");   // "... ترتیب داده نشده است."
  EXPECT_EQ(seed.Kind(29), "body");   // last paragraph
  EXPECT_EQ(seed.Kind(31), "footer"); // ارسال نظر
  EXPECT_EQ(seed.Kind(32), "footer"); // آخرین اخبار
}

TEST(CleanSeedTest, SecondCopyOfSeed004IsDuplicate) {
  Classified seed = Seed("004_6967ce8f0ae44b22");
  ASSERT_EQ(seed.size(), 27u);
  EXPECT_EQ(seed.Kind(1), "body");      // title
  EXPECT_EQ(seed.Kind(2), "body");      // lead
  EXPECT_EQ(seed.Kind(3), "metadata");  // خبرگزاری میزان -
  EXPECT_EQ(seed.Kinds(4, 14), Repeat("body", 11));
  EXPECT_EQ(seed.Kinds(15, 24), Repeat("duplicate", 10));
  EXPECT_EQ(seed.Kinds(25, 27), Repeat("footer", 3));  // ارسال دیدگاه, comment form
}

// ---------------------------------------------------------------- one rule each

TEST(CleanRuleTest, RunOnHeadlinesWithoutStopsAreTicker) {
  std::string ticker =
      "کرملین: زلنسکی به دعوت پوتین پاسخ نداده است روبیو: 40 هزار نظامی ما در تیررس هستند "
      "دستیار پوتین: آماده میزبانی از زلنسکی هستیم پاکستان: استفاده از زور علیه ایران را رد میکنیم";
  Classified page(ticker + "\nدیدار لاوروف و بلینکن در ژنو\nلاوروف و بلینکن امروز در ژنو دیدار کردند.");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"ticker", "body", "body"}));
}

TEST(CleanRuleTest, TickerWithAQuestionAmongItsHeadlinesIsTicker) {
  std::string ticker =
      "کرملین: زلنسکی به دعوت پوتین پاسخ نداده است چرا مذاکرات وین متوقف شد؟ روبیو: 40 هزار نظامی ما در "
      "تیررس هستند دستیار پوتین: آماده میزبانی از زلنسکی هستیم پاکستان: استفاده از زور علیه ایران را رد میکنیم";
  Classified page(ticker + "\nدیدار لاوروف و بلینکن در ژنو\nلاوروف و بلینکن امروز در ژنو دیدار کردند.");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"ticker", "body", "body"}));
}

// Arabic prose often has few full stops; a paragraph quoting three people
// with colons is still prose.
TEST(CleanRuleTest, LongParagraphWithFewStopsAndSomeColonsIsBody) {
  std::string paragraph =
      "من جهته قال مدير الإدارة اللواء رباح الشراري: إن هذا التصدي والنجاحات المستمرة التي يسجلها رجال الأمن "
      "تأتي بفضل الله ثم بفضل المتابعة الدائمة من القيادة، وأضاف المتحدث الرسمي للشرطة: إن الفرق الميدانية "
      "تعمل على مدار الساعة في جميع المحافظات والمراكز التابعة للمنطقة، فيما أكد مسؤول آخر: إن التعاون مع "
      "المواطنين والمقيمين كان له الأثر الأكبر في نجاح هذه الجهود الكبيرة خلال الأشهر الماضية";
  Classified page("التقى وزير الداخلية مسؤولي الأمن في تبوك اليوم.\n" + paragraph);
  EXPECT_EQ(page.Kinds(1, 2), Repeat("body", 2));
}

TEST(CleanRuleTest, ShapeRulesWorkWithAnEmptyLexicon) {
  std::string text = Normalize("قبل 19 دقيقة\nالتقى وزير الخارجية نظيره الروسي في موسكو اليوم.\n"
                               "التقى وزير الخارجية نظيره الروسي في موسكو اليوم.").text;
  std::vector<ClassifiedLine> lines = CleanScrapedText(text, BoilerplateLexicon());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].kind, LineKind::kTicker);
  EXPECT_EQ(lines[1].kind, LineKind::kBody);
  EXPECT_EQ(lines[2].kind, LineKind::kDuplicate);
}

TEST(CleanRuleTest, LongQuoteWithColonsAndStopsIsBody) {
  std::string prose =
      "لاوروف گفت: ما آماده گفتگو هستیم. بلینکن پاسخ داد: واشنگتن نیز آماده است. "
      "سخنگو افزود: زمان دیدار هفته آینده اعلام میشود و دو طرف درباره اوکراین گفتگو خواهند کرد.";
  Classified page(prose);
  EXPECT_EQ(page.Kind(1), "body");
}

TEST(CleanRuleTest, RelativeTimeLinesAreTicker) {
  Classified page(
      "عنوان خبر درباره دیدار وزیران\nمنذ ساعتين\n5 دقیقه پیش\n2 hours ago\n"
      "وزیران خارجه دو کشور امروز دیدار کردند.\nقبل از دیدار دو وزیر با خبرنگاران گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 6),
            (std::vector<std::string>{"body", "ticker", "ticker", "ticker", "body", "body"}));
}

TEST(CleanRuleTest, FooterStartEndsArticleOnlyAfterBody) {
  Classified page(
      "آخرین اخبار\nدیدار ظریف و لاوروف در مسکو\nظریف و لاوروف امروز در مسکو دیدار کردند.\n"
      "دو طرف درباره برجام گفتگو کردند.\nآخرین اخبار\nپوتین به ترکیه سفر کرد\nاردوغان با پوتین دیدار کرد.");
  EXPECT_EQ(page.Kinds(1, 7), (std::vector<std::string>{"boilerplate", "body", "body", "body", "footer",
                                                        "footer", "footer"}));
}

TEST(CleanRuleTest, SentenceOpeningWithFooterPhraseIsBody) {
  Classified page(
      "ظریف و لاوروف امروز در مسکو دیدار کردند.\nآخرین اخبار از مذاکرات\n"
      "آخرین اخبار از مذاکرات وین نشان میدهد که دو طرف به توافق نزدیک شده اند.");
  EXPECT_EQ(page.Kinds(1, 3), Repeat("body", 3));
}

TEST(CleanRuleTest, FooterStartMatchesWithCountAndPunctuation) {
  Classified page(
      "ظریف و لاوروف امروز در مسکو دیدار کردند.\nنظرات کاربران (3)\nیک نظر درباره خبر.");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"body", "footer", "footer"}));
  Classified arabic(
      "التقى وزير الخارجية نظيره الروسي في موسكو اليوم.\nأخبار ذات صلة:\nبوتين يستقبل أردوغان");
  EXPECT_EQ(arabic.Kinds(1, 3), (std::vector<std::string>{"body", "footer", "footer"}));
}

TEST(CleanRuleTest, MetadataLabelsDateLinesAndBylines) {
  Classified page(
      "دیدار وزیران خارجه ایران و روسیه\nتاریخ انتشار: 13:41 - 29 بهمن 1400\nکد خبر: 122657\n"
      "خبرگزاری میزان -\nوزیران خارجه ایران و روسیه امروز دیدار کردند.\n06:57 15 مهر 1400\n"
      "تاريخ النشر: الخميس 2 ديسمبر\nدو طرف درباره همکاری گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 8), (std::vector<std::string>{"body", "metadata", "metadata", "metadata", "body",
                                                        "metadata", "metadata", "body"}));
}

TEST(CleanRuleTest, LineMarkersAreBoilerplateWithOrWithoutZwnj) {
  Classified page(
      "وزیران خارجه ایران و روسیه امروز دیدار کردند.\nبرچسب ها: ایران ، روسیه\n"
      "برچسب\u200cها: لاوروف\nتابعنا عبر\n© REUTERS / POOL\nبیشتر بخوانید:\n"
      "دو طرف درباره همکاری گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 7), (std::vector<std::string>{"body", "boilerplate", "boilerplate", "boilerplate",
                                                        "boilerplate", "boilerplate", "body"}));
}

TEST(CleanRuleTest, LabelWithoutSpaceAfterColonIsMetadata) {
  Classified page("وزیران خارجه ایران و روسیه امروز دیدار کردند.\nکد خبر:122657\nنویسنده:محمد احمدی");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"body", "metadata", "metadata"}));
}

TEST(CleanRuleTest, MenuBarIsBoilerplate) {
  Classified page(
      "وزیران خارجه ایران و روسیه امروز دیدار کردند.\nخانه | سیاسی | اقتصادی | ورزشی\n"
      "دو طرف درباره همکاری گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"body", "boilerplate", "body"}));
}

TEST(CleanRuleTest, RepeatedLineIsDuplicate) {
  Classified page(
      "وزیران خارجه ایران و روسیه امروز دیدار کردند.\nدو طرف درباره همکاری گفتگو کردند.\n"
      "وزیران خارجه ایران و روسیه امروز دیدار کردند.");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"body", "body", "duplicate"}));
}

TEST(CleanRuleTest, RepeatedBlockJoinedIntoOneLineIsDuplicate) {
  Classified page(
      "وزیران خارجه ایران و روسیه امروز دیدار کردند.\nدو طرف درباره همکاری گفتگو کردند.\n"
      "وزیران خارجه ایران و روسیه امروز دیدار کردند. دو طرف درباره همکاری گفتگو کردند.\n"
      "دو طرف درباره همکاری گفتگو کردند. دیدار بعدی در تهران خواهد بود.");
  EXPECT_EQ(page.Kinds(1, 4), (std::vector<std::string>{"body", "body", "duplicate", "body"}));
}

TEST(CleanRuleTest, TitleIsTheHeaderLineSharingWordsWithTheLead) {
  Classified page(
      "سیاسی\nدیدار ظریف و لاوروف در مسکو\nبین الملل\nزلزله شدید در ژاپن خسارت زد\n"
      "ظریف و لاوروف امروز در مسکو دیدار و گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 5),
            (std::vector<std::string>{"boilerplate", "body", "boilerplate", "boilerplate", "body"}));
}

TEST(CleanRuleTest, TitleSharingNoWordsIsTheLineRightBeforeTheLead) {
  Classified page("اخبار\nروزی سخت برای دیپلماسی\nوزیران خارجه دو کشور امروز در ژنو گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"boilerplate", "body", "body"}));
}

TEST(CleanRuleTest, TitlePrintedTwiceWinsWithoutSharedWords) {
  Classified page(
      "روزی سخت برای دیپلماسی\nصفحه نخست\nسیاست خارجی کشور\nروزی سخت برای دیپلماسی\n"
      "تصویری از ساختمان وزارت\nوزیران خارجه دو کشور امروز در ژنو گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 6), (std::vector<std::string>{"body", "boilerplate", "boilerplate", "duplicate",
                                                        "boilerplate", "body"}));
}

// VOA Dari pages print the title twice above a photo caption that names
// everyone in the lead.
TEST(CleanRuleTest, TitlePrintedTwiceBeatsCaptionSharingMoreWords) {
  Classified page(
      "تلاش عربستان برای لغو تحریم سوریه\nجهان\nتلاش عربستان برای لغو تحریم سوریه\n"
      "از راست به چپ، احمد الشرع رییس اداره موقت سوریه و فیصل بن فرحان وزیر خارجه عربستان\n"
      "فیصل بن فرحان وزیر خارجه عربستان روز جمعه با احمد الشرع رییس اداره موقت سوریه در دمشق دیدار کرد.");
  EXPECT_EQ(page.Kinds(1, 5),
            (std::vector<std::string>{"body", "boilerplate", "duplicate", "boilerplate", "body"}));
}

TEST(CleanRuleTest, QuestionHeadlineAboveTheArticleIsNotItsLead) {
  Classified page(
      "چرا قیمت گوشت در بازار افزایش یافت؟\nدیدار ظریف و لاوروف در مسکو\n"
      "ظریف و لاوروف امروز در مسکو دیدار و گفتگو کردند.");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"boilerplate", "body", "body"}));
}

// Twelve headlines of other articles above the title: the title shares words
// with the lead, so the list is page furniture.
TEST(CleanRuleTest, HeadlineListAboveTitleIsBoilerplate) {
  std::string page_text;
  for (int i = 1; i <= 12; ++i) page_text += "خبر شماره " + std::to_string(i) + " درباره رویدادهای مهم امروز\n";
  page_text += "دیدار ظریف و لاوروف در مسکو\nظریف و لاوروف امروز در مسکو دیدار و گفتگو کردند.\n";
  Classified page(page_text);
  EXPECT_EQ(page.Kinds(1, 12), Repeat("boilerplate", 12));
  EXPECT_EQ(page.Kinds(13, 14), Repeat("body", 2));
}

// A press review: the day's front-page headlines, one a line, with a rare
// punctuated one among them. The list is the article.
TEST(CleanRuleTest, ArticleThatIsAListOfHeadlinesStaysBody) {
  std::string page_text;
  for (int i = 1; i <= 12; ++i) page_text += "- وزیر اقتصاد: بودجه سال " + std::to_string(1400 + i) + " بدون کسری بسته میشود\n";
  page_text += "- چه کسی وثیقه 100 میلیونی این متهم اقتصادی را فراهم کرد و چرا دادگاه آن را پذیرفت؟ پاسخ مقامات.\n";
  for (int i = 1; i <= 6; ++i) page_text += "- سخنگوی دولت: لایحه برنامه " + std::to_string(i) + " به زودی به مجلس میرود\n";
  Classified page(page_text);
  EXPECT_EQ(page.Kinds(1, 19), Repeat("body", 19));
}

TEST(CleanRuleTest, HeadlinesUnderTheLastParagraphAreFooter) {
  Classified page(
      "ظریف و لاوروف امروز در مسکو دیدار کردند.\nدو طرف درباره برجام گفتگو کردند.\n"
      "پوتین به ترکیه سفر کرد\nاردوغان: با پوتین درباره سوریه گفتگو کردیم\nنشست وزیران اوپک در وین");
  EXPECT_EQ(page.Kinds(1, 5), (std::vector<std::string>{"body", "body", "footer", "footer", "footer"}));
}

TEST(CleanRuleTest, ShortSourceLineUnderTheLastParagraphIsBoilerplate) {
  Classified page("التقى وزير الخارجية نظيره الروسي في موسكو اليوم.\n\nالعربية نت\n");
  EXPECT_EQ(page.Kinds(1, 3), (std::vector<std::string>{"body", "blank", "boilerplate"}));
}

TEST(CleanRuleTest, ShortListAtTheEndStaysBody) {
  Classified page("شرکت کنندگان در نشست عبارتند از:\nایران\nروسیه\nترکیه");
  EXPECT_EQ(page.Kinds(1, 4), Repeat("body", 4));
}

TEST(CleanRuleTest, LinesCoverTheWholeText) {
  std::string text = "عنوان\n\nمتن خبر در اینجا آمده است.\nآخرین اخبار";
  std::vector<ClassifiedLine> lines = CleanScrapedText(text, Lexicon());
  ASSERT_EQ(lines.size(), 4u);
  uint32_t expected_begin = 0;
  for (const ClassifiedLine& line : lines) {
    EXPECT_EQ(line.span.begin, expected_begin);
    expected_begin = line.span.end + 1;
  }
  EXPECT_EQ(lines.back().span.end, text.size());
  EXPECT_TRUE(CleanScrapedText("", Lexicon()).empty());
}

// ---------------------------------------------------------------- generality

// Clean article bodies from three real corpora must stay body: the rules may
// not eat text that is not boilerplate. Also reports the cost per article.
TEST(CleanCorpusTest, CleanArticlesStayBody) {
  constexpr int kArticles = 300;
  constexpr double kMinBodyShare = 0.97;
  for (const char* corpus : {"farsnews-fa/farsnews_1491.jsonl", "saudinewsnet-ar/saudinewsnet_subset.jsonl",
                             "ant-arabic-news-multisource/ant_multisource_subset.jsonl"}) {
    std::ifstream in(std::string(RAYZAN_SHARED_DIR) + "/corpora/" + corpus);
    ASSERT_TRUE(in) << corpus;
    std::vector<std::string> texts;
    std::string row;
    while (texts.size() < kArticles && std::getline(in, row)) {
      texts.push_back(Normalize(nlohmann::json::parse(row).at("text").get<std::string>()).text);
    }
    ASSERT_EQ(texts.size(), static_cast<size_t>(kArticles)) << corpus;

    size_t total = 0, body = 0, bytes = 0;
    std::vector<std::vector<ClassifiedLine>> results(texts.size());
    auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < texts.size(); ++i) results[i] = CleanScrapedText(texts[i], Lexicon());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (size_t i = 0; i < texts.size(); ++i) {
      bytes += texts[i].size();
      for (const ClassifiedLine& line : results[i]) {
        size_t chars = CodePointOffset(texts[i], line.span.end) - CodePointOffset(texts[i], line.span.begin);
        total += chars;
        if (line.kind == LineKind::kBody) body += chars;
      }
    }
    double share = static_cast<double>(body) / static_cast<double>(total);
    std::printf("%-58s body %.2f%% of %zu chars, %.1f us/article (%.0f MB/s)\n", corpus, 100 * share, total,
                1e6 * seconds / kArticles, bytes / seconds / 1e6);
    EXPECT_GE(share, kMinBodyShare) << corpus;
  }
}

}  // namespace
}  // namespace rayzan
