// Date helpers shared by the metadata extractor and ParseDate.
#pragma once

#include <string>
#include <string_view>

namespace rayzan::internal {

// "YYYY-MM-DD" for a valid day, else "". jalali: the input is Solar Hijri
// (year 1300-1450) and is converted with ICU's Persian calendar.
std::string ToGregorian(int year, int month, int day, bool jalali);

// ParseDate, plus (allow_compact) 8-digit "20200622" runs as found in URLs.
// month_first reads an ambiguous "3/4/2025" as March 4 (US English pages);
// otherwise as 3 April.
std::string ParseDateTokens(std::string_view text, bool allow_compact, bool month_first = false);

}  // namespace rayzan::internal
