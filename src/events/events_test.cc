#include "rayzan/events.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rayzan/normalize.h"

// The event stage on its own: text is normalized and split into lines here,
// as the pipeline does, and the language and publication date are given (the
// clean-up and language stages are not linked into this test; the same cases
// through the whole Pipeline are in src/pipeline/pipeline_test.cc).

namespace rayzan {
namespace {

struct Stage {
  std::shared_ptr<const KnowledgeBase> kb;
  std::unique_ptr<DateLexicon> dates;
  std::shared_ptr<const EventExtractor> extractor;
};

// Loaded once for the whole binary, from the bundled data folder.
const Stage& Bundled() {
  static const Stage* stage = [] {
    auto* loaded = new Stage;
    const std::string data = RAYZAN_DATA_DIR;
    auto kb = KnowledgeBase::Load({data + "/kb"});
    if (!kb.ok()) {
      ADD_FAILURE() << kb.status().message();
      std::abort();
    }
    loaded->kb = std::move(kb).value();
    auto dates = DateLexicon::Load(data + "/dates");
    if (!dates.ok()) {
      ADD_FAILURE() << dates.status().message();
      std::abort();
    }
    loaded->dates = std::make_unique<DateLexicon>(std::move(dates).value());
    auto extractor = EventExtractor::Create(loaded->kb, *loaded->dates, data + "/events/cues.tsv");
    if (!extractor.ok()) {
      ADD_FAILURE() << extractor.status().message();
      std::abort();
    }
    loaded->extractor = std::move(extractor).value();
    return loaded;
  }();
  return *stage;
}

CivilDate D(int year, int month, int day) { return CivilDate{year, month, day}; }

// An article after the event stage, with its texts kept for slicing evidence.
struct Coded {
  std::string source;
  NormalizedText normalized;
  std::vector<Event> events;
};

constexpr Language kFa = Language::kPersian;
constexpr Language kAr = Language::kArabic;

Coded Code(std::string_view text, Language language, std::optional<CivilDate> published = std::nullopt) {
  Coded coded;
  coded.source = std::string(text);
  coded.normalized = Normalize(coded.source);
  ArticleView view;
  view.text = coded.normalized.text;
  view.language = language;
  view.published = published;
  // Every non-empty line is a body line.
  const std::string& normalized = coded.normalized.text;
  uint32_t begin = 0;
  while (begin < normalized.size()) {
    size_t newline = normalized.find('\n', begin);
    uint32_t end = newline == std::string::npos ? static_cast<uint32_t>(normalized.size())
                                                : static_cast<uint32_t>(newline);
    if (end > begin) view.body.push_back({begin, end});
    begin = end + 1;
  }
  Segmenter segmenter;
  coded.events = Bundled().extractor->Extract(view, segmenter);
  return coded;
}

std::vector<std::string> Participants(const Event& event) {
  std::vector<std::string> names;
  for (const Actor& actor : event.actors) names.push_back(actor.name);
  return names;
}

DateInterval Day(CivilDate day) { return DateInterval{day, day}; }

// The original text of an evidence span.
std::string Evidence(const Coded& coded, Span normalized) {
  return std::string(Slice(coded.source, coded.normalized.ToSource(normalized)));
}

// For error messages: one line per event.
std::string Show(const Coded& coded) {
  std::string out;
  for (const Event& event : coded.events) {
    out += std::string(EventModeName(event.mode)) + " " + std::string(EventStatusName(event.status)) + ":";
    for (const Actor& actor : event.actors) {
      out += " [" + std::string(ActorKindName(actor.kind)) + " " + actor.name + "]";
    }
    out += "\n";
  }
  return out;
}

constexpr char kLavrovKerryYesterday[] =
    "سرگئی لاوروف، وزیر امور خارجه روسیه روز گذشته در مسکو با جان کری، وزیر امور خارجه آمریکا دیدار کرد.";
constexpr char kRolesInGeneva[] = "وزیر خارجه آمریکا با همتای روس خود در ژنو دیدار کرد.";

// ---------------------------------------------------------------------------
// Meetings.

TEST(EventExtractorTest, PersianMeetingWithPlace) {
  Coded coded = Code(kLavrovKerryYesterday, kFa);
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  const Event& event = coded.events[0];
  EXPECT_EQ(event.mode, EventMode::kMeet);
  EXPECT_EQ(event.status, EventStatus::kOccurred);
  EXPECT_EQ(Participants(event), (std::vector<std::string>{"Sergey Lavrov", "John Kerry"}));
  EXPECT_EQ(event.actors[0].kind, Actor::Kind::kPerson);
  EXPECT_EQ(event.actors[0].id, "rz:sergey-lavrov");
  EXPECT_EQ(event.actors[1].id, "rz:john-kerry");
  EXPECT_EQ(event.city, "Moscow");
  EXPECT_EQ(event.country, "RU");
  // "روز گذشته" needs the article's date, and there is none.
  EXPECT_EQ(event.date, std::nullopt);
  ASSERT_EQ(event.evidence.size(), 1u);
  EXPECT_EQ(Evidence(coded, event.evidence[0]), kLavrovKerryYesterday);
}

TEST(EventExtractorTest, YesterdayResolvesAgainstPublicationDate) {
  Coded coded = Code(kLavrovKerryYesterday, kFa, D(2016, 3, 25));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Sergey Lavrov", "John Kerry"}));
  EXPECT_EQ(coded.events[0].date, Day(D(2016, 3, 24)));
  EXPECT_EQ(coded.events[0].actors[0].office, "foreign_minister");
  EXPECT_EQ(coded.events[0].actors[0].jurisdiction, "RU");
  EXPECT_EQ(coded.events[0].actors[1].office, "foreign_minister");
  EXPECT_EQ(coded.events[0].actors[1].jurisdiction, "US");
}

TEST(EventExtractorTest, ArabicMeetingWithCounterpart) {
  Coded coded = Code("التقى وزير الخارجية الإيراني محمد جواد ظريف نظيره الروسي سيرغي لافروف في موسكو اليوم", kAr,
                     D(2019, 12, 30));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  const Event& event = coded.events[0];
  EXPECT_EQ(event.mode, EventMode::kMeet);
  EXPECT_EQ(event.status, EventStatus::kOccurred);
  EXPECT_EQ(Participants(event), (std::vector<std::string>{"Mohammad Javad Zarif", "Sergey Lavrov"}));
  EXPECT_EQ(event.city, "Moscow");
  EXPECT_EQ(event.country, "RU");
  EXPECT_EQ(event.date, Day(D(2019, 12, 30)));
}

// ---------------------------------------------------------------------------
// Roles resolved by the date.

TEST(EventExtractorTest, RolesResolveToHoldersOnPublicationDate) {
  Coded blinken = Code(kRolesInGeneva, kFa, D(2021, 6, 20));
  ASSERT_EQ(blinken.events.size(), 1u) << Show(blinken);
  EXPECT_EQ(Participants(blinken.events[0]), (std::vector<std::string>{"Antony Blinken", "Sergey Lavrov"}));
  EXPECT_EQ(blinken.events[0].actors[0].kind, Actor::Kind::kPerson);
  EXPECT_EQ(blinken.events[0].city, "Geneva");
  EXPECT_EQ(blinken.events[0].country, "CH");

  Coded kerry = Code(kRolesInGeneva, kFa, D(2016, 4, 1));
  ASSERT_EQ(kerry.events.size(), 1u) << Show(kerry);
  EXPECT_EQ(Participants(kerry.events[0]), (std::vector<std::string>{"John Kerry", "Sergey Lavrov"}));
}

TEST(EventExtractorTest, RolesStayUnresolvedWithoutAnyDate) {
  // No date in the text and none for the article: who held the office is
  // unknown, so no person is named.
  Coded coded = Code(kRolesInGeneva, kFa);
  for (const Event& event : coded.events) {
    for (const Actor& actor : event.actors) {
      EXPECT_NE(actor.kind, Actor::Kind::kPerson) << Show(coded);
      EXPECT_TRUE(actor.id.empty()) << actor.name;
    }
  }
  // What remains is the description of the roles.
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(Participants(coded.events[0]),
            (std::vector<std::string>{"foreign_minister of US", "foreign_minister of RU"}));
  EXPECT_EQ(coded.events[0].actors[0].kind, Actor::Kind::kRole);
  EXPECT_EQ(coded.events[0].actors[1].kind, Actor::Kind::kRole);
}

// ---------------------------------------------------------------------------
// Status and channel.

TEST(EventExtractorTest, FutureVerbMakesEventPlanned) {
  Coded coded = Code(
      "سرگئی لاوروف، وزیر امور خارجه روسیه در ژنو با آنتونی بلینکن، وزیر امور خارجه آمریکا دیدار خواهد کرد.", kFa,
      D(2021, 6, 20));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].mode, EventMode::kMeet);
  EXPECT_EQ(coded.events[0].status, EventStatus::kPlanned);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Sergey Lavrov", "Antony Blinken"}));
  EXPECT_EQ(coded.events[0].city, "Geneva");
}

