#include "rayzan/clean.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "rayzan/normalize.h"

namespace rayzan {
namespace {

// Shape thresholds, in code points and words. A news headline runs 40-120
// characters; a paragraph ends its sentences with a stop.
constexpr uint32_t kTickerMinChars = 150;             // several headlines run together,
constexpr int kTickerMinFragments = 3;                // with "X: Y", " / " or " | " fragments,
constexpr uint32_t kTickerMaxCharsPerFragment = 120;  // one every headline or two,
constexpr uint32_t kTickerMinCharsPerStop = 300;      // and hardly a stop
constexpr int kMenuMinBars = 2;                 // "خانه | سیاسی | اقتصادی"
constexpr uint32_t kTitleMaxChars = 200;        // longer header lines are a lead that lost its stop
constexpr int kTitleMinWords = 3;               // "عالمية", "عربي" are section labels
constexpr int kHeadlineMinWords = 5;            // menu entries are shorter: "به جستجو برگردید"
constexpr int kMaxHeaderHeadlines = 10;         // more headlines above the lead are a list...
constexpr int kListProbeLines = 8;              // ...that is the article if it goes on below the lead
constexpr int kListMinItems = 4;                // (that many lines at least)
constexpr int kTitleProbeLines = 3;             // the title shares words with the first paragraphs
constexpr int kLeadMinWords = 5;                   // a paragraph: a stop and this many words
constexpr int kLeadMinWordsWithoutFinalStop = 20;  // "... 2021. Blinken said" split oddly
constexpr int kLeadMinWordsEndingInQuestion = 15;  // "از بیماری تب کریمه کنگو چه میدانید؟" is a headline
constexpr int kPhraseMaxTrailingWords = 3;         // "تابعنا عبر تويتر", "منبع: خبرگزاری فارس"
constexpr int kFooterMaxTrailingWords = 1;         // "نظرات کاربران (3)"; a footer start ends the
                                                   // article, so "آخرین اخبار از مذاکرات" must not match
constexpr int kRelativeTimeMaxWords = 6;           // "قبل 19 دقيقة", "updated 2 hours ago"
constexpr int kDateLineMaxWords = 8;               // "06:57 15 مهر 1400"
constexpr int kBylineMaxWords = 5;                 // "خبرگزاری میزان -"
constexpr int kTrailerMaxWords = 4;                // "العربية نت" under the last paragraph
constexpr int kTrailerMaxLines = 2;                // more short lines at the end are a list
constexpr int kLinkListMinLines = 3;               // headlines under the last paragraph
constexpr int kTitleMinSharedWords = 2;            // a title shares this many words with the
constexpr double kTitleMinSharedFraction = 0.2;    // opening paragraphs, and this share of its own
constexpr uint32_t kContentWordMinChars = 3;  // leaves out "در", "في", "و" when comparing title and lead

bool IsSentenceStop(char32_t c) {
  return c == U'.' || c == U'!' || c == U'?' || c == U'\u061F' /* ؟ */ || c == U'\u2026' /* … */ ||
         c == U'\u06D4' /* ۔ */;
}

// Marks that may follow a sentence stop: «...» ends in », “...” in ”, and a
// footnote star ("... علامتگذاری شدهاند *").
bool IsClosingMark(char32_t c) {
  return c == U'"' || c == U'\'' || c == U')' || c == U']' || c == U'}' || c == U'\u00BB' ||
         c == U'\u00AB' || c == U'\u201D' || c == U'\u201C' || c == U'\u2019' || c == U'*';
}

// Punctuation that does not change which phrase a line opens with:
// "برچسب ها:" and "برچسبها", "/انتهای پیام" and "انتهای پیام/" key alike.
// Symbols such as © are not in the set: they are phrases themselves.
bool IsPunctuation(char32_t c) {
  if (c >= 0x0621 && c <= 0x06D3) return c == U'\u066A';  // Arabic letters, but ٪
  if (c < 0x80) {
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
  }
  switch (c) {
    case U'\u060C':  // ،
    case U'\u061B':  // ؛
    case U'\u061F':  // ؟
    case U'\u066A':  // ٪
    case U'\u06D4':  // ۔
    case U'\u00AB':  // «
    case U'\u00BB':  // »
    case U'\u00B7':  // ·
    case U'\u2013':  // –
    case U'\u2014':  // —
    case U'\u2018':
    case U'\u2019':
    case U'\u201C':
    case U'\u201D':
    case U'\u2022':  // •
    case U'\u2026':  // …
      return true;
    default:
      return false;
  }
}

// DecodeUtf8 with the common cases inline: this stage reads every code point
// of millions of articles, and nearly all are ASCII or two-byte Arabic letters.
inline char32_t NextCodePoint(std::string_view s, uint32_t* offset) {
  auto c = static_cast<unsigned char>(s[*offset]);
  if (c < 0x80) {
    ++*offset;
    return c;
  }
  if ((c & 0xE0) == 0xC0 && *offset + 1 < s.size()) {
    char32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[*offset + 1]) & 0x3Fu);
    *offset += 2;
    return cp;
  }
  return DecodeUtf8(s, offset);
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool IsDash(char32_t c) { return c == U'-' || c == U'\u2013' || c == U'\u2014'; }

uint32_t CountCodePoints(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The last code point of a non-empty string.
char32_t LastCodePoint(std::string_view s, uint32_t* begin) {
  uint32_t i = static_cast<uint32_t>(s.size()) - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  *begin = i;
  uint32_t offset = i;
  return DecodeUtf8(s, &offset);
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Trims spaces and punctuation from both ends: "«سلام»." -> "سلام".
std::string_view TrimPunctuation(std::string_view s) {
  while (!s.empty()) {
    uint32_t offset = 0;
    char32_t c = NextCodePoint(s, &offset);
    if (c != U' ' && !IsPunctuation(c)) break;
    s.remove_prefix(offset);
  }
  while (!s.empty()) {
    uint32_t begin = 0;
    char32_t c = LastCodePoint(s, &begin);
    if (c != U' ' && !IsPunctuation(c)) break;
    s.remove_suffix(s.size() - begin);
  }
  return s;
}

// Calls visit(word) for each space-separated token of s.
template <typename Visit>
void ForEachToken(std::string_view s, Visit visit) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t end = s.find(' ', begin);
    if (end == std::string_view::npos) end = s.size();
    if (end > begin) visit(s.substr(begin, end - begin));
    begin = end + 1;
  }
}

// Matching key of a phrase or a line prefix: its bytes without spaces and
// punctuation, hashed with 64-bit FNV-1a.
constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t ExtendKey(uint64_t hash, std::string_view text, bool* has_content) {
  uint32_t i = 0;
  while (i < text.size()) {
    uint32_t begin = i;
    char32_t c = NextCodePoint(text, &i);
    if (c == U' ' || IsPunctuation(c)) continue;
    *has_content = true;
    for (uint32_t k = begin; k < i && k < text.size(); ++k) {
      hash = (hash ^ static_cast<unsigned char>(text[k])) * kFnvPrime;
    }
  }
  return hash;
}

// Whether a and b are equal once spaces and punctuation are left out.
bool SameKey(std::string_view a, std::string_view b) {
  uint32_t i = 0, j = 0;
  while (true) {
    char32_t ca = 0, cb = 0;
    while (i < a.size() && ((ca = NextCodePoint(a, &i)) == U' ' || IsPunctuation(ca))) ca = 0;
    while (j < b.size() && ((cb = NextCodePoint(b, &j)) == U' ' || IsPunctuation(cb))) cb = 0;
    if (ca != cb) return false;
    if (ca == 0) return true;
  }
}

enum class PhraseList : uint8_t { kNone, kFooterStart, kLineMarker, kMetadataLabel };

// An open-addressing hash table over the lexicon's phrases, built once per
// call: a few hundred short phrases take about a microsecond and need no
// state in the lexicon, whose lists stay plain public vectors.
class PhraseTable {
 public:
  explicit PhraseTable(const BoilerplateLexicon& lexicon) {
    size_t count = lexicon.footer_starts.size() + lexicon.line_markers.size() +
                   lexicon.metadata_labels.size();
    size_t size = 16;
    while (size < 2 * count) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
    // Earlier lists win when a phrase sits in two: a footer start must end the article.
    Add(lexicon.footer_starts, PhraseList::kFooterStart);
    Add(lexicon.metadata_labels, PhraseList::kMetadataLabel);
    Add(lexicon.line_markers, PhraseList::kLineMarker);
  }

