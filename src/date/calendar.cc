#include "date/calendar.h"

#include <cstdio>
#include <cstring>
#include <memory>

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

namespace rayzan {

namespace {

constexpr int64_t kMillisPerDay = 86400000;

int ParseDigits(std::string_view text, size_t from, size_t count) {
  int value = 0;
  for (size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

bool AllDigits(std::string_view text, size_t from, size_t count) {
  for (size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

int DaysInGregorianMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::string CivilDate::ToIso() const {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::optional<CivilDate> CivilDate::FromIso(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!AllDigits(text, 0, 4) || !AllDigits(text, 5, 2) || !AllDigits(text, 8, 2)) return std::nullopt;
  CivilDate date{ParseDigits(text, 0, 4), ParseDigits(text, 5, 2), ParseDigits(text, 8, 2)};
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > DaysInGregorianMonth(date.year, date.month)) {
    return std::nullopt;
  }
  return date;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t CivilDate::ToDays() const {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDays(int64_t days) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

int CivilDate::Weekday() const {
  int64_t days = ToDays();  // 1970-01-01 was a Thursday.
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

namespace internal {

namespace {

// ICU calendars are costly to create and not thread-safe: one per thread.
icu::Calendar* IcuCalendar(Calendar calendar) {
  thread_local std::unique_ptr<icu::Calendar> persian;
  thread_local std::unique_ptr<icu::Calendar> hijri;
  std::unique_ptr<icu::Calendar>& slot = calendar == Calendar::kJalali ? persian : hijri;
  if (slot) return slot.get();
  UErrorCode status = U_ZERO_ERROR;
  if (calendar == Calendar::kJalali) {
    slot.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                             icu::Locale("fa_IR@calendar=persian"), status));
  } else {
    // Umm al-Qura is the calendar Arab news dates by; ICU builds without its
    // tables answer with another type, and then the arithmetic civil calendar is the honest fallback.
    slot.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                             icu::Locale("ar_SA@calendar=islamic-umalqura"), status));
    if (U_FAILURE(status) || !slot || std::strcmp(slot->getType(), "islamic-umalqura") != 0) {
      status = U_ZERO_ERROR;
      slot.reset(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
                                               icu::Locale("ar_SA@calendar=islamic-civil"), status));
    }
  }
  if (U_FAILURE(status)) slot.reset();
  if (slot) slot->setLenient(false);
  return slot.get();
}

}  // namespace

std::optional<CivilDate> FromCalendar(Calendar calendar, int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999) return std::nullopt;
  if (calendar == Calendar::kGregorian) {
    if (day > DaysInGregorianMonth(year, month)) return std::nullopt;
    return CivilDate{year, month, day};
  }
  if (calendar == Calendar::kHijri && day > 30) return std::nullopt;
  icu::Calendar* cal = IcuCalendar(calendar);
  if (cal == nullptr) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  cal->clear();
  cal->set(year, month - 1, day, 12, 0, 0);
  UDate millis = cal->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  // Non-lenient ICU rejects most impossible days; the round trip catches the rest.
  cal->setTime(millis, status);
  if (U_FAILURE(status) || cal->get(UCAL_YEAR, status) != year || cal->get(UCAL_MONTH, status) != month - 1 ||
      cal->get(UCAL_DATE, status) != day) {
    return std::nullopt;
  }
  int64_t days = static_cast<int64_t>(millis) / kMillisPerDay;
  return CivilDate::FromDays(days);
}

CalendarDay ToCalendar(Calendar calendar, CivilDate date) {
  if (calendar == Calendar::kGregorian) return {date.year, date.month, date.day};
  icu::Calendar* cal = IcuCalendar(calendar);
  if (cal == nullptr) return {};
  UErrorCode status = U_ZERO_ERROR;
  cal->clear();
  cal->setTime(static_cast<UDate>(date.ToDays() * kMillisPerDay + kMillisPerDay / 2), status);
  CalendarDay result{cal->get(UCAL_YEAR, status), cal->get(UCAL_MONTH, status) + 1, cal->get(UCAL_DATE, status)};
  if (U_FAILURE(status)) return {};
  return result;
}

std::optional<DateInterval> MonthInterval(Calendar calendar, int year, int month) {
  std::optional<CivilDate> first = FromCalendar(calendar, year, month, 1);
  std::optional<CivilDate> next = month == 12 ? FromCalendar(calendar, year + 1, 1, 1)
                                              : FromCalendar(calendar, year, month + 1, 1);
  if (!first || !next) return std::nullopt;
  return DateInterval{*first, next->AddDays(-1)};
}

std::optional<DateInterval> YearInterval(Calendar calendar, int year) {
  std::optional<CivilDate> first = FromCalendar(calendar, year, 1, 1);
  std::optional<CivilDate> next = FromCalendar(calendar, year + 1, 1, 1);
  if (!first || !next) return std::nullopt;
  return DateInterval{*first, next->AddDays(-1)};
}

}  // namespace internal

std::optional<CivilDate> FromPersianCalendar(int year, int month, int day) {
  return internal::FromCalendar(internal::Calendar::kJalali, year, month, day);
}

std::optional<CivilDate> FromHijriCalendar(int year, int month, int day) {
  return internal::FromCalendar(internal::Calendar::kHijri, year, month, day);
}

}  // namespace rayzan