TEST(EventExtractorTest, NextWeekIsTheFollowingSaturdayToFriday) {
  // 2021-06-20 is a Sunday; the Iranian week starts on Saturday.
  Coded coded = Code(
      "سرگئی لاوروف، وزیر امور خارجه روسیه هفته آینده در ژنو با آنتونی بلینکن، وزیر امور خارجه آمریکا دیدار خواهد "
      "کرد.",
      kFa, D(2021, 6, 20));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].status, EventStatus::kPlanned);
  EXPECT_EQ(coded.events[0].date, (DateInterval{D(2021, 6, 26), D(2021, 7, 2)}));
}

TEST(EventExtractorTest, PhoneCall) {
  Coded coded = Code(
      "سرگئی لاوروف، وزیر امور خارجه روسیه با آنتونی بلینکن، وزیر امور خارجه آمریکا تماس تلفنی داشت.", kFa,
      D(2021, 6, 20));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].mode, EventMode::kPhone);
  EXPECT_EQ(coded.events[0].status, EventStatus::kOccurred);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Sergey Lavrov", "Antony Blinken"}));
  EXPECT_TRUE(coded.events[0].city.empty());
  EXPECT_TRUE(coded.events[0].country.empty());
}

// ---------------------------------------------------------------------------
// Negation. Each negated sentence has a positive twin, so that "no event"
// cannot pass merely because nothing was recognized.