  // The list of the longest phrase that opens `line` either as a label
  // ("کد خبر: 122657", "برچسب ها: بلینکن") or as nearly the whole line
  // ("آخرین اخبار", "نظرات کاربران (3)"). `words` is the line's word count.
  PhraseList Match(std::string_view line, int words) const {
    PhraseList found = PhraseList::kNone;
    // Most lines are paragraphs: too long to be a phrase with a few words
    // after it, so only a label could match, and a label needs a colon.
    if (words > max_words_ + kPhraseMaxTrailingWords && line.find(':') == std::string_view::npos) {
      return found;
    }
    uint64_t hash = kFnvOffset;
    int matched_words = 0;
    size_t begin = 0;
    while (begin < line.size() && matched_words < max_words_) {
      // A word ends at a space or just after a colon: "نویسنده:محمد" is a label too.
      size_t end = line.find_first_of(" :", begin);
      if (end == std::string_view::npos) end = line.size();
      bool labeled = end < line.size() && line[end] == ':';
      if (labeled) ++end;
      std::string_view token = line.substr(begin, end - begin);
      bool has_content = false;
      hash = ExtendKey(hash, token, &has_content);
      if (has_content) {
        ++matched_words;
        const Slot* slot = Find(hash, line.substr(0, end));
        if (slot != nullptr) {
          labeled = labeled || line.substr(end).starts_with(" :");
          int trailing = words - matched_words;
          int max_trailing = slot->list == PhraseList::kFooterStart ? kFooterMaxTrailingWords
                                                                    : kPhraseMaxTrailingWords;
          if (labeled || trailing <= max_trailing) found = slot->list;
        }
      }
      begin = end < line.size() && line[end] == ' ' ? end + 1 : end;
    }
    return found;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::string_view phrase;
    PhraseList list = PhraseList::kNone;
  };

