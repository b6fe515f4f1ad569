#include "rayzan/segment.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>

namespace rayzan {
namespace {

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

// Lead byte of a two-byte sequence in the Arabic block U+0600-U+06FF.
bool IsArabicLead(char c) {
  auto b = static_cast<unsigned char>(c);
  return b >= 0xD8 && b <= 0xDB;
}

// Start of the code point that ends right before `end`.
uint32_t PreviousCodePoint(std::string_view text, uint32_t begin, uint32_t end) {
  uint32_t i = end - 1;
  while (i > begin && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

bool IsLetterAt(std::string_view text, uint32_t at) {
  uint32_t next = at;
  return u_isalpha(static_cast<UChar32>(DecodeUtf8(text, &next)));
}

// Shrinks `span` to exclude surrounding whitespace.
Span Trim(std::string_view text, Span span) {
  while (span.begin < span.end && IsSpaceByte(text[span.begin])) ++span.begin;
  while (span.end > span.begin && IsSpaceByte(text[span.end - 1])) --span.end;
  // Odd spaces (NBSP and the like) in text that was not normalized.
  while (span.begin < span.end) {
    uint32_t next = span.begin;
    if (!u_isUWhiteSpace(static_cast<UChar32>(DecodeUtf8(text, &next)))) break;
    span.begin = next;
  }
  while (span.end > span.begin) {
    uint32_t last = PreviousCodePoint(text, span.begin, span.end);
    uint32_t next = last;
    if (!u_isUWhiteSpace(static_cast<UChar32>(DecodeUtf8(text, &next)))) break;
    span.end = last;
  }
  return span;
}

// Latin abbreviations that end with '.' without ending the sentence, in
// matching form (lower case).
constexpr std::array<std::string_view, 30> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "st", "jr", "sr", "vs",
    "etc", "inc", "corp", "ltd", "co", "no", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov"};

// The letters right before text[dot] (a '.'), within [begin, dot).
Span LettersBefore(std::string_view text, uint32_t begin, uint32_t dot) {
  uint32_t start = dot;
  while (start > begin) {
    uint32_t previous = PreviousCodePoint(text, begin, start);
    if (!IsLetterAt(text, previous)) break;
    start = previous;
  }
  return {start, dot};
}

// True when the '.' at text[dot] closes an abbreviation rather than a
// sentence: a single letter ("u.s.", "ج.ا.ا.", an initial) or a listed Latin
// abbreviation ("mr.").
bool IsAbbreviationDot(std::string_view text, uint32_t begin, uint32_t dot) {
  Span word = LettersBefore(text, begin, dot);
  if (word.empty()) return false;
  if (word.begin > begin && !IsSpaceByte(text[word.begin - 1]) && text[word.begin - 1] != '.' &&
      text[word.begin - 1] != '(') {
    return false;
  }
  if (PreviousCodePoint(text, word.begin, word.end) == word.begin) return true;  // one letter
  if (word.size() > 4) return false;
  char lower[4];
  for (uint32_t i = 0; i < word.size(); ++i) {
    char c = text[word.begin + i];
    if (!IsAsciiLetter(c)) return false;
    lower[i] = static_cast<char>(c | 0x20);
  }
  std::string_view candidate(lower, word.size());
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), candidate) != kAbbreviations.end();
}

// The last non-space byte before `end`, or -1.
int64_t LastNonSpace(std::string_view text, uint32_t begin, uint32_t end) {
  while (end > begin && IsSpaceByte(text[end - 1])) --end;
  return end > begin ? static_cast<int64_t>(end - 1) : -1;
}

TokenKind KindOf(std::string_view text, Span span) {
  bool digit = false;
  for (uint32_t i = span.begin; i < span.end;) {
    char32_t cp = DecodeUtf8(text, &i);
    if (u_isalpha(static_cast<UChar32>(cp))) return TokenKind::kWord;
    digit |= u_isdigit(static_cast<UChar32>(cp)) != 0;
  }
  return digit ? TokenKind::kNumber : TokenKind::kPunctuation;
}

}  // namespace

struct Segmenter::Impl {
  Impl() {
    UErrorCode status = U_ZERO_ERROR;
    sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) sentences.reset();
    status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) words.reset();
  }
  ~Impl() { utext_close(&utext); }

  // Points `iterator` at text[span]; its boundaries are then byte offsets
  // relative to span.begin. False when ICU refuses.
  bool Attach(icu::BreakIterator* iterator, std::string_view text, Span span) {
    if (iterator == nullptr) return false;
    UErrorCode status = U_ZERO_ERROR;
    // Reopening into the same UText reuses it: no allocation per call.
    utext_openUTF8(&utext, text.data() + span.begin, span.size(), &status);
    if (U_FAILURE(status)) return false;
    iterator->setText(&utext, status);
    return U_SUCCESS(status);
  }

  void AddSentences(std::string_view text, Span line, std::vector<Span>* out);
  void AddSentence(std::string_view text, Span sentence, std::vector<Span>* out);
  void AddWord(std::string_view text, Span word, TokenKind kind, std::vector<Token>* out);

  std::unique_ptr<icu::BreakIterator> sentences;
  std::unique_ptr<icu::BreakIterator> words;
  UText utext = UTEXT_INITIALIZER;
};