TEST(EventExtractorTest, PersianPlannedMeetingTwinOfNegation) {
  Coded coded = Code("دیداری میان لاوروف و بلینکن برنامه ریزی شده است", kFa, D(2021, 6, 20));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].status, EventStatus::kPlanned);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Sergey Lavrov", "Antony Blinken"}));
}

TEST(EventExtractorTest, PersianNegationYieldsNoEvent) {
  // Seed 003: "هیچ برنامه ریزی رسمی برای دیدار خصوصی ... ترتیب داده نشده است".
  Coded coded = Code("هیچ دیداری میان لاوروف و بلینکن برنامه ریزی نشده است", kFa, D(2021, 6, 20));
  EXPECT_TRUE(coded.events.empty()) << Show(coded);
}

TEST(EventExtractorTest, ArabicNegationYieldsNoEvent) {
  Coded coded = Code("لم يلتق بلينكن ولافروف", kAr, D(2021, 6, 20));
  EXPECT_TRUE(coded.events.empty()) << Show(coded);
}

TEST(EventExtractorTest, ArabicMeetingTwinOfNegation) {
  Coded coded = Code("التقى بلينكن ولافروف", kAr, D(2021, 6, 20));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Antony Blinken", "Sergey Lavrov"}));
}

TEST(EventExtractorTest, ArabicNegatedTriggerYieldsNoEvent) {
  // "لم يلتق" above has the jussive يلتق, which the cue lexicon does not list
  // as a trigger at all; here the trigger is recognized and the negation
  // alone must suppress it.
  Coded negated = Code("لم يجتمع بلينكن ولافروف في جنيف", kAr, D(2021, 6, 20));
  EXPECT_TRUE(negated.events.empty()) << Show(negated);
  Coded twin = Code("اجتمع بلينكن ولافروف في جنيف", kAr, D(2021, 6, 20));
  ASSERT_EQ(twin.events.size(), 1u) << Show(twin);
  EXPECT_EQ(twin.events[0].city, "Geneva");

  Coded will_not = Code("لن يلتقي بلينكن لافروف في جنيف", kAr, D(2021, 6, 20));
  EXPECT_TRUE(will_not.events.empty()) << Show(will_not);
  Coded will = Code("سيلتقي بلينكن لافروف في جنيف", kAr, D(2021, 6, 20));
  ASSERT_EQ(will.events.size(), 1u) << Show(will);
  EXPECT_EQ(will.events[0].status, EventStatus::kPlanned);
}

// ---------------------------------------------------------------------------
// Visits and summits.

