// Date helpers shared by the metadata extractor and ParseDate.
#pragma once

#include <string>
#include <string_view>

#include "rayzan/status.h"

namespace rayzan::internal {

// "YYYY-MM-DD" for a valid day, else "". jalali: the input is Solar Hijri
// (year 1300-1450) and is converted with ICU's Persian calendar.
std::string ToGregorian(int year, int month, int day, bool jalali);

// ParseDate, plus (allow_compact) 8-digit "20200622" runs as found in URLs.
// month_first reads an ambiguous "3/4/2025" as March 4 (US English pages);
// otherwise as 3 April.
std::string ParseDateTokens(std::string_view text, bool allow_compact, bool month_first = false);

// A month name of data/html/months.tsv as the parser compares it (case and
// Arabic/Persian letter variants folded). Fails, saying why, on a name the
// parser's tokens could never equal: not one word or two split by one space,
// or holding a non-letter (digit, '.', ZWNJ, harakat).
Status FoldMonthName(std::string_view name, std::u32string* folded);

}  // namespace rayzan::internal
