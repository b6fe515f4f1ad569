// Conversions between the proleptic Gregorian calendar and the Jalali (solar
// Hijri) and Islamic calendars, through ICU. Internal to the date stage.
#pragma once

#include <optional>

#include "rayzan/date.h"

namespace rayzan::internal {

enum class Calendar { kGregorian, kJalali, kHijri };

// A day written in `calendar`: month 1-12, day 1-31.
struct CalendarDay {
  int year = 0;
  int month = 0;
  int day = 0;
};

// The Gregorian day of a day written in `calendar`; nullopt when no such day
// exists (month 13, 31 Esfand, 30 February).
std::optional<CivilDate> FromCalendar(Calendar calendar, int year, int month, int day);
// The day `date` as written in `calendar`.
CalendarDay ToCalendar(Calendar calendar, CivilDate date);
// The days of a month and of a year of `calendar`; nullopt when out of range.
std::optional<DateInterval> MonthInterval(Calendar calendar, int year, int month);
std::optional<DateInterval> YearInterval(Calendar calendar, int year);

}  // namespace rayzan::internal