  void Add(const std::vector<std::string>& phrases, PhraseList list) {
    for (const std::string& phrase : phrases) {
      bool has_content = false;
      uint64_t hash = ExtendKey(kFnvOffset, phrase, &has_content);
      if (!has_content || Find(hash, phrase) != nullptr) continue;
      size_t i = hash & mask_;
      while (slots_[i].list != PhraseList::kNone) i = (i + 1) & mask_;
      slots_[i] = {hash, phrase, list};
      int words = 0;
      ForEachToken(phrase, [&words](std::string_view token) {
        words += !TrimPunctuation(token).empty();
      });
      max_words_ = std::max(max_words_, words);
    }
  }

  const Slot* Find(uint64_t hash, std::string_view text) const {
    for (size_t i = hash & mask_; slots_[i].list != PhraseList::kNone; i = (i + 1) & mask_) {
      if (slots_[i].hash == hash && SameKey(slots_[i].phrase, text)) return &slots_[i];
    }
    return nullptr;
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int max_words_ = 0;
};

// Words that make a short line a relative time stamp: a relative word and a
// unit, "قبل 19 دقيقة", "منذ ساعتين", "5 دقیقه پیش", "2 hours ago". Written
// in the normalized form (ي->ی, ة->ه, أ->ا, ئ->ی, lower case).
constexpr std::string_view kRelativeWords[] = {"قبل", "منذ", "پیش", "ago"};
constexpr std::string_view kTimeUnits[] = {
    // Persian
    "ثانیه", "دقیقه", "دقایق", "دقایقی", "ساعت", "ساعات", "روز", "هفته", "ماه", "سال", "لحظه", "لحظاتی",
    // Arabic
    "ثوان", "ثوانی", "دقیقتین", "ساعه", "ساعتین", "یوم", "یومین", "ایام", "اسبوع", "اسبوعین", "اسابیع",
    "شهر", "شهرین", "اشهر", "سنه", "سنتین", "سنوات", "لحظات",
    // English
    "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs",
    "day", "days", "week", "weeks", "month", "months", "year", "years"};

template <size_t N>
bool Contains(const std::string_view (&words)[N], std::string_view word) {
  for (std::string_view w : words) {
    if (w == word) return true;
  }
  return false;
}

bool IsRelativeTime(std::string_view line, int words) {
  if (words > kRelativeTimeMaxWords) return false;
  bool relative = false, unit = false;
  ForEachToken(line, [&](std::string_view token) {
    token = TrimPunctuation(token);
    relative |= Contains(kRelativeWords, token);
    unit |= Contains(kTimeUnits, token);
  });
  return relative && unit;
}

// What a line looks like, before its place in the article is known.
enum class Signal : uint8_t {
  kBlank,
  kPlain,         // text that may be title, lead or paragraph
  kTicker,        // run-on headlines or a relative time stamp
  kMetadata,      // labelled metadata, a date-only line, a byline ending in a dash
  kMarker,        // a line-marker phrase
  kFooterStart,   // a footer-start phrase
};

struct Line {
  Span span;              // the whole line, as returned: no newline, spaces kept
  std::string_view text;  // trimmed of spaces
  Signal signal = Signal::kBlank;
  uint32_t chars = 0;
  int words = 0;
  bool ends_sentence = false;  // last mark is . ! ? ؟ … or : (closing quotes skipped)
  bool ends_question = false;  // ... and it is ! ? or ؟, as headlines often end
  bool has_stop = false;       // a sentence stop anywhere, "2.5" not counted
  uint32_t stops = 0;          // how many
  int commas = 0;              // ',' outside "1,000" and '،'
  int fragments = 0;           // headline separators: ':' outside "13:41", '|', '•', " / " outside dates
  int menu_bars = 0;           // '|' and '•' alone: "خانه | سیاسی | اقتصادی"
  int digit_words = 0;         // words holding a digit
};

// Fills the shape fields of `line` in one pass over its code points. Each
// code point is judged when the next one is known ("2.5" is no stop).
void MeasureShape(Line* line) {
  std::string_view s = line->text;
  bool in_word = false, word_has_content = false, word_has_digit = false;
  auto end_word = [&] {
    if (in_word) {
      line->words += word_has_content;
      line->digit_words += word_has_digit;
    }
    in_word = word_has_content = word_has_digit = false;
  };
  uint32_t i = 0;
  char32_t before_previous = U' ', previous = U' ';
  char32_t current = s.empty() ? U' ' : NextCodePoint(s, &i);
  for (bool more = !s.empty(); more;) {
    more = i < s.size();
    char32_t next = more ? NextCodePoint(s, &i) : U' ';
    ++line->chars;
    if (current == U' ') {
      end_word();
    } else {
      in_word = true;
      if (!IsPunctuation(current)) word_has_content = true;
      if (IsAsciiDigit(current)) word_has_digit = true;
    }
    bool between_digits = IsAsciiDigit(previous) && IsAsciiDigit(next);
    if (IsSentenceStop(current) && !(current == U'.' && between_digits)) {
      line->has_stop = true;
      ++line->stops;
    }
    if ((current == U',' && !between_digits) || current == U'\u060C') ++line->commas;
    bool bar = current == U'|' || current == U'\u2022';
    line->menu_bars += bar;
    bool slash = current == U'/' && previous == U' ' && next == U' ' && !IsAsciiDigit(before_previous);
    if (bar || slash || (current == U':' && !between_digits)) ++line->fragments;  // not "8 / 11 / 1436"
    before_previous = previous;
    previous = current;
    current = next;
  }
  end_word();

  std::string_view tail = s;
  while (!tail.empty()) {
    uint32_t begin = 0;
    char32_t c = LastCodePoint(tail, &begin);
    if (c == U' ' || IsClosingMark(c)) {
      tail.remove_suffix(tail.size() - begin);
      continue;
    }
    line->ends_sentence = IsSentenceStop(c) || c == U':';
    line->ends_question = c == U'!' || c == U'?' || c == U'\u061F';
    break;
  }
}

// Headlines run together (seeds 001 and 003 open with one): a long line not
// ending a sentence, with an "X: Y" every headline or two and hardly a stop
// or a comma. Prose, even quoting several people with colons and sparing
// with full stops, has commas and stops every 100-200 characters.
bool LooksLikeTicker(const Line& line) {
  return line.chars >= kTickerMinChars && !line.ends_sentence && line.fragments >= kTickerMinFragments &&
         line.fragments * kTickerMaxCharsPerFragment >= line.chars &&
         line.stops <= std::max(1u, line.chars / kTickerMinCharsPerStop) &&
         2 * line.commas <= line.fragments;
}

Signal DetectSignal(const Line& line, const PhraseTable& phrases) {
  if (line.text.empty()) return Signal::kBlank;
  switch (phrases.Match(line.text, line.words)) {
    case PhraseList::kFooterStart: return Signal::kFooterStart;
    case PhraseList::kMetadataLabel: return Signal::kMetadata;
    case PhraseList::kLineMarker: return Signal::kMarker;
    case PhraseList::kNone: break;
  }
  if (IsRelativeTime(line.text, line.words)) return Signal::kTicker;
  // "06:57 15 مهر 1400", "2022 February 18": mostly numbers.
  if (line.words <= kDateLineMaxWords && line.digit_words >= 2 && 2 * line.digit_words >= line.words) {
    return Signal::kMetadata;
  }
  // "خبرگزاری میزان -", "القاهرة -": the agency or place of a dateline.
  uint32_t begin = 0;
  if (line.words <= kBylineMaxWords && IsDash(LastCodePoint(line.text, &begin))) return Signal::kMetadata;
  if (LooksLikeTicker(line)) return Signal::kTicker;
  // Shorter runs of items between bars are a menu or a link bar.
  if (line.menu_bars >= kMenuMinBars && !line.has_stop) return Signal::kMarker;
  return Signal::kPlain;
}

// Whether a line reads as a paragraph rather than a headline or a label.
bool IsProse(const Line& line) {
  if (line.signal != Signal::kPlain) return false;
  if (line.ends_question) return line.words >= kLeadMinWordsEndingInQuestion;
  if (line.ends_sentence) return line.words >= kLeadMinWords;
  return line.has_stop && line.words >= kLeadMinWordsWithoutFinalStop;
}

// Appends the content words of `text`, for comparing a title candidate with the lead.
void AppendContentWords(std::string_view text, std::vector<std::string_view>* words) {
  ForEachToken(text, [words](std::string_view token) {
    token = TrimPunctuation(token);
    if (CountCodePoints(token) >= kContentWordMinChars) words->push_back(token);
  });
}

// How many distinct content words of a header line the opening paragraphs
// (sorted words) share, or 0 below the minimums (a long caption sharing a few).
int SharedWords(std::string_view candidate, const std::vector<std::string_view>& opening_words) {
  std::vector<std::string_view> words;
  AppendContentWords(candidate, &words);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  int shared = 0;
  for (std::string_view word : words) {
    shared += std::binary_search(opening_words.begin(), opening_words.end(), word);
  }
  bool enough = shared >= kTitleMinSharedWords &&
                shared >= kTitleMinSharedFraction * static_cast<double>(words.size());
  return enough ? shared : 0;
}

// Sentences of body text seen so far, to find text pasted twice. Sentences
// rather than lines, so a copy that joins or splits paragraphs differently is
// still found.
class SeenSentences {
 public:
  // Remembers the sentences of `text`; returns whether every one of them had
  // been seen before.
  bool Add(std::string_view text) {
    sentences_.clear();
    uint32_t begin = 0, i = 0;
    char32_t previous = U' ';
    while (i < text.size()) {
      char32_t c = NextCodePoint(text, &i);
      // Only '.' needs its neighbours, "2.5" is no stop; digits are ASCII.
      if (IsSentenceStop(c) && !(c == U'.' && IsAsciiDigit(previous) && i < text.size() &&
                                 IsAsciiDigit(static_cast<unsigned char>(text[i])))) {
        AddSentence(text.substr(begin, i - begin));
        begin = i;
      }
      previous = c;
    }
    AddSentence(text.substr(begin));
    bool all_seen = !sentences_.empty();
    for (std::string_view sentence : sentences_) {
      all_seen = !seen_.insert(sentence).second && all_seen;
    }
    return all_seen;
  }

