#include "rayzan/lang.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "rayzan/normalize.h"

namespace rayzan {
namespace {

Language Detect(std::string_view raw) { return DetectLanguage(NormalizeForMatching(raw)); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Accuracy {
  int articles = 0;
  int correct = 0;
  std::string misses;  // one line per wrong answer, for the failure message
};

// Runs DetectLanguage over the "text" field of the first `limit` lines of a
// shared corpus. Articles with almost no text (captions, empty bodies) are not
// counted: kUnknown is the right answer for them.
Accuracy MeasureCorpus(const std::string& relative_path, Language expected, int limit = 300) {
  std::ifstream in(std::string(RAYZAN_SHARED_DIR) + "/corpora/" + relative_path);
  EXPECT_TRUE(in.good()) << relative_path;
  Accuracy accuracy;
  std::string line;
  for (int i = 0; i < limit && std::getline(in, line); ++i) {
    nlohmann::json article = nlohmann::json::parse(line);
    if (!article.contains("text") || !article["text"].is_string()) continue;
    std::string text = article["text"].get<std::string>();
    if (text.size() < 200) continue;
    ++accuracy.articles;
    Language got = Detect(text);
    if (got == expected) {
      ++accuracy.correct;
    } else {
      accuracy.misses += article.value("id", "") + " -> " + std::string(LanguageCode(got)) + ": " +
                         text.substr(0, 120) + "\n";
    }
  }
  return accuracy;
}

void ExpectAccurate(const std::string& relative_path, Language expected) {
  Accuracy accuracy = MeasureCorpus(relative_path, expected);
  ASSERT_GT(accuracy.articles, 200) << relative_path;
  EXPECT_GE(accuracy.correct * 100, accuracy.articles * 99)
      << relative_path << ": " << accuracy.correct << "/" << accuracy.articles << "\n"
      << accuracy.misses;
}

TEST(LangTest, FarsNewsIsPersianIncludingArabicTypedPages) {
  ExpectAccurate("farsnews-fa/farsnews_1491.jsonl", Language::kPersian);
}

TEST(LangTest, SaudiNewsNetIsArabic) {
  ExpectAccurate("saudinewsnet-ar/saudinewsnet_subset.jsonl", Language::kArabic);
}

TEST(LangTest, AntMultisourceIsArabic) {
  ExpectAccurate("ant-arabic-news-multisource/ant_multisource_subset.jsonl", Language::kArabic);
}

TEST(LangTest, TehranTimesIsEnglish) {
  ExpectAccurate("tehrantimes-en/tehrantimes_diplomacy_subset.jsonl", Language::kEnglish);
}

TEST(LangTest, SeedsAreFourPersianAndOneArabic) {
  const std::string seeds = std::string(RAYZAN_SHARED_DIR) + "/seeds/";
  EXPECT_EQ(Detect(ReadFile(seeds + "000_577ad472b90e8ddb.txt")), Language::kPersian);
  EXPECT_EQ(Detect(ReadFile(seeds + "001_9daf9b23fdd5586e.txt")), Language::kPersian);
  EXPECT_EQ(Detect(ReadFile(seeds + "002_f9df47be515c0267.txt")), Language::kArabic);
  EXPECT_EQ(Detect(ReadFile(seeds + "003_8a2e76ed469fac0b.txt")), Language::kPersian);
  EXPECT_EQ(Detect(ReadFile(seeds + "004_6967ce8f0ae44b22.txt")), Language::kPersian);
}

TEST(LangTest, PersianTypedWithArabicYehAndKafIsPersian) {
  // Fars News, 2008: no Persian ی or ک anywhere, and no پ چ ژ گ either.
  EXPECT_EQ(Detect("وي از بهره‌برداري 6 هزار و 127 دفتر ICT روستايي تا پايان مرداد ماه سال "
                   "جاري در كشور خبر داد و افزود: اين دفاتر قادرند 24 هزار روستا را تحت پوشش قرار دهند."),
            Language::kPersian);
}

TEST(LangTest, ArabicSentenceFromSeed002IsArabic) {
  EXPECT_EQ(Detect("قال بلينكين في مؤتمر صحفي عقب محادثاته مع وزير الخارجية الروسي سيرغي "
                   "لافروف، اليوم الخميس، في العاصمة السويدية ستوكهولم"),
            Language::kArabic);
}

TEST(LangTest, PersianSentenceFromSeed000IsPersian) {
  EXPECT_EQ(Detect("او همچنین مدعی شد: آنچه که ایران در برنامه هستهای خود انجام میدهد، با "
                   "پایبندی هایش در توافق هستهای همخونی ندارد."),
            Language::kPersian);
}

TEST(LangTest, ArabicHeadlineWithoutFunctionWordsLeansOnTheArticle) {
  // SaudiNewsNet headline: no listed function word, three words with ال.
  EXPECT_EQ(Detect("خادم الحرمين يستقبل ولي العهد الكويتي ويبحث العلاقات الثنائية"), Language::kArabic);
}

TEST(LangTest, LatinTextIsEnglishOnlyWithEnglishFunctionWords) {
  EXPECT_EQ(Detect("Iranian Foreign Minister Mohammad Javad Zarif met with his Omani counterpart "
                   "in Tehran on Monday to discuss the latest regional developments."),
            Language::kEnglish);
  EXPECT_EQ(Detect("Le ministre iranien des Affaires étrangères a rencontré son homologue omanais "
                   "lundi à Téhéran pour discuter des derniers développements régionaux."),
            Language::kOther);
  EXPECT_EQ(Detect("Министр иностранных дел России Сергей Лавров провёл переговоры в Стокгольме."),
            Language::kOther);
}

TEST(LangTest, TooFewLettersIsUnknown) {
  EXPECT_EQ(Detect(""), Language::kUnknown);
  EXPECT_EQ(Detect("۲۹ بهمن ۱۴۰۰"), Language::kUnknown);
  EXPECT_EQ(Detect("الأمير محمد بن سلمان"), Language::kUnknown);  // a SaudiNewsNet caption
  EXPECT_EQ(Detect("... 12:30 — 2021/12/02"), Language::kUnknown);
}

}  // namespace
}  // namespace rayzan