void Segmenter::Impl::AddSentences(std::string_view text, Span line, std::vector<Span>* out) {
  if (!Attach(sentences.get(), text, line)) {
    AddSentence(text, line, out);
    return;
  }
  uint32_t start = line.begin;
  for (int32_t b = sentences->next(); b != icu::BreakIterator::DONE; b = sentences->next()) {
    uint32_t boundary = line.begin + static_cast<uint32_t>(b);
    if (boundary < line.end) {
      int64_t last = LastNonSpace(text, start, boundary);
      if (last >= 0 && text[last] == '.' && IsAbbreviationDot(text, start, static_cast<uint32_t>(last))) {
        continue;
      }
    }
    AddSentence(text, {start, boundary}, out);
    start = boundary;
  }
  if (start < line.end) AddSentence(text, {start, line.end}, out);
}

// ICU's rule SB8 keeps ". lowercase" together (it takes a lower-case letter
// for the middle of a sentence), but normalized English is all lower case; so
// a '.' followed by spaces and a lower-case Latin letter splits here unless it
// closes an abbreviation.
void Segmenter::Impl::AddSentence(std::string_view text, Span sentence, std::vector<Span>* out) {
  uint32_t start = sentence.begin;
  for (uint32_t i = sentence.begin; i + 2 < sentence.end; ++i) {
    if (text[i] != '.' || text[i + 1] != ' ') continue;
    uint32_t next = i + 1;
    while (next < sentence.end && text[next] == ' ') ++next;
    if (next >= sentence.end || !IsAsciiLower(text[next])) continue;
    if (i > start && text[i - 1] == '.') continue;  // an ellipsis
    if (IsAbbreviationDot(text, start, i)) continue;
    Span piece = Trim(text, {start, i + 1});
    if (!piece.empty()) out->push_back(piece);
    start = next;
  }
  Span piece = Trim(text, {start, sentence.end});
  if (!piece.empty()) out->push_back(piece);
}

// ICU joins letters across ':' (MidLetter) and '.' (MidNumLet), so scraped
// text with a missing space ("گفت:انفجارها", "ندارد.وی") arrives as one word.
// A ':' always splits; a '.' splits when an Arabic-script letter follows and
// at least two letters precede ("ج.ا.ا" stays one word, so does "farsnews.ir").
void Segmenter::Impl::AddWord(std::string_view text, Span word, TokenKind kind, std::vector<Token>* out) {
  uint32_t start = word.begin;
  for (uint32_t i = word.begin; i < word.end; ++i) {
    char c = text[i];
    bool split = c == ':';
    if (c == '.' && i + 1 < word.end && IsArabicLead(text[i + 1])) {
      Span before = LettersBefore(text, start, i);
      split = !before.empty() && PreviousCodePoint(text, before.begin, before.end) != before.begin;
    }
    if (!split) continue;
    if (i > start) out->push_back({{start, i}, KindOf(text, {start, i})});
    out->push_back({{i, i + 1}, TokenKind::kPunctuation});
    start = i + 1;
  }
  if (start == word.begin) {
    out->push_back({word, kind});
  } else if (start < word.end) {
    out->push_back({{start, word.end}, KindOf(text, {start, word.end})});
  }
}

Segmenter::Segmenter() : impl_(std::make_unique<Impl>()) {}
Segmenter::~Segmenter() = default;

std::vector<Span> Segmenter::Sentences(std::string_view text, Span region) {
  std::vector<Span> out;
  region.end = std::min<uint32_t>(region.end, static_cast<uint32_t>(text.size()));
  uint32_t line_begin = region.begin;
  while (line_begin < region.end) {
    size_t newline = text.find('\n', line_begin);
    uint32_t line_end = newline == std::string_view::npos || newline >= region.end
                            ? region.end
                            : static_cast<uint32_t>(newline);
    Span line = Trim(text, {line_begin, line_end});
    if (!line.empty()) impl_->AddSentences(text, line, &out);
    line_begin = line_end + 1;
  }
  return out;
}

std::vector<Token> Segmenter::Tokens(std::string_view text, Span region) {
  std::vector<Token> out;
  region.end = std::min<uint32_t>(region.end, static_cast<uint32_t>(text.size()));
  if (region.empty()) return out;
  out.reserve(region.size() / 6);
  if (!impl_->Attach(impl_->words.get(), text, region)) {
    // No ICU word rules: whitespace-separated tokens.
    uint32_t i = region.begin;
    while (i < region.end) {
      while (i < region.end && IsSpaceByte(text[i])) ++i;
      uint32_t start = i;
      while (i < region.end && !IsSpaceByte(text[i])) ++i;
      if (i > start) out.push_back({{start, i}, KindOf(text, {start, i})});
    }
    return out;
  }
  icu::BreakIterator& words = *impl_->words;
  uint32_t start = region.begin;
  for (int32_t b = words.next(); b != icu::BreakIterator::DONE; b = words.next()) {
    Span piece{start, region.begin + static_cast<uint32_t>(b)};
    start = piece.end;
    int32_t status = words.getRuleStatus();
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
      impl_->AddWord(text, piece, TokenKind::kNumber, &out);
    } else if (status >= UBRK_WORD_LETTER) {
      impl_->AddWord(text, piece, TokenKind::kWord, &out);
    } else {
      // ICU's "none" status: spaces and punctuation, one character each
      // (runs of spaces come as one piece).
      uint32_t next = piece.begin;
      if (u_isUWhiteSpace(static_cast<UChar32>(DecodeUtf8(text, &next)))) continue;
      out.push_back({piece, TokenKind::kPunctuation});
    }
  }
  return out;
}

}  // namespace rayzan
