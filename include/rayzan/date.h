// Dates: an article's own date, and the dates its text mentions.
//
// Understands Jalali (۲۹ بهمن ۱۴۰۰), Gregorian in Persian, Arabic and English
// (2022 February 18, 28 مايو 2021, حزيران/يونيو, 02.12.2021, 2021-12-02),
// Hijri (١٥ رمضان ١٤٤٢ هـ), and relative expressions (today, yesterday, a
// weekday, this/next/last week, late next week, next month, this year).
// Calendar conversion goes through ICU's Persian and Islamic calendars.
//
// Relative expressions resolve against an anchor, normally the article's
// publication date. With no anchor they stay unresolved: the honest answer is
// no date, never a guess.
#pragma once

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rayzan/status.h"
#include "rayzan/text.h"

namespace rayzan {

// A proleptic Gregorian calendar day.
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31

  auto operator<=>(const CivilDate&) const = default;
  // "2021-12-02".
  std::string ToIso() const;
  // Parses "YYYY-MM-DD" (a longer ISO timestamp is cut to its date part).
  static std::optional<CivilDate> FromIso(std::string_view text);
  // Days since 1970-01-01, and back.
  int64_t ToDays() const;
  static CivilDate FromDays(int64_t days);
  CivilDate AddDays(int64_t days) const { return FromDays(ToDays() + days); }
  // 0 = Sunday ... 6 = Saturday.
  int Weekday() const;
};

// Closed interval of days [from, to].
struct DateInterval {
  CivilDate from;
  CivilDate to;
  bool operator==(const DateInterval&) const = default;
  bool Overlaps(const DateInterval& other) const { return from <= other.to && other.from <= to; }
};

// Conversions through ICU calendars. Return nullopt for impossible dates.
std::optional<CivilDate> FromPersianCalendar(int year, int month, int day);
std::optional<CivilDate> FromHijriCalendar(int year, int month, int day);

// Month, weekday and relative-expression words per language, loaded from
// data/dates/ (see data/dates/README.md for the file formats).
class DateLexicon {
 public:
  // Fails naming the file that is missing or malformed.
  static Result<DateLexicon> Load(const std::string& directory);

  struct Impl;
  std::shared_ptr<const Impl> impl;
};

enum class DateMentionKind {
  kAbsolute,  // carries its own year (or the year of a stated era)
  kRelative,  // needs the anchor: today, yesterday, a weekday, next week, a month without year
};

struct DateMention {
  Span span;  // in the text searched
  DateMentionKind kind = DateMentionKind::kAbsolute;
  // The days the expression allows; empty when it needs an anchor and has none.
  std::optional<DateInterval> interval;
  // A bare weekday ("on Thursday") resolves to the latest such day on or
  // before the anchor; a planned event may shift it a week ahead.
  bool bare_weekday = false;
  // The expression points to the future of the anchor ("next week", "tomorrow").
  bool future = false;
  // When the expression says which weekday today is ("اليوم الخميس",
  // "امروز (جمعه)"): that weekday, 0 = Sunday. The caller's weekday_hint.
  std::optional<int> today_weekday;
};

// Immutable once built: Find and FindPublicationDate may run on many threads at once.
class DateFinder {
 public:
  explicit DateFinder(const DateLexicon& lexicon);

  // Every date expression in `region` of the normalized `text`, in order,
  // resolved against `anchor` when one is given.
  std::vector<DateMention> Find(std::string_view text, Span region, Language language,
                                std::optional<CivilDate> anchor) const;

  // The article's own publication date, from the lines that may carry it
  // (metadata lines and the first lines of the article, in order of
  // preference). Labelled date lines ("تاریخ انتشار: ...") win; otherwise the
  // latest absolute full date (day, month, year) found; dates of time-of-day
  // stamped comments in the footer are never offered here by the caller.
  // `weekday_hint` (0 = Sunday..6), when the text says "today (Friday)",
  // breaks ties between candidate dates.
  std::optional<CivilDate> FindPublicationDate(std::string_view text, const std::vector<Span>& lines,
                                               std::optional<int> weekday_hint = std::nullopt) const;

 private:
  std::shared_ptr<const DateLexicon::Impl> lexicon_;
};

}  // namespace rayzan
