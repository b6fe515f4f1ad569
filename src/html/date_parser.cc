// ParseDate: one date out of a metadata value or a dateline.
//
// The month names are read from data/html/months.tsv (html_lexicon.h) once,
// at first use, and indexed here once; parsing only looks them up.
#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>

#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "html/date_internal.h"
#include "html/html_lexicon.h"
#include "rayzan/html.h"
#include "rayzan/text.h"

namespace rayzan {
namespace internal {
namespace {

enum class Calendar { kGregorian, kJalali };

// Folds the spelling variants that differ between Arabic and Persian
// keyboards and hamza forms, so one table entry matches them all.
char32_t FoldLetter(char32_t c) {
  switch (c) {
    case U'\u064A': case U'\u0649': return U'\u06CC';  // ي ى -> ی
    case U'\u0643': return U'\u06A9';                  // ك -> ک
    case U'\u0623': case U'\u0625': case U'\u0622': return U'\u0627';  // أ إ آ -> ا
    case U'\u0629': return U'\u0647';                  // ة -> ه
    default: break;
  }
  if (c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return c;
}

// Digits of every script pages use, as values 0-9, or -1.
int DigitValue(char32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660;  // Arabic-Indic
  if (c >= 0x06F0 && c <= 0x06F9) return c - 0x06F0;  // Persian
  return -1;
}

bool IsLetter(char32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  // Harakat and tatweel are dropped by the caller; the rest of the letters count.
  return u_isalpha(c);
}

struct Token {
  std::u32string word;  // folded letters; empty for numbers
  int value = -1;       // number value when word is empty
  int digits = 0;
  std::u32string sep;   // separator text before this token (spaces collapsed)
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::u32string sep;
  Token cur;
  enum { kNone, kWord, kNumber } state = kNone;
  auto finish = [&] {
    if (state != kNone) tokens.push_back(std::move(cur));
    cur = Token();
    state = kNone;
  };
  uint32_t i = 0;
  int64_t bad = FindInvalidUtf8(text);
  if (bad >= 0) text = text.substr(0, static_cast<size_t>(bad));
  while (i < text.size() && tokens.size() < 4000) {
    char32_t c = DecodeUtf8(text, &i);
    if (c == 0x0640 || (c >= 0x064B && c <= 0x0652) || c == 0x200C || c == 0x200F || c == 0x200E) {
      continue;  // tatweel, harakat, ZWNJ and direction marks do not split words
    }
    int d = DigitValue(c);
    if (d >= 0) {
      if (state != kNumber) {
        finish();
        state = kNumber;
        cur.value = 0;
        cur.sep = sep;
        sep.clear();
      }
      if (cur.digits < 9) cur.value = cur.value * 10 + d;
      ++cur.digits;
    } else if (IsLetter(c)) {
      if (state != kWord) {
        finish();
        state = kWord;
        cur.sep = sep;
        sep.clear();
      }
      cur.word.push_back(FoldLetter(c));
    } else {
      finish();
      if (c == ' ' || c == '\t' || c == '\n' || c == 0xA0) {
        if (sep.empty() || sep.back() != ' ') sep.push_back(' ');
      } else {
        sep.push_back(c);
      }
    }
  }
  finish();
  return tokens;
}

std::u32string FoldUtf8(std::string_view s) {
  std::u32string out;
  uint32_t i = 0;
  while (i < s.size()) out.push_back(FoldLetter(DecodeUtf8(s, &i)));
  return out;
}

struct MonthIndex {
  std::unordered_map<std::u32string, std::pair<Calendar, int>> single;
  // Two-word names ("تشرين الأول"): first word -> (second word, month).
  std::unordered_multimap<std::u32string, std::pair<std::u32string, std::pair<Calendar, int>>> pairs;
};

const MonthIndex& Months() {
  static const MonthIndex* index = [] {
    auto* idx = new MonthIndex;
    for (const HtmlLexicon::MonthName& m : HtmlWords().month_names) {
      Calendar calendar = m.jalali ? Calendar::kJalali : Calendar::kGregorian;
      std::u32string name = FoldUtf8(m.name);
      size_t space = name.find(U' ');
      if (space == std::u32string::npos) {
        idx->single.emplace(name, std::make_pair(calendar, m.month));
      } else {
        idx->pairs.emplace(name.substr(0, space),
                           std::make_pair(name.substr(space + 1), std::make_pair(calendar, m.month)));
      }
    }
    return idx;
  }();
  return *index;
}

// Month at tokens[i]; *width is 1 or 2 tokens.
bool MonthAt(const std::vector<Token>& t, size_t i, Calendar* cal, int* month, size_t* width) {
  if (t[i].word.empty()) return false;
  const MonthIndex& idx = Months();
  auto range = idx.pairs.equal_range(t[i].word);
  for (auto it = range.first; it != range.second; ++it) {
    if (i + 1 < t.size() && t[i + 1].word == it->second.first) {
      *cal = it->second.second.first;
      *month = it->second.second.second;
      *width = 2;
      return true;
    }
  }
  auto found = idx.single.find(t[i].word);
  if (found == idx.single.end()) return false;
  *cal = found->second.first;
  *month = found->second.second;
  *width = 1;
  return true;
}

int DaysInMonth(Calendar cal, int year, int month) {
  if (cal == Calendar::kJalali) return month <= 6 ? 31 : (month < 12 ? 30 : 30);
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1];
}

bool PlausibleYear(Calendar cal, int year) {
  return cal == Calendar::kJalali ? (year >= 1300 && year <= 1450) : (year >= 1900 && year <= 2100);
}

std::string Format(int y, int m, int d) {
  char buf[48];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

Status FoldMonthName(std::string_view name, std::u32string* folded) {
  auto bad = [&](const std::string& why) { return Status::Error("month name '" + std::string(name) + "' " + why); };
  if (FindInvalidUtf8(name) >= 0) return bad("is not UTF-8");
  folded->clear();
  int spaces = 0;
  uint32_t i = 0;
  while (i < name.size()) {
    char32_t c = DecodeUtf8(name, &i);
    if (c == U' ') {
      if (++spaces > 1 || folded->empty() || folded->back() == U' ') return bad("must be one word or two split by one space");
    } else if (!IsLetter(c) || c == 0x0640 || (c >= 0x064B && c <= 0x0652)) {
      char code[16];
      snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
      return bad(std::string("has a character that is not a letter (") + code + ")");
    }
    folded->push_back(FoldLetter(c));
  }
  if (folded->empty() || folded->back() == U' ') return bad("must be one word or two split by one space");
  return Status();
}

std::string ToGregorian(int year, int month, int day, bool jalali) {
  if (month < 1 || month > 12 || day < 1) return "";
  Calendar cal = jalali ? Calendar::kJalali : Calendar::kGregorian;
  if (!PlausibleYear(cal, year) || day > DaysInMonth(cal, year, month)) return "";
  if (!jalali) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return "";
    return Format(year, month, day);
  }
  // Solar Hijri -> Gregorian with ICU's Persian calendar, at noon UTC so no
  // time-zone shift can move the day.
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::Calendar> persian(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("fa_IR@calendar=persian"), status));
  thread_local std::unique_ptr<icu::Calendar> gregorian(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("en_US@calendar=gregorian"), status));
  if (!persian || !gregorian) return "";
  status = U_ZERO_ERROR;
  persian->clear();
  persian->set(year, month - 1, day, 12, 0, 0);
  UDate when = persian->getTime(status);
  gregorian->setTime(when, status);
  int gy = gregorian->get(UCAL_YEAR, status);
  int gm = gregorian->get(UCAL_MONTH, status) + 1;
  int gd = gregorian->get(UCAL_DATE, status);
  if (U_FAILURE(status)) return "";
  return Format(gy, gm, gd);
}

std::string ParseDateTokens(std::string_view text, bool allow_compact, bool month_first) {
  std::vector<Token> t = Tokenize(text);
  auto is_num = [&](size_t i, int min_digits, int max_digits) {
    return i < t.size() && t[i].word.empty() && t[i].digits >= min_digits && t[i].digits <= max_digits;
  };
  auto sep_is = [&](size_t i, std::u32string_view allowed) {
    if (t[i].sep.size() != 1) return false;
    return allowed.find(t[i].sep[0]) != std::u32string_view::npos;
  };
  for (size_t i = 0; i < t.size(); ++i) {
    // 2020-05-10, 1399/02/21, 2020.05.10
    if (is_num(i, 4, 4) && is_num(i + 1, 1, 2) && is_num(i + 2, 1, 2) && sep_is(i + 1, U"-/.") &&
        sep_is(i + 2, U"-/.")) {
      int y = t[i].value;
      bool jalali = y >= 1300 && y < 1500;
      std::string r = ToGregorian(y, t[i + 1].value, t[i + 2].value, jalali);
      if (!r.empty()) return r;
    }
    // 24/04/2020 (day first, as outside the US), 04/24/2020 when the day cannot be first.
    if (is_num(i, 1, 2) && is_num(i + 1, 1, 2) && is_num(i + 2, 4, 4) && sep_is(i + 1, U"-/.") &&
        sep_is(i + 2, U"-/.")) {
      int a = t[i].value, b = t[i + 1].value, y = t[i + 2].value;
      bool jalali = y >= 1300 && y < 1500;
      bool day_first = b <= 12 && !(month_first && a <= 12);
      std::string r = day_first ? ToGregorian(y, b, a, jalali) : ToGregorian(y, a, b, jalali);
      if (!r.empty()) return r;
    }
    if (allow_compact && is_num(i, 8, 8)) {
      int v = t[i].value;
      std::string r = ToGregorian(v / 10000, v / 100 % 100, v % 100, false);
      if (!r.empty()) return r;
    }
    Calendar cal;
    int month;
    size_t width;
    if (MonthAt(t, i, &cal, &month, &width)) {
      size_t after = i + width;
      // "24 نيسان / أبريل 2020": Levantine and Egyptian names of one month side by side.
      {
        Calendar cal2;
        int month2;
        size_t width2;
        if (after < t.size() && MonthAt(t, after, &cal2, &month2, &width2) && month2 == month) after += width2;
      }
      int day = -1, year = -1;
      // "23 de marzo de 2020", "1 of May 2020": a filler word on either side of the month.
      auto filler = [&](size_t k) {
        if (k >= t.size()) return false;
        const std::u32string& w = t[k].word;
        return w == U"de" || w == U"del" || w == U"di" || w == U"of" || w == U"le";
      };
      size_t before = i;
      if (before >= 2 && filler(before - 1) && is_num(before - 2, 1, 2)) --before;
      if (filler(after) && is_num(after + 1, 4, 4)) ++after;
      // "07 أكتوبر 2020", "2 تير 1399", "17 Mar 2020"
      if (before > 0 && is_num(before - 1, 1, 2) && is_num(after, 4, 4)) {
        day = t[before - 1].value;
        year = t[after].value;
      } else if (i > 0 && is_num(i - 1, 1, 2) && is_num(after, 4, 4)) {
        day = t[i - 1].value;
        year = t[after].value;
      } else if (is_num(after, 1, 2)) {
        // "March 17, 2020", "March 17th 2020"
        size_t y = after + 1;
        if (y < t.size() && !t[y].word.empty() && t[y].word.size() == 2) ++y;  // st/nd/rd/th
        if (is_num(y, 4, 4)) {
          day = t[after].value;
          year = t[y].value;
        }
      } else if (i > 1 && is_num(i - 1, 1, 2) == false && !t[i - 1].word.empty() && is_num(i - 2, 1, 2) &&
                 is_num(after, 4, 4) && t[i - 1].word.size() <= 2) {
        // "17th March 2020", "1er mars"
        day = t[i - 2].value;
        year = t[after].value;
      }
      if (day > 0 && year > 0) {
        // The month name fixes the calendar; ToGregorian rejects a year from the other one.
        std::string r = ToGregorian(year, month, day, cal == Calendar::kJalali);
        if (!r.empty()) return r;
      }
    }
  }
  return "";
}

}  // namespace internal

std::string ParseDate(std::string_view text) {
  if (!internal::LoadedHtmlLexicon().ok()) return "";  // ExtractPage reports the error
  return internal::ParseDateTokens(text, false);
}

}  // namespace rayzan