TEST(EventExtractorTest, ArrivalIsVisit) {
  Coded coded = Code("جان کری وارد مسکو شد", kFa, D(2016, 3, 23));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  const Event& event = coded.events[0];
  EXPECT_EQ(event.mode, EventMode::kVisit);
  EXPECT_EQ(event.status, EventStatus::kOccurred);
  EXPECT_EQ(Participants(event), std::vector<std::string>{"John Kerry"});
  EXPECT_EQ(event.target_country, "RU");
  EXPECT_EQ(event.city, "Moscow");
}

TEST(EventExtractorTest, JointAttendanceIsMultilateral) {
  Coded coded = Code("لاوروف و بلینکن در نشست سازمان همکاری و امنیت اروپا در مالت شرکت کردند", kFa,
                     D(2024, 12, 5));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  const Event& event = coded.events[0];
  EXPECT_EQ(event.mode, EventMode::kMultilateral);
  EXPECT_EQ(event.status, EventStatus::kOccurred);
  EXPECT_EQ(Participants(event), (std::vector<std::string>{"Sergey Lavrov", "Antony Blinken"}));
  EXPECT_EQ(event.organization, "OSCE");
  EXPECT_EQ(event.country, "MT");
  EXPECT_TRUE(event.city.empty());
}

// ---------------------------------------------------------------------------
// One real-world event, one Event.

TEST(EventExtractorTest, SameMeetingInThreeSentencesIsOneEvent) {
  const std::string first = kLavrovKerryYesterday;
  const std::string second = "در این دیدار لاوروف و کری درباره سوریه گفتگو کردند.";
  const std::string third = "کری پس از دیدار با لاوروف در مسکو گفت که مذاکرات سازنده بود.";
  Coded coded = Code(first + "\n" + second + "\n" + third, kFa, D(2016, 3, 25));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  const Event& event = coded.events[0];
  EXPECT_EQ(Participants(event), (std::vector<std::string>{"Sergey Lavrov", "John Kerry"}));
  EXPECT_EQ(event.date, Day(D(2016, 3, 24)));
  EXPECT_EQ(event.city, "Moscow");
  ASSERT_EQ(event.evidence.size(), 3u);
  // The first sentence, which names both in full, is the evidence shown.
  EXPECT_EQ(Evidence(coded, event.evidence[0]), first);
  EXPECT_EQ(Evidence(coded, event.evidence[1]), second);
  EXPECT_EQ(Evidence(coded, event.evidence[2]), third);
}

TEST(EventExtractorTest, SameMeetingInOneParagraphIsOneEvent) {
  const std::string first = kLavrovKerryYesterday;
  const std::string second = "لاوروف و کری در این دیدار درباره سوریه رایزنی کردند.";
  const std::string third = "دیدار لاوروف و کری در مسکو سه ساعت طول کشید.";
  Coded coded = Code(first + " " + second + " " + third, kFa, D(2016, 3, 25));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  ASSERT_EQ(coded.events[0].evidence.size(), 3u);
  EXPECT_EQ(Evidence(coded, coded.events[0].evidence[1]), second);
  EXPECT_EQ(Evidence(coded, coded.events[0].evidence[2]), third);
}

TEST(EventExtractorTest, EvidenceMapsBackToTriggerInOriginal) {
  // Arabic letters (ي ك) and a diacritic change bytes under normalization;
  // the evidence must still slice the original at the same sentence.
  const std::string text =
      "وزير الخارجية الأمريكي أنتوني بلينكين يزور أوروبا.\n"
      "وأجرى بلينكن محادثاتٍ مع وزير الخارجية الروسي سيرغي لافروف في ستوكهولم اليوم.";
  Coded coded = Code(text, kAr, D(2021, 12, 2));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  ASSERT_FALSE(coded.events[0].evidence.empty());
  std::string evidence = Evidence(coded, coded.events[0].evidence[0]);
  EXPECT_NE(evidence.find("محادثاتٍ"), std::string::npos) << evidence;
  EXPECT_EQ(evidence, "وأجرى بلينكن محادثاتٍ مع وزير الخارجية الروسي سيرغي لافروف في ستوكهولم اليوم.");
  EXPECT_EQ(coded.events[0].city, "Stockholm");
  EXPECT_EQ(coded.events[0].date, Day(D(2021, 12, 2)));
}

}  // namespace
}  // namespace rayzan