 private:
  void AddSentence(std::string_view sentence) {
    sentence = TrimPunctuation(sentence);
    if (!sentence.empty()) sentences_.push_back(sentence);
  }

  std::unordered_set<std::string_view> seen_;
  std::vector<std::string_view> sentences_;  // of the current line; kept to reuse its memory
};

std::vector<Line> SplitLines(std::string_view text, const PhraseTable& phrases) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    Line line;
    line.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
    line.text = TrimSpaces(text.substr(begin, end - begin));
    MeasureShape(&line);
    line.signal = DetectSignal(line, phrases);
    lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

// Kind of a line that is not plain text, wherever it stands.
LineKind KindOfSignal(Signal signal) {
  switch (signal) {
    case Signal::kBlank: return LineKind::kBlank;
    case Signal::kTicker: return LineKind::kTicker;
    case Signal::kMetadata: return LineKind::kMetadata;
    case Signal::kMarker:
    case Signal::kFooterStart:  // above the article: a menu entry, not the end
    case Signal::kPlain: break;
  }
  return LineKind::kBoilerplate;
}

// The first plain lines of the article: their words (the title shares words
// with them, while a promotional lead, "read our other news on ...", may
// share none), and whether the article is a list: the lines after the lead
// are mostly unpunctuated, starting with the very next one.
struct Opening {
  std::vector<std::string_view> words;
  bool is_list = false;
};

// The words are only read when there is a header to compare them with.
Opening ReadOpening(const std::vector<Line>& lines, size_t lead, bool with_words) {
  Opening opening;
  int plain = 0, items = 0;
  bool second_is_item = false;
  for (size_t i = lead; i < lines.size() && plain <= kListProbeLines; ++i) {
    if (lines[i].signal != Signal::kPlain) continue;
    if (with_words && plain < kTitleProbeLines) AppendContentWords(lines[i].text, &opening.words);
    if (plain > 0) {
      bool item = !IsProse(lines[i]);
      if (plain == 1) second_is_item = item;
      items += item;
    }
    ++plain;
  }
  std::sort(opening.words.begin(), opening.words.end());  // for SharedWords' binary search
  int after_first = plain - 1;
  opening.is_list = second_is_item && after_first >= kListMinItems && 2 * items > after_first;
  return opening;
}

// Classifies the header: the lines above the lead. Among them only the title
// is article text. The title is the title-shaped line sharing words with the
// opening paragraphs: one printed twice (as page title and as heading) before
// one printed once, as a photo caption naming the people of the lead may share
// more words than the title; then the one sharing most words (a neighbouring
// headline shares fewer); then the one nearest the lead. Without shared words
// it is the repeated line nearest the lead, else the last line before the
// lead. The title is its first copy; later copies are duplicates.
//
// A long list of headlines sharing no words with the opening, where the
// opening goes on as a list, is not a header but the article itself (a press
// review of the day's front pages, Fars News 2004): it stays body.
void ClassifyHeader(const std::vector<Line>& lines, size_t lead, const Opening& opening,
                    std::vector<ClassifiedLine>* out) {
  std::vector<size_t> candidates;
  std::unordered_map<std::string_view, int> copies;
  int headlines = 0;
  for (size_t i = 0; i < lead; ++i) {
    const Line& line = lines[i];
    LineKind kind = KindOfSignal(line.signal);
    if (line.signal == Signal::kPlain) {
      if (line.chars > kTitleMaxChars) {
        kind = LineKind::kBody;
      } else if (line.words >= kTitleMinWords) {
        candidates.push_back(i);
        ++copies[line.text];
        headlines += line.words >= kHeadlineMinWords;
      }
    }
    (*out)[i].kind = kind;
  }
  if (candidates.empty()) return;

  int best = -1, best_repeated = -1;
  std::pair<bool, int> best_rank;  // (printed twice, shared words)
  for (size_t i : candidates) {
    bool repeated = copies[lines[i].text] > 1;
    if (repeated) best_repeated = static_cast<int>(i);
    std::pair<bool, int> rank(repeated, SharedWords(lines[i].text, opening.words));
    if (rank.second > 0 && rank >= best_rank) {
      best_rank = rank;
      best = static_cast<int>(i);
    }
  }
  if (best < 0) {
    if (opening.is_list && headlines > kMaxHeaderHeadlines) {
      for (size_t i : candidates) (*out)[i].kind = LineKind::kBody;
      return;
    }
    best = best_repeated >= 0 ? best_repeated : static_cast<int>(candidates.back());
  }
  std::string_view title_text = lines[best].text;
  bool title_seen = false;
  for (size_t i : candidates) {
    if (lines[i].text != title_text) continue;
    (*out)[i].kind = title_seen ? LineKind::kDuplicate : LineKind::kBody;
    title_seen = true;
  }
}

// The body lines under the last paragraph, when they are not a list the
// paragraph introduces ("... عبارتند از:") nor the end of an article that is
// a list (see ReadOpening): one or two short lines are a
// source or signature line ("العربية نت"), several headline-shaped lines
// are links to other articles that no footer phrase announced.
void ClassifyTail(const std::vector<Line>& lines, size_t lead, size_t end, std::vector<ClassifiedLine>* out) {
  std::vector<size_t> tail;
  size_t i = end;
  while (i > lead) {
    --i;
    if ((*out)[i].kind != LineKind::kBody) continue;
    if (IsProse(lines[i])) break;
    tail.push_back(i);
  }
  if (tail.empty() || !IsProse(lines[i]) || lines[i].text.back() == ':') return;
  bool signature = tail.size() <= kTrailerMaxLines;
  bool link_list = tail.size() >= kLinkListMinLines;
  for (size_t t : tail) {
    signature = signature && lines[t].words <= kTrailerMaxWords;
    link_list = link_list && lines[t].chars <= kTitleMaxChars;
  }
  if (signature || link_list) {
    for (size_t t : tail) (*out)[t].kind = signature ? LineKind::kBoilerplate : LineKind::kFooter;
  }
}

Status ReadPhraseList(const std::string& path, std::vector<std::string>* phrases) {
  std::ifstream in(path);
  if (!in) return Status::Error(path + ": cannot open");
  std::string raw;
  for (int line_number = 1; std::getline(in, raw); ++line_number) {
    std::string_view line = raw;
    line = line.substr(0, line.find('#'));
    if (FindInvalidUtf8(line) >= 0) {
      return Status::Error(path + ":" + std::to_string(line_number) + ": not UTF-8");
    }
    std::string phrase(TrimSpaces(NormalizeForMatching(line)));
    if (!phrase.empty()) phrases->push_back(std::move(phrase));
  }
  if (in.bad()) return Status::Error(path + ": read error");
  return Status();
}

}  // namespace

Result<BoilerplateLexicon> BoilerplateLexicon::Load(const std::string& directory) {
  BoilerplateLexicon lexicon;
  const struct {
    const char* file;
    std::vector<std::string>* phrases;
  } lists[] = {{"footer_starts.txt", &lexicon.footer_starts},
               {"line_markers.txt", &lexicon.line_markers},
               {"metadata_labels.txt", &lexicon.metadata_labels}};
  for (const auto& list : lists) {
    Status status = ReadPhraseList(directory + "/" + list.file, list.phrases);
    if (!status.ok()) return status;
  }
  return lexicon;
}

std::vector<ClassifiedLine> CleanScrapedText(std::string_view normalized_text,
                                             const BoilerplateLexicon& lexicon) {
  PhraseTable phrases(lexicon);
  std::vector<Line> lines = SplitLines(normalized_text, phrases);
  std::vector<ClassifiedLine> out(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) out[i].span = lines[i].span;

  // The lead is the first sentence-shaped line; above it stand tickers,
  // labels, the title and the date. Without one, all lines are body zone.
  size_t lead = 0;
  while (lead < lines.size() && !IsProse(lines[lead])) ++lead;
  if (lead == lines.size()) lead = 0;

  Opening opening = ReadOpening(lines, lead, /*with_words=*/lead > 0);
  SeenSentences seen;
  if (lead > 0) {
    ClassifyHeader(lines, lead, opening, &out);
    for (size_t i = 0; i < lead; ++i) {
      if (out[i].kind == LineKind::kBody) seen.Add(lines[i].text);
    }
  }

  bool seen_body = false;
  size_t footer = lines.size();
  for (size_t i = lead; i < lines.size(); ++i) {
    const Line& line = lines[i];
    LineKind kind = KindOfSignal(line.signal);
    if (line.signal == Signal::kFooterStart && seen_body) {
      footer = i;
      break;
    }
    if (line.signal == Signal::kPlain) {
      kind = seen.Add(line.text) ? LineKind::kDuplicate : LineKind::kBody;
      seen_body = true;
    }
    out[i].kind = kind;
  }
  for (size_t i = footer; i < lines.size(); ++i) out[i].kind = LineKind::kFooter;
  if (!opening.is_list) ClassifyTail(lines, lead, footer, &out);
  return out;
}

}  // namespace rayzan
