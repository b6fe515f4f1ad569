#include "rayzan/date.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

#include <unicode/uchar.h>

#include "base/tsv.h"
#include "date/calendar.h"
#include "rayzan/normalize.h"

namespace rayzan {

namespace {

using internal::Calendar;

enum class PhraseKind : uint8_t { kMonth, kWeekday, kRelative, kMarker, kNumber, kOrdinal };

enum class Role : uint8_t {
  kWeekdayPrefix,
  kNext,
  kLast,
  kEarly,
  kMid,
  kLate,
  kYearPrefix,
  kMonthPrefix,
  kMonthSuffix,
  kMonthJoiner,
  kEraHijri,
  kEraJalali,
  kEraGregorian,
  kLabel,
};

// What a relative phrase counts: days, weeks, months or years from the
// anchor, a span of days, or nothing (a phrase that only looks like a date).
enum class Unit : uint8_t { kDay, kWeek, kMonth, kYear, kDays, kNone };

// One entry of the lexicon, keyed by its first token.
struct Phrase {
  std::vector<std::string> rest;  // the tokens after the first
  PhraseKind kind = PhraseKind::kMarker;
  Language language = Language::kUnknown;
  Calendar calendar = Calendar::kGregorian;  // kMonth
  int value = 0;      // month 1-12, weekday 0-6, relative offset or first day, count
  int value2 = 0;     // kDays: last day
  bool strict = false;      // kMonth: counts only next to a year
  bool standalone = false;  // kMonth: a month on its own ("تیرماه")
  Role role = Role::kLabel;
  Unit unit = Unit::kNone;
};

struct LanguageRules {
  int week_start = 1;
  Calendar calendar = Calendar::kGregorian;
  Calendar low_year_calendar = Calendar::kGregorian;
};

// The phrases that start with one token, and a bit for each kind (1 << kind)
// and marker role (1 << (8 + role)) among them, so a pattern is tried only
// where it can match.
struct PhraseList {
  std::vector<Phrase> phrases;
  uint32_t mask = 0;
};

constexpr uint32_t KindBit(PhraseKind kind) { return 1u << static_cast<int>(kind); }
constexpr uint32_t RoleBit(Role role) { return 1u << (8 + static_cast<int>(role)); }
static_assert(static_cast<int>(Role::kLabel) + 8 < 32, "roles must fit the mask");

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

}  // namespace

struct DateLexicon::Impl {
  std::unordered_map<std::string, PhraseList, StringHash, std::equal_to<>> phrases;
  // Indexed by Language; kUnknown and kOther use the "und" row.
  LanguageRules rules[5];
};

namespace {

// ---------------------------------------------------------------------------
// Tokens of normalized text: words, numbers, dd.mm.yyyy-like dates,
// punctuation marks (one each) and line breaks. Spaces separate and vanish.

enum class TokenKind : uint8_t { kWord, kNumber, kNumericDate, kPunct, kBreak };

struct Token {
  TokenKind kind = TokenKind::kWord;
  uint32_t begin = 0;
  uint32_t end = 0;
  int number = 0;           // kNumber
  int digits = 0;           // kNumber
  int parts[3] = {0, 0, 0};  // kNumericDate
  int part_digits[3] = {0, 0, 0};
  const PhraseList* phrases = nullptr;  // lexicon entries starting with this token
};

bool IsWordCodePoint(char32_t cp) {
  if (cp >= 0x0600 && cp <= 0x06FF) {
    return (cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3) || cp == 0x06D5 ||
           (cp >= 0x06FA && cp <= 0x06FC) || cp == 0x06FF;
  }
  if (cp == 0x200C || cp == 0x200D) return true;  // should be gone after normalization; keep words whole
  return u_isalpha(static_cast<UChar32>(cp));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Appends the tokens of text[region] to *tokens.
void Tokenize(std::string_view text, Span region, std::vector<Token>* tokens) {
  uint32_t i = region.begin;
  const uint32_t end = std::min<uint32_t>(region.end, static_cast<uint32_t>(text.size()));
  while (i < end) {
    char c = text[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    Token token;
    token.begin = i;
    if (c == '\n' || c == '\r') {
      while (i < end && (text[i] == '\n' || text[i] == '\r')) ++i;
      token.kind = TokenKind::kBreak;
    } else if (IsDigit(c)) {
      // Up to three digit groups joined by one repeated separator: 02.12.2021, 2021-12-02, 1400/11/29.
      int parts[3] = {0, 0, 0};
      int digits[3] = {0, 0, 0};
      int count = 0;
      uint32_t j = i;
      char separator = 0;
      uint32_t numeric_end = i;
      while (count < 3) {
        int value = 0, n = 0;
        while (j < end && IsDigit(text[j]) && n < 9) value = value * 10 + (text[j++] - '0'), ++n;
        parts[count] = value;
        digits[count] = n;
        ++count;
        numeric_end = j;
        if (count == 3 || j + 1 >= end) break;
        char s = text[j];
        if ((s != '.' && s != '-' && s != '/') || !IsDigit(text[j + 1]) || (separator && s != separator)) break;
        separator = s;
        ++j;
      }
      bool continues = numeric_end < end && IsDigit(text[numeric_end]);
      if (count == 3 && !continues &&
          !(numeric_end + 1 < end && text[numeric_end] == separator && IsDigit(text[numeric_end + 1]))) {
        token.kind = TokenKind::kNumericDate;
        std::copy(parts, parts + 3, token.parts);
        std::copy(digits, digits + 3, token.part_digits);
        i = numeric_end;
      } else {
        token.kind = TokenKind::kNumber;
        token.number = parts[0];
        token.digits = digits[0];
        i += digits[0];
        while (i < end && IsDigit(text[i])) ++i, ++token.digits;  // absurdly long numbers
      }
    } else if (IsAsciiLetter(c)) {
      while (i < end && IsAsciiLetter(text[i])) ++i;
      token.kind = TokenKind::kWord;
    } else if (static_cast<unsigned char>(c) < 0x80) {
      ++i;
      token.kind = TokenKind::kPunct;
    } else {
      uint32_t next = i;
      char32_t cp = DecodeUtf8(text, &next);
      if (IsWordCodePoint(cp)) {
        token.kind = TokenKind::kWord;
        i = next;
        while (i < end && static_cast<unsigned char>(text[i]) >= 0x80) {
          uint32_t after = i;
          if (!IsWordCodePoint(DecodeUtf8(text, &after))) break;
          i = after;
        }
      } else {
        token.kind = TokenKind::kPunct;
        i = next;
      }
    }
    token.end = std::min(i, end);
    tokens->push_back(token);
  }
}

std::string_view TokenText(std::string_view text, const Token& token) {
  return text.substr(token.begin, token.end - token.begin);
}

// ---------------------------------------------------------------------------
// Loading.

std::optional<Calendar> ParseCalendar(std::string_view name) {
  if (name == "gregorian") return Calendar::kGregorian;
  if (name == "jalali") return Calendar::kJalali;
  if (name == "hijri") return Calendar::kHijri;
  return std::nullopt;
}

std::optional<Language> ParseLanguage(std::string_view code) {
  if (code == "fa") return Language::kPersian;
  if (code == "ar") return Language::kArabic;
  if (code == "en") return Language::kEnglish;
  if (code == "und") return Language::kUnknown;
  return std::nullopt;
}

std::optional<int> ParseInt(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<Role> ParseRole(std::string_view name) {
  static const std::pair<std::string_view, Role> kRoles[] = {
      {"weekday_prefix", Role::kWeekdayPrefix}, {"next", Role::kNext},
      {"last", Role::kLast},                    {"early", Role::kEarly},
      {"mid", Role::kMid},                      {"late", Role::kLate},
      {"year_prefix", Role::kYearPrefix},       {"month_suffix", Role::kMonthSuffix},
      {"month_prefix", Role::kMonthPrefix},
      {"month_joiner", Role::kMonthJoiner},     {"era_hijri", Role::kEraHijri},
      {"era_jalali", Role::kEraJalali},         {"era_gregorian", Role::kEraGregorian},
      {"label", Role::kLabel},
  };
  for (const auto& [key, role] : kRoles) {
    if (key == name) return role;
  }
  return std::nullopt;
}

// "day:-1", "week:1", "days:1..7", "none".
bool ParseMeaning(std::string_view meaning, Phrase* phrase) {
  if (meaning == "none") {
    phrase->unit = Unit::kNone;
    return true;
  }
  size_t colon = meaning.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view unit = meaning.substr(0, colon);
  std::string_view amount = meaning.substr(colon + 1);
  if (unit == "days") {
    size_t dots = amount.find("..");
    if (dots == std::string_view::npos) return false;
    std::optional<int> from = ParseInt(amount.substr(0, dots));
    std::optional<int> to = ParseInt(amount.substr(dots + 2));
    if (!from || !to || *from > *to) return false;
    phrase->unit = Unit::kDays;
    phrase->value = *from;
    phrase->value2 = *to;
    return true;
  }
  std::optional<int> offset = ParseInt(amount);
  if (!offset) return false;
  phrase->value = *offset;
  if (unit == "day") phrase->unit = Unit::kDay;
  else if (unit == "week") phrase->unit = Unit::kWeek;
  else if (unit == "month") phrase->unit = Unit::kMonth;
  else if (unit == "year") phrase->unit = Unit::kYear;
  else return false;
  return true;
}

class LexiconBuilder {
 public:
  explicit LexiconBuilder(DateLexicon::Impl* impl) : impl_(impl) {}

  // Adds `words` (as written in a data file) with the payload of `proto`.
  Status Add(std::string_view words, const Phrase& proto) {
    std::string normalized = NormalizeForMatching(words);
    std::vector<Token> tokens;
    Tokenize(normalized, Span{0, static_cast<uint32_t>(normalized.size())}, &tokens);
    if (tokens.empty()) return Status::Error("empty phrase '" + std::string(words) + "'");
    Phrase phrase = proto;
    for (size_t k = 1; k < tokens.size(); ++k) phrase.rest.emplace_back(TokenText(normalized, tokens[k]));
    PhraseList& list = impl_->phrases[std::string(TokenText(normalized, tokens[0]))];
    list.mask |= KindBit(phrase.kind) | (phrase.kind == PhraseKind::kMarker ? RoleBit(phrase.role) : 0);
    std::vector<Phrase>& entries = list.phrases;
    entries.push_back(std::move(phrase));
    // Longest first, so the first match is the longest.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Phrase& a, const Phrase& b) { return a.rest.size() > b.rest.size(); });
    return Status();
  }

 private:
  DateLexicon::Impl* impl_;
};

Status LoadInto(const std::string& directory, DateLexicon::Impl* impl) {
  LexiconBuilder builder(impl);
  bool has_rules[5] = {false, false, false, false, false};
  Status status = internal::ReadTsv(
      directory + "/languages.tsv", {"lang", "week_start", "calendar", "low_year_calendar"},
      [&](const internal::TsvRow& row) -> Status {
        std::optional<Language> language = ParseLanguage(row.Get("lang"));
        std::optional<int> week_start = ParseInt(row.Get("week_start"));
        std::optional<Calendar> calendar = ParseCalendar(row.Get("calendar"));
        std::optional<Calendar> low = ParseCalendar(row.Get("low_year_calendar"));
        if (!language || !week_start || *week_start < 0 || *week_start > 6 || !calendar || !low) {
          return Status::Error("bad language rule");
        }
        impl->rules[static_cast<int>(*language)] = LanguageRules{*week_start, *calendar, *low};
        has_rules[static_cast<int>(*language)] = true;
        return Status();
      });
  if (!status.ok()) return status;
  for (Language language : {Language::kPersian, Language::kArabic, Language::kEnglish, Language::kUnknown}) {
    if (!has_rules[static_cast<int>(language)]) {
      return Status::Error(directory + "/languages.tsv: no row for '" + std::string(LanguageCode(language)) + "'");
    }
  }
  impl->rules[static_cast<int>(Language::kOther)] = impl->rules[static_cast<int>(Language::kUnknown)];

  status = internal::ReadTsv(
      directory + "/months.tsv", {"calendar", "month", "lang", "names", "strict_names", "standalone_names"},
      [&](const internal::TsvRow& row) -> Status {
        Phrase proto;
        proto.kind = PhraseKind::kMonth;
        std::optional<Calendar> calendar = ParseCalendar(row.Get("calendar"));
        std::optional<int> month = ParseInt(row.Get("month"));
        std::optional<Language> language = ParseLanguage(row.Get("lang"));
        if (!calendar || !month || *month < 1 || *month > 12 || !language) return Status::Error("bad month row");
        proto.calendar = *calendar;
        proto.value = *month;
        proto.language = *language;
        for (std::string_view name : row.List("names")) {
          if (Status s = builder.Add(name, proto); !s.ok()) return s;
        }
        proto.strict = true;
        for (std::string_view name : row.List("strict_names")) {
          if (Status s = builder.Add(name, proto); !s.ok()) return s;
        }
        proto.strict = false;
        proto.standalone = true;
        for (std::string_view name : row.List("standalone_names")) {
          if (Status s = builder.Add(name, proto); !s.ok()) return s;
        }
        return Status();
      });
  if (!status.ok()) return status;

  status = internal::ReadTsv(directory + "/weekdays.tsv", {"weekday", "lang", "names"},
                             [&](const internal::TsvRow& row) -> Status {
                               Phrase proto;
                               proto.kind = PhraseKind::kWeekday;
                               std::optional<int> weekday = ParseInt(row.Get("weekday"));
                               std::optional<Language> language = ParseLanguage(row.Get("lang"));
                               if (!weekday || *weekday < 0 || *weekday > 6 || !language) {
                                 return Status::Error("bad weekday row");
                               }
                               proto.value = *weekday;
                               proto.language = *language;
                               for (std::string_view name : row.List("names")) {
                                 if (Status s = builder.Add(name, proto); !s.ok()) return s;
                               }
                               return Status();
                             });
  if (!status.ok()) return status;

  status = internal::ReadTsv(directory + "/relative.tsv", {"lang", "meaning", "phrases"},
                             [&](const internal::TsvRow& row) -> Status {
                               Phrase proto;
                               proto.kind = PhraseKind::kRelative;
                               std::optional<Language> language = ParseLanguage(row.Get("lang"));
                               if (!language) return Status::Error("bad language");
                               proto.language = *language;
                               if (!ParseMeaning(row.Get("meaning"), &proto)) {
                                 return Status::Error("bad meaning '" + std::string(row.Get("meaning")) + "'");
                               }
                               for (std::string_view phrase : row.List("phrases")) {
                                 if (Status s = builder.Add(phrase, proto); !s.ok()) return s;
                               }
                               return Status();
                             });
  if (!status.ok()) return status;

  status = internal::ReadTsv(directory + "/markers.tsv", {"lang", "role", "phrases"},
                             [&](const internal::TsvRow& row) -> Status {
                               Phrase proto;
                               proto.kind = PhraseKind::kMarker;
                               std::optional<Language> language = ParseLanguage(row.Get("lang"));
                               std::optional<Role> role = ParseRole(row.Get("role"));
                               if (!language) return Status::Error("bad language");
                               if (!role) return Status::Error("unknown role '" + std::string(row.Get("role")) + "'");
                               proto.language = *language;
                               proto.role = *role;
                               for (std::string_view phrase : row.List("phrases")) {
                                 if (Status s = builder.Add(phrase, proto); !s.ok()) return s;
                               }
                               return Status();
                             });
  if (!status.ok()) return status;

  return internal::ReadTsv(directory + "/numbers.tsv", {"lang", "kind", "value", "words"},
                           [&](const internal::TsvRow& row) -> Status {
                             Phrase proto;
                             std::string_view kind = row.Get("kind");
                             if (kind == "count") proto.kind = PhraseKind::kNumber;
                             else if (kind == "ordinal") proto.kind = PhraseKind::kOrdinal;
                             else return Status::Error("kind must be count or ordinal");
                             std::optional<Language> language = ParseLanguage(row.Get("lang"));
                             std::optional<int> value = ParseInt(row.Get("value"));
                             if (!language || !value || *value < 1) return Status::Error("bad number row");
                             if (proto.kind == PhraseKind::kOrdinal && *value > 31) {
                               return Status::Error("an ordinal day is 1-31");
                             }
                             proto.language = *language;
                             proto.value = *value;
                             for (std::string_view word : row.List("words")) {
                               if (Status s = builder.Add(word, proto); !s.ok()) return s;
                             }
                             return Status();
                           });
}

// ---------------------------------------------------------------------------
// Finding.

// A date expression found at some token, before it becomes a DateMention.
struct Candidate {
  size_t end = 0;  // token index past the expression
  DateMention mention;
  bool emit = true;  // false for phrases that only look like dates
  // Set for expressions naming one day with day, month and year.
  bool full_date = false;
};

struct MonthMatch {
  Calendar calendar = Calendar::kGregorian;
  int month = 0;
  bool strict = false;
  bool standalone = false;
  bool latin = false;  // an English name: "february 18, 2022" order is possible
  size_t end = 0;
};

struct YearMatch {
  Calendar calendar = Calendar::kGregorian;
  int year = 0;
  size_t end = 0;
};

class Matcher {
 public:
  Matcher(const DateLexicon::Impl& lexicon, std::string_view text, const std::vector<Token>& tokens,
          Language language, std::optional<CivilDate> anchor)
      : lexicon_(lexicon), text_(text), tokens_(tokens), language_(language), anchor_(anchor) {}

  // The longest expression starting at token i.
  std::optional<Candidate> At(size_t i) const {
    std::optional<Candidate> best;
    auto offer = [&best](std::optional<Candidate> candidate) {
      if (candidate && (!best || candidate->end > best->end)) best = std::move(candidate);
    };
    const Token& token = tokens_[i];
    if (token.kind == TokenKind::kNumericDate) return NumericDate(i);
    if (token.kind == TokenKind::kNumber) {
      offer(DayMonthYear(i));
      offer(YearMonthDay(i));
      offer(CountedRelative(i));
      return best;
    }
    if (token.phrases == nullptr) return std::nullopt;
    const uint32_t mask = token.phrases->mask;
    if (mask & KindBit(PhraseKind::kOrdinal)) offer(DayMonthYear(i));
    if (mask & (RoleBit(Role::kEarly) | RoleBit(Role::kMid) | RoleBit(Role::kLate))) offer(Modified(i));
    if (mask & KindBit(PhraseKind::kMonth)) offer(MonthFirst(i));
    if (mask & RoleBit(Role::kMonthPrefix)) offer(PrefixedMonth(i));
    if (mask & RoleBit(Role::kYearPrefix)) offer(PrefixedYear(i));
    if (mask & KindBit(PhraseKind::kRelative)) offer(Relative(i));
    if (mask & (KindBit(PhraseKind::kWeekday) | RoleBit(Role::kWeekdayPrefix) | RoleBit(Role::kNext) |
                RoleBit(Role::kLast))) {
      offer(WeekdayAt(i));
    }
    if (mask & KindBit(PhraseKind::kNumber)) offer(CountedRelative(i));
    return best;
  }

  // Whether a label phrase starts at token i.
  bool IsLabel(size_t i) const {
    size_t end;
    return MatchPhrase(i, PhraseKind::kMarker, &end, Role::kLabel) != nullptr;
  }

 private:
  bool Accepts(Language phrase_language) const {
    if (language_ == Language::kUnknown || language_ == Language::kOther) return true;
    return phrase_language == language_ || phrase_language == Language::kEnglish;
  }

  const LanguageRules& Rules(Language language) const { return lexicon_.rules[static_cast<int>(language)]; }

  // The longest accepted phrase of `kind` (and `role`, for markers) starting at token i.
  const Phrase* MatchPhrase(size_t i, PhraseKind kind, size_t* end,
                            std::optional<Role> role = std::nullopt) const {
    if (i >= tokens_.size() || tokens_[i].phrases == nullptr) return nullptr;
    for (const Phrase& phrase : tokens_[i].phrases->phrases) {
      if (phrase.kind != kind || (role && phrase.role != *role) || !Accepts(phrase.language)) continue;
      if (i + phrase.rest.size() >= tokens_.size()) continue;
      bool matches = true;
      for (size_t k = 0; k < phrase.rest.size() && matches; ++k) {
        const Token& next = tokens_[i + 1 + k];
        matches = next.kind != TokenKind::kBreak && TokenText(text_, next) == phrase.rest[k];
      }
      if (matches) {
        *end = i + 1 + phrase.rest.size();
        return &phrase;
      }
    }
    return nullptr;
  }

  bool IsPunct(size_t i, std::string_view mark) const {
    return i < tokens_.size() && tokens_[i].kind == TokenKind::kPunct && TokenText(text_, tokens_[i]) == mark;
  }

  // A day of the month at token i, in digits or as an ordinal ("دوم خرداد",
  // "بیست و دوم بهمن"); sets *end past it.
  std::optional<int> DayAt(size_t i, size_t* end) const {
    if (i >= tokens_.size()) return std::nullopt;
    const Token& token = tokens_[i];
    if (token.kind == TokenKind::kNumber) {
      if (token.digits > 2 || token.number < 1 || token.number > 31) return std::nullopt;
      *end = i + 1;
      return token.number;
    }
    const Phrase* ordinal = MatchPhrase(i, PhraseKind::kOrdinal, end);
    if (ordinal == nullptr) return std::nullopt;
    return ordinal->value;
  }

  // A month name, or two names of one month ("حزيران/يونيو", "يونيو (حزيران)").
  std::optional<MonthMatch> MonthAt(size_t i) const {
    size_t end;
    const Phrase* phrase = MatchPhrase(i, PhraseKind::kMonth, &end);
    if (phrase == nullptr) return std::nullopt;
    MonthMatch match{phrase->calendar, phrase->value, phrase->strict, phrase->standalone,
                     phrase->language == Language::kEnglish, end};
    if (IsPunct(end, "/") || IsPunct(end, "(")) {
      size_t second_end;
      const Phrase* second = MatchPhrase(end + 1, PhraseKind::kMonth, &second_end);
      if (second != nullptr && second->calendar == phrase->calendar && second->value == phrase->value) {
        if (IsPunct(end, "/")) {
          match.end = second_end;
          match.strict = false;
        } else if (IsPunct(second_end, ")")) {
          match.end = second_end + 1;
          match.strict = false;
        }
      }
    }
    return match;
  }

  // Which calendar a bare year number is in, given the era word after it.
  std::optional<Calendar> BareYearCalendar(int year, Language language) const {
    if (year >= 1700 && year <= 2200) return Calendar::kGregorian;
    if (year >= 1200 && year < 1700) return Rules(language).low_year_calendar;
    return std::nullopt;
  }

  static bool YearFits(Calendar calendar, int year) {
    return calendar == Calendar::kGregorian ? year >= 1700 && year <= 2200 : year >= 1200 && year <= 1700;
  }

  // A year number at token i, with an optional era word after it. With
  // `calendar`, the year must be one of that calendar (the month's).
  // With `short_jalali`, a two-digit year after a Jalali day and month is
  // 13xx, as Iranian papers write it ("9 دی 88", "30 مهر ماه 94").
  std::optional<YearMatch> YearAt(size_t i, std::optional<Calendar> calendar, Language language,
                                  bool short_jalali = false) const {
    if (i >= tokens_.size() || tokens_[i].kind != TokenKind::kNumber) return std::nullopt;
    int year = tokens_[i].number;
    Calendar expected = calendar ? *calendar : Rules(language).low_year_calendar;
    if (tokens_[i].digits == 2 && short_jalali && expected == Calendar::kJalali) {
      year += 1300;
    } else if (tokens_[i].digits != 4) {
      return std::nullopt;
    }
    YearMatch match{Calendar::kGregorian, year, i + 1};
    std::optional<Calendar> era;
    size_t end;
    if (const Phrase* marker = MatchPhrase(i + 1, PhraseKind::kMarker, &end); marker != nullptr) {
      if (marker->role == Role::kEraHijri) era = Calendar::kHijri;
      if (marker->role == Role::kEraJalali) era = Calendar::kJalali;
      if (marker->role == Role::kEraGregorian) era = Calendar::kGregorian;
      if (era) match.end = end;
    }
    if (calendar) {
      if (era && *era != *calendar) return std::nullopt;
      if (!YearFits(*calendar, year)) return std::nullopt;
      match.calendar = *calendar;
      return match;
    }
    if (era) {
      if (!YearFits(*era, year)) return std::nullopt;
      match.calendar = *era;
      return match;
    }
    std::optional<Calendar> bare = BareYearCalendar(year, language);
    if (!bare) return std::nullopt;
    match.calendar = *bare;
    return match;
  }

  Candidate Absolute(size_t begin, size_t end, DateInterval interval) const {
    Candidate candidate;
    candidate.end = end;
    candidate.mention.span = {tokens_[begin].begin, tokens_[end - 1].end};
    candidate.mention.kind = DateMentionKind::kAbsolute;
    candidate.mention.interval = interval;
    candidate.full_date = interval.from == interval.to;
    return candidate;
  }

  Candidate RelativeCandidate(size_t begin, size_t end, std::optional<DateInterval> interval, bool future) const {
    Candidate candidate;
    candidate.end = end;
    candidate.mention.span = {tokens_[begin].begin, tokens_[end - 1].end};
    candidate.mention.kind = DateMentionKind::kRelative;
    if (anchor_) candidate.mention.interval = interval;
    candidate.mention.future = future;
    return candidate;
  }

  static std::optional<DateInterval> Day(std::optional<CivilDate> date) {
    if (!date) return std::nullopt;
    return DateInterval{*date, *date};
  }

  // 02.12.2021, 2021-12-02, 2021/12/02, 1400/11/29.
  std::optional<Candidate> NumericDate(size_t i) const {
    const Token& token = tokens_[i];
    int year, month, day;
    if (token.part_digits[0] == 4 && token.part_digits[1] <= 2 && token.part_digits[2] <= 2) {
      year = token.parts[0], month = token.parts[1], day = token.parts[2];
    } else if (token.part_digits[2] == 4 && token.part_digits[0] <= 2 && token.part_digits[1] <= 2) {
      day = token.parts[0], month = token.parts[1], year = token.parts[2];
      if (month > 12 && day <= 12) std::swap(day, month);  // US order, 12/24/2021
    } else {
      return std::nullopt;
    }
    std::optional<Calendar> calendar = BareYearCalendar(year, language_);
    if (!calendar) return std::nullopt;
    std::optional<DateInterval> interval = Day(internal::FromCalendar(*calendar, year, month, day));
    if (!interval) return std::nullopt;
    return Absolute(i, i + 1, *interval);
  }

  // The year of `calendar` the anchor falls in, shifted by `offset`.
  std::optional<int> AnchorYear(Calendar calendar, int offset) const {
    if (!anchor_) return std::nullopt;
    return internal::ToCalendar(calendar, *anchor_).year + offset;
  }

  // After a month name ending at `end`: "من هذا العام", "امسال", "of last year".
  // Returns the year offset and sets *after past the phrase.
  std::optional<int> RelativeYearAfter(size_t end, size_t* after) const {
    size_t start = end;
    size_t joiner_end;
    if (MatchPhrase(start, PhraseKind::kMarker, &joiner_end, Role::kMonthJoiner) != nullptr) start = joiner_end;
    const Phrase* phrase = MatchPhrase(start, PhraseKind::kRelative, after);
    if (phrase == nullptr || phrase->unit != Unit::kYear) return std::nullopt;
    return phrase->value;
  }

  // A month (and day) whose year is the anchor's, shifted by year_offset.
  Candidate MonthInAnchorYear(size_t begin, size_t end, const MonthMatch& month, std::optional<int> day,
                              int year_offset) const {
    std::optional<DateInterval> interval;
    if (std::optional<int> year = AnchorYear(month.calendar, year_offset)) {
      interval = day ? Day(internal::FromCalendar(month.calendar, *year, month.month, *day))
                     : internal::MonthInterval(month.calendar, *year, month.month);
    }
    return RelativeCandidate(begin, end, interval, year_offset > 0);
  }

  // "29 بهمن 1400", "29 بهمن ماه 1400", "28 مايو 2021", "15 رمضان 1442 هـ", "24 دسامبر".
  std::optional<Candidate> DayMonthYear(size_t i) const {
    size_t day_end;
    std::optional<int> day = DayAt(i, &day_end);
    if (!day) return std::nullopt;
    std::optional<MonthMatch> month = MonthAt(day_end);
    if (!month) return std::nullopt;
    size_t end = month->end;
    size_t suffix_end;
    if (MatchPhrase(end, PhraseKind::kMarker, &suffix_end, Role::kMonthSuffix) != nullptr) end = suffix_end;
    if (std::optional<YearMatch> year = YearAt(end, month->calendar, language_, /*short_jalali=*/true)) {
      std::optional<DateInterval> interval = Day(internal::FromCalendar(month->calendar, year->year, month->month, *day));
      if (!interval) return std::nullopt;
      return Absolute(i, year->end, *interval);
    }
    if (month->strict) return std::nullopt;
    size_t after;
    if (std::optional<int> offset = RelativeYearAfter(end, &after)) {
      return MonthInAnchorYear(i, after, *month, day, *offset);
    }
    return MonthInAnchorYear(i, end, *month, day, 0);
  }

  // "2024 December 05", "2022 February 18".
  std::optional<Candidate> YearMonthDay(size_t i) const {
    if (tokens_[i].digits != 4) return std::nullopt;
    std::optional<MonthMatch> month = MonthAt(i + 1);
    if (!month) return std::nullopt;
    size_t day_end;
    std::optional<int> day = DayAt(month->end, &day_end);
    if (!day || tokens_[month->end].kind != TokenKind::kNumber || !YearFits(month->calendar, tokens_[i].number)) {
      return std::nullopt;
    }
    std::optional<DateInterval> interval = Day(internal::FromCalendar(month->calendar, tokens_[i].number, month->month, *day));
    if (!interval) return std::nullopt;
    return Absolute(i, day_end, *interval);
  }

  // "مارس 2023", "بهمن ماه 1400", "حزيران/ يونيو من هذا العام", "february 18, 2022",
  // and with `named` (after "ماه", "شهر") or a standalone name ("تیرماه", "تیر ماه")
  // the month alone, its year the anchor's.
  std::optional<Candidate> MonthFirst(size_t i, bool named = false) const {
    std::optional<MonthMatch> month = MonthAt(i);
    if (!month) return std::nullopt;
    size_t end = month->end;
    size_t suffix_end;
    bool suffixed = MatchPhrase(end, PhraseKind::kMarker, &suffix_end, Role::kMonthSuffix) != nullptr;
    if (suffixed) end = suffix_end;
    if (std::optional<YearMatch> year = YearAt(end, month->calendar, language_, /*short_jalali=*/suffixed)) {
      std::optional<DateInterval> interval = internal::MonthInterval(month->calendar, year->year, month->month);
      if (!interval) return std::nullopt;
      return Absolute(i, year->end, *interval);
    }
    size_t day_end;
    if (month->latin && month->end < tokens_.size() && tokens_[month->end].kind == TokenKind::kNumber) {
      if (std::optional<int> day = DayAt(month->end, &day_end)) {
        size_t year_at = IsPunct(day_end, ",") ? day_end + 1 : day_end;
        if (std::optional<YearMatch> year = YearAt(year_at, month->calendar, language_)) {
          std::optional<DateInterval> interval =
              Day(internal::FromCalendar(month->calendar, year->year, month->month, *day));
          if (!interval) return std::nullopt;
          return Absolute(i, year->end, *interval);
        }
        if (!month->strict) return MonthInAnchorYear(i, day_end, *month, day, 0);
      }
    }
    if (month->strict && !named) return std::nullopt;
    size_t after;
    if (std::optional<int> offset = RelativeYearAfter(end, &after)) {
      return MonthInAnchorYear(i, after, *month, std::nullopt, *offset);
    }
    if (named || suffixed || month->standalone) return MonthInAnchorYear(i, end, *month, std::nullopt, 0);
    return std::nullopt;
  }

  // "ماه مارس", "ماه مارس 2023", "شهر رمضان".
  std::optional<Candidate> PrefixedMonth(size_t i) const {
    size_t end;
    if (MatchPhrase(i, PhraseKind::kMarker, &end, Role::kMonthPrefix) == nullptr) return std::nullopt;
    std::optional<Candidate> month = MonthFirst(end, /*named=*/true);
    if (month) month->mention.span.begin = tokens_[i].begin;
    return month;
  }

  // "سال 1399", "سال 2022", "عام 2022".
  std::optional<Candidate> PrefixedYear(size_t i) const {
    size_t end;
    const Phrase* prefix = MatchPhrase(i, PhraseKind::kMarker, &end, Role::kYearPrefix);
    if (prefix == nullptr) return std::nullopt;
    std::optional<YearMatch> year = YearAt(end, std::nullopt, prefix->language, /*short_jalali=*/true);
    if (!year) return std::nullopt;
    std::optional<DateInterval> interval = internal::YearInterval(year->calendar, year->year);
    if (!interval) return std::nullopt;
    return Absolute(i, year->end, *interval);
  }

  std::optional<DateInterval> ResolveRelative(const Phrase& phrase) const {
    if (!anchor_) return std::nullopt;
    const LanguageRules& rules = Rules(phrase.language);
    switch (phrase.unit) {
      case Unit::kDay:
        return Day(anchor_->AddDays(phrase.value));
      case Unit::kDays:
        return DateInterval{anchor_->AddDays(phrase.value), anchor_->AddDays(phrase.value2)};
      case Unit::kWeek: {
        int back = (anchor_->Weekday() - rules.week_start + 7) % 7;
        CivilDate start = anchor_->AddDays(-back + 7 * phrase.value);
        return DateInterval{start, start.AddDays(6)};
      }
      case Unit::kMonth: {
        internal::CalendarDay today = internal::ToCalendar(rules.calendar, *anchor_);
        int index = today.year * 12 + (today.month - 1) + phrase.value;
        return internal::MonthInterval(rules.calendar, index / 12, index % 12 + 1);
      }
      case Unit::kYear:
        return internal::YearInterval(rules.calendar, internal::ToCalendar(rules.calendar, *anchor_).year + phrase.value);
      case Unit::kNone:
        break;
    }
    return std::nullopt;
  }

  // The weekday at token i, written "جمعه" or "(جمعه)"; sets *end.
  std::optional<int> WeekdayNameAt(size_t i, size_t* end) const {
    bool parenthesized = IsPunct(i, "(");
    size_t at = parenthesized ? i + 1 : i;
    const Phrase* phrase = MatchPhrase(at, PhraseKind::kWeekday, end);
    if (phrase == nullptr) return std::nullopt;
    if (parenthesized) {
      if (!IsPunct(*end, ")")) return std::nullopt;
      ++*end;
    }
    return phrase->value;
  }

  // "امروز", "اليوم الخميس", "امروز (جمعه)", "هفته آینده", "المستقبل القريب" (not emitted).
  std::optional<Candidate> Relative(size_t i) const {
    size_t end;
    const Phrase* phrase = MatchPhrase(i, PhraseKind::kRelative, &end);
    if (phrase == nullptr) return std::nullopt;
    if (phrase->unit == Unit::kNone) {
      Candidate ignored;
      ignored.end = end;
      ignored.emit = false;
      return ignored;
    }
    // "سه هفته گذشته" is the past three weeks, not last week: CountedRelative reads it.
    if (i > 0 && Countable(*phrase) && IsCount(i - 1)) return std::nullopt;
    bool future = phrase->value > 0;
    std::optional<int> weekday;
    if (phrase->unit == Unit::kDay) {
      size_t weekday_end;
      weekday = WeekdayNameAt(end, &weekday_end);
      if (weekday) end = weekday_end;
    }
    Candidate candidate = RelativeCandidate(i, end, ResolveRelative(*phrase), future);
    if (phrase->unit == Unit::kDay && phrase->value == 0) candidate.mention.today_weekday = weekday;
    return candidate;
  }

  std::optional<int> CountAt(size_t i, size_t* end) const {
    if (i >= tokens_.size()) return std::nullopt;
    if (tokens_[i].kind == TokenKind::kNumber && tokens_[i].digits <= 3 && tokens_[i].number > 0) {
      *end = i + 1;
      return tokens_[i].number;
    }
    const Phrase* phrase = MatchPhrase(i, PhraseKind::kNumber, end);
    if (phrase == nullptr) return std::nullopt;
    return phrase->value;
  }

  // "روز گذشته", "هفته آینده": a phrase a count can precede.
  static bool Countable(const Phrase& phrase) {
    return (phrase.value == 1 || phrase.value == -1) && phrase.unit != Unit::kDays && phrase.unit != Unit::kNone;
  }

  bool IsCount(size_t i) const {
    size_t end;
    return CountAt(i, &end).has_value() && end == i + 1;
  }

  // "سه هفته گذشته" (the past three weeks), "چند روز آینده" (the next few days).
  std::optional<Candidate> CountedRelative(size_t i) const {
    size_t end;
    std::optional<int> count = CountAt(i, &end);
    if (!count) return std::nullopt;
    size_t phrase_end;
    const Phrase* phrase = MatchPhrase(end, PhraseKind::kRelative, &phrase_end);
    if (phrase == nullptr || !Countable(*phrase)) return std::nullopt;
    int unit_days = 0;
    switch (phrase->unit) {
      case Unit::kDay: unit_days = 1; break;
      case Unit::kWeek: unit_days = 7; break;
      case Unit::kMonth: unit_days = 30; break;
      case Unit::kYear: unit_days = 365; break;
      default: return std::nullopt;
    }
    std::optional<DateInterval> interval;
    bool future = phrase->value > 0;
    if (anchor_) {
      int64_t length = static_cast<int64_t>(*count) * unit_days;
      interval = future ? DateInterval{anchor_->AddDays(1), anchor_->AddDays(length)}
                        : DateInterval{anchor_->AddDays(-length), *anchor_};
    }
    return RelativeCandidate(i, phrase_end, interval, future);
  }

  // "جمعه", "روز جمعه", "(جمعه)", "يوم الخميس", "پنجشنبه آینده", "next thursday",
  // and "الخميس 2 ديسمبر 2021", where the date that follows decides.
  std::optional<Candidate> WeekdayAt(size_t i) const {
    size_t at = i;
    size_t end;
    if (MatchPhrase(at, PhraseKind::kMarker, &end, Role::kWeekdayPrefix) != nullptr) at = end;
    int direction = 0;  // +1 next, -1 last
    if (const Phrase* marker = MatchPhrase(at, PhraseKind::kMarker, &end); marker != nullptr) {
      if (marker->role == Role::kNext) direction = 1, at = end;
      if (marker->role == Role::kLast) direction = -1, at = end;
    }
    const Phrase* weekday_phrase = MatchPhrase(at, PhraseKind::kWeekday, &end);
    if (weekday_phrase == nullptr) return std::nullopt;
    int weekday = weekday_phrase->value;
    if (direction == 0) {
      size_t marker_end;
      if (const Phrase* marker = MatchPhrase(end, PhraseKind::kMarker, &marker_end); marker != nullptr) {
        if (marker->role == Role::kNext) direction = 1, end = marker_end;
        if (marker->role == Role::kLast) direction = -1, end = marker_end;
      }
    }
    // "دوشنبه هفته آینده": that weekday of the week named.
    if (direction == 0) {
      size_t week_end;
      const Phrase* week = MatchPhrase(end, PhraseKind::kRelative, &week_end);
      if (week != nullptr && week->unit == Unit::kWeek) {
        std::optional<DateInterval> interval;
        if (std::optional<DateInterval> days = ResolveRelative(*week)) {
          int into = (weekday - days->from.Weekday() + 7) % 7;
          interval = Day(days->from.AddDays(into));
        }
        return RelativeCandidate(i, week_end, interval, week->value > 0);
      }
    }
    // A full date right after the weekday names the day itself.
    size_t date_at = IsPunct(end, ",") || IsPunct(end, "،") ? end + 1 : end;
    if (date_at < tokens_.size()) {
      std::optional<Candidate> date;
      if (tokens_[date_at].kind == TokenKind::kNumericDate) date = NumericDate(date_at);
      if (tokens_[date_at].kind == TokenKind::kNumber || tokens_[date_at].phrases != nullptr) date = DayMonthYear(date_at);
      if (!date && tokens_[date_at].phrases != nullptr) date = MonthFirst(date_at);
      if (date && date->emit && date->mention.interval && date->mention.interval->from == date->mention.interval->to) {
        date->mention.span.begin = tokens_[i].begin;
        return date;
      }
    }
    std::optional<DateInterval> interval;
    if (anchor_) {
      int today = anchor_->Weekday();
      int back = (today - weekday + 7) % 7;
      int ahead = (weekday - today + 7) % 7;
      if (direction > 0) interval = Day(anchor_->AddDays(ahead == 0 ? 7 : ahead));
      else if (direction < 0) interval = Day(anchor_->AddDays(-(back == 0 ? 7 : back)));
      else interval = Day(anchor_->AddDays(-back));
    }
    Candidate candidate = RelativeCandidate(i, end, interval, direction > 0);
    candidate.mention.bare_weekday = direction == 0;
    return candidate;
  }

  // "اواخر هفته آینده", "أواخر الأسبوع المقبل", "اوایل مارس 2023", "اواخر امروز".
  std::optional<Candidate> Modified(size_t i) const {
    size_t end;
    const Phrase* marker = MatchPhrase(i, PhraseKind::kMarker, &end);
    if (marker == nullptr || (marker->role != Role::kEarly && marker->role != Role::kMid && marker->role != Role::kLate)) {
      return std::nullopt;
    }
    if (end >= tokens_.size()) return std::nullopt;
    std::optional<Candidate> inner = At(end);
    if (!inner || !inner->emit) return std::nullopt;
    inner->mention.span.begin = tokens_[i].begin;
    if (inner->mention.interval) {
      DateInterval& days = *inner->mention.interval;
      int64_t from = days.from.ToDays();
      int64_t to = days.to.ToDays();
      int64_t length = to - from + 1;
      // A week's early or late part is its first or last three days (اواخر هفته
      // آینده: the reader allows those); longer periods split in thirds.
      int64_t part = length == 7 ? 3 : length / 3;
      if (length > 1 && part > 0) {
        if (marker->role == Role::kEarly) to = from + part - 1;
        else if (marker->role == Role::kLate) from = to - part + 1;
        else from = from + (length - part) / 2, to = from + part - 1;
        days = DateInterval{CivilDate::FromDays(from), CivilDate::FromDays(to)};
        inner->full_date = false;
      }
    }
    return inner;
  }

  const DateLexicon::Impl& lexicon_;
  std::string_view text_;
  const std::vector<Token>& tokens_;
  Language language_;
  std::optional<CivilDate> anchor_;
};

void TokenizeWithPhrases(const DateLexicon::Impl& lexicon, std::string_view text, Span region,
                         std::vector<Token>* tokens) {
  tokens->clear();
  Tokenize(text, region, tokens);
  for (Token& token : *tokens) {
    if (token.kind != TokenKind::kWord && token.kind != TokenKind::kPunct) continue;
    auto it = lexicon.phrases.find(TokenText(text, token));
    if (it != lexicon.phrases.end()) token.phrases = &it->second;
  }
}

// All candidates of the tokens, left to right, longest first, non-overlapping.
template <typename Visit>
void Scan(const Matcher& matcher, const std::vector<Token>& tokens, Visit visit) {
  size_t i = 0;
  while (i < tokens.size()) {
    std::optional<Candidate> candidate = matcher.At(i);
    if (!candidate) {
      ++i;
      continue;
    }
    i = std::max(candidate->end, i + 1);
    if (candidate->emit) visit(std::move(*candidate));
  }
}

}  // namespace

Result<DateLexicon> DateLexicon::Load(const std::string& directory) {
  auto impl = std::make_shared<Impl>();
  if (Status status = LoadInto(directory, impl.get()); !status.ok()) return status;
  DateLexicon lexicon;
  lexicon.impl = std::move(impl);
  return lexicon;
}

DateFinder::DateFinder(const DateLexicon& lexicon) : lexicon_(lexicon.impl) {}

std::vector<DateMention> DateFinder::Find(std::string_view text, Span region, Language language,
                                          std::optional<CivilDate> anchor) const {
  std::vector<DateMention> mentions;
  if (!lexicon_) return mentions;
  thread_local std::vector<Token> tokens;
  TokenizeWithPhrases(*lexicon_, text, region, &tokens);
  Matcher matcher(*lexicon_, text, tokens, language, anchor);
  Scan(matcher, tokens, [&](Candidate candidate) { mentions.push_back(std::move(candidate.mention)); });
  return mentions;
}

std::optional<CivilDate> DateFinder::FindPublicationDate(std::string_view text, const std::vector<Span>& lines,
                                                         std::optional<int> weekday_hint) const {
  if (!lexicon_) return std::nullopt;
  std::vector<Token> tokens;
  std::vector<CivilDate> candidates;
  bool labelled = false;  // the previous line was a label with no date of its own
  for (const Span& line : lines) {
    TokenizeWithPhrases(*lexicon_, text, line, &tokens);
    Matcher matcher(*lexicon_, text, tokens, Language::kUnknown, std::nullopt);
    bool has_label = false;
    for (size_t i = 0; i < tokens.size() && !has_label; ++i) has_label = matcher.IsLabel(i);
    std::vector<CivilDate> dates;
    Scan(matcher, tokens, [&](Candidate candidate) {
      if (candidate.full_date && candidate.mention.kind == DateMentionKind::kAbsolute) {
        dates.push_back(candidate.mention.interval->from);
      }
    });
    // "تاریخ انتشار: 13:41 - 29 بهمن 1400 - 2022 February 18": the label's
    // first date is the page's own, whatever other dates the page shows.
    if ((has_label || labelled) && !dates.empty()) return dates.front();
    labelled = has_label && dates.empty();
    candidates.insert(candidates.end(), dates.begin(), dates.end());
  }
  if (candidates.empty()) return std::nullopt;
  if (weekday_hint) {
    std::vector<CivilDate> matching;
    for (const CivilDate& date : candidates) {
      if (date.Weekday() == *weekday_hint) matching.push_back(date);
    }
    if (!matching.empty()) candidates = std::move(matching);
  }
  return *std::max_element(candidates.begin(), candidates.end());
}

}  // namespace rayzan