namespace rayzan {
namespace {

// ---------------------------------------------------------------------------
// Word order and channel rules added after reading unseen corpora.

TEST(EventExtractorTest, VerbFirstObjectAfterDateAndPlace) {
  Coded coded = Code("استقبل الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، في القاهرة وزير الخارجية الإيراني عباس عراقجي.",
                     kAr, D(2025, 6, 1));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Abdel Fattah el-Sisi", "Abbas Araghchi"}));
  EXPECT_EQ(coded.events[0].city, "Cairo");
  EXPECT_EQ(coded.events[0].date, Day(D(2025, 6, 1)));
}

TEST(EventExtractorTest, ArabicWithAfterTheSubject) {
  Coded coded = Code("التقى وزير الخارجية التركي هاكان فيدان، مع وزير الخارجية الإيراني عباس عراقجي في أنقرة.", kAr,
                     D(2025, 1, 10));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Hakan Fidan", "Abbas Araghchi"}));
}

TEST(EventExtractorTest, PersianDestinationBeforeTravelWord) {
  Coded coded = Code("عباس عراقچی هفته آینده به مسکو سفر می‌کند.", kFa, D(2025, 4, 9));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].mode, EventMode::kVisit);
  EXPECT_EQ(coded.events[0].status, EventStatus::kPlanned);
  EXPECT_EQ(coded.events[0].target_country, "RU");
  EXPECT_EQ(coded.events[0].city, "Moscow");
}

TEST(EventExtractorTest, UnspecifiedContactJoinsThePhoneCallOfTheSamePair) {
  // "بحث ... مع" says they spoke; "في اتصال هاتفي" says how: one phone call.
  Coded coded = Code("بحث وزير الخارجية السعودي الأمير فيصل بن فرحان مع نظيره الأمريكي أنتوني بلينكن، في اتصال هاتفي، "
                     "المستجدات في المنطقة.",
                     kAr, D(2023, 5, 2));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].mode, EventMode::kPhone);
  EXPECT_EQ(Participants(coded.events[0]), (std::vector<std::string>{"Faisal bin Farhan Al Saud", "Antony Blinken"}));
}

TEST(EventExtractorTest, PlannedContactStaysApartFromAPastMeeting) {
  Coded coded = Code(
      "قال بلينكن إن الرئيسين فلاديمير بوتين وجو بايدن سيجريان اتصالات مباشرة في المستقبل القريب.\n"
      "وتحدث عن قمة بوتين وبايدن في جنيف في حزيران/يونيو من هذا العام.",
      kAr, D(2021, 12, 2));
  ASSERT_EQ(coded.events.size(), 2u) << Show(coded);
}

TEST(EventExtractorTest, TalksNamedInAPurposeClauseAreNoSecondEvent) {
  Coded coded = Code("Iranian Foreign Minister Abbas Araghchi held a phone call with his Omani counterpart Badr Albusaidi "
                     "on Monday to discuss the next round of talks.",
                     Language::kEnglish, D(2025, 5, 12));
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].mode, EventMode::kPhone);
  EXPECT_EQ(coded.events[0].status, EventStatus::kOccurred);
  EXPECT_EQ(coded.events[0].date, Day(D(2025, 5, 12)));
}

TEST(EventExtractorTest, RoleReportedTwiceIsOneEvent) {
  // The Russian minister is unresolved (no date), yet both sentences report one meeting.
  Coded coded = Code("وزیر امور خارجه روسیه در مسکو با عباس عراقچی دیدار کرد.\n"
                     "وزیر امور خارجه روسیه و عباس عراقچی در این دیدار درباره سوریه رایزنی کردند.",
                     kFa);
  ASSERT_EQ(coded.events.size(), 1u) << Show(coded);
  EXPECT_EQ(coded.events[0].evidence.size(), 2u);
}

TEST(EventExtractorTest, UndatedPlannedSummitStaysApartFromThePastOne) {
  Coded coded = Code("Donald Trump met Vladimir Putin in Helsinki on Monday.\n"
                     "A second summit between Donald Trump and Vladimir Putin will be held in Washington.",
                     Language::kEnglish, D(2018, 7, 19));
  ASSERT_EQ(coded.events.size(), 2u) << Show(coded);
  EXPECT_EQ(coded.events[0].status, EventStatus::kOccurred);
  EXPECT_EQ(coded.events[0].city, "Helsinki");
  EXPECT_EQ(coded.events[1].status, EventStatus::kPlanned);
  EXPECT_EQ(coded.events[1].city, "Washington, D.C.");
}

}  // namespace
}  // namespace rayzan
