#include "rayzan/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstring>

namespace rayzan {
namespace {

// Marks a code point that produces no output.
constexpr char32_t kDrop = 0xFFFFFFFF;

// What each code point of the Arabic block U+0600-U+06FF becomes: itself,
// another code point, an ASCII digit, or kDrop. One lookup per letter keeps
// the hot loop free of branches on individual letters.
struct ArabicTable {
  char32_t to[256];
};

constexpr ArabicTable MakeArabicTable() {
  ArabicTable t{};
  for (char32_t c = 0; c < 256; ++c) t.to[c] = 0x0600 + c;
  auto drop = [&t](char32_t first, char32_t last) {
    for (char32_t c = first; c <= last; ++c) t.to[c - 0x0600] = kDrop;
  };
  auto map = [&t](char32_t from, char32_t to) { t.to[from - 0x0600] = to; };

  drop(0x0600, 0x0605);  // number signs (format characters)
  drop(0x0610, 0x061A);  // honorific and Quranic marks above letters
  drop(0x061C, 0x061C);  // ARABIC LETTER MARK
  drop(0x0621, 0x0621);  // ء alone
  drop(0x0640, 0x0640);  // tatweel
  drop(0x064B, 0x065F);  // harakat, shadda, sukun, hamza above/below
  drop(0x0670, 0x0670);  // superscript alef
  drop(0x0674, 0x0674);  // high hamza
  drop(0x06D6, 0x06DD);  // Quranic annotation marks, end of ayah
  drop(0x06DF, 0x06E4);
  drop(0x06E7, 0x06E8);
  drop(0x06EA, 0x06ED);

  for (char32_t c : {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675}) map(c, 0x0627);
  for (char32_t c : {0x0624, 0x0676, 0x0677}) map(c, 0x0648);
  for (char32_t c : {0x0626, 0x0649, 0x064A, 0x0678}) map(c, 0x06CC);
  for (char32_t c : {0x0643, 0x06AA}) map(c, 0x06A9);
  for (char32_t c : {0x0629, 0x06C0, 0x06D5}) map(c, 0x0647);
  for (char32_t d = 0; d < 10; ++d) {
    map(0x0660 + d, U'0' + d);  // Arabic-Indic digits
    map(0x06F0 + d, U'0' + d);  // Persian digits
  }
  map(0x066B, U'.');  // ٫ decimal separator
  map(0x066C, U',');  // ٬ thousands separator
  return t;
}

constexpr ArabicTable kArabic = MakeArabicTable();

// What an ASCII byte becomes.
enum AsciiAction : uint8_t { kCopy, kLower, kSpace, kNewline, kCarriageReturn, kDropByte };

struct AsciiTable {
  AsciiAction action[128];
};

constexpr AsciiTable MakeAsciiTable() {
  AsciiTable t{};
  for (int c = 0; c < 128; ++c) {
    t.action[c] = c < 0x20 || c == 0x7F ? kDropByte : kCopy;
  }
  for (int c = 'A'; c <= 'Z'; ++c) t.action[c] = kLower;
  t.action[int{' '}] = kSpace;
  t.action[int{'\t'}] = kSpace;
  t.action[int{'\n'}] = kNewline;
  t.action[int{'\v'}] = kNewline;  // vertical tab and form feed break lines in
  t.action[int{'\f'}] = kNewline;  // text pasted from word processors
  t.action[int{'\r'}] = kCarriageReturn;
  return t;
}

constexpr AsciiTable kAscii = MakeAsciiTable();

// Output buffer with an optional offset map. Grows in blocks, so appending a
// byte is a store and an increment.
template <bool kMap>
class Writer {
 public:
  explicit Writer(size_t expected) {
    text_.resize(expected + 16);
    if constexpr (kMap) offsets_.resize(expected + 17);
  }

  // Room for `n` more bytes.
  void Reserve(size_t n) {
    if (size_ + n <= text_.size()) return;
    size_t grown = (text_.size() + n) * 3 / 2;
    text_.resize(grown);
    if constexpr (kMap) offsets_.resize(grown + 1);
  }

  // Precondition: Reserve(1) was called.
  void Byte(char c, uint32_t source) {
    text_[size_] = c;
    if constexpr (kMap) offsets_[size_] = source;
    ++size_;
  }

  // A space that collapses into a space just written.
  void Space(uint32_t source) {
    if (size_ > 0 && text_[size_ - 1] == ' ') return;
    Reserve(1);
    Byte(' ', source);
  }

  void CodePoint(char32_t cp, uint32_t source) {
    Reserve(4);
    if (cp < 0x80) {
      Byte(static_cast<char>(cp), source);
    } else if (cp < 0x800) {
      Byte(static_cast<char>(0xC0 | (cp >> 6)), source);
      Byte(static_cast<char>(0x80 | (cp & 0x3F)), source);
    } else if (cp < 0x10000) {
      Byte(static_cast<char>(0xE0 | (cp >> 12)), source);
      Byte(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), source);
      Byte(static_cast<char>(0x80 | (cp & 0x3F)), source);
    } else {
      Byte(static_cast<char>(0xF0 | (cp >> 18)), source);
      Byte(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)), source);
      Byte(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), source);
      Byte(static_cast<char>(0x80 | (cp & 0x3F)), source);
    }
  }

  std::string TakeText() {
    text_.resize(size_);
    return std::move(text_);
  }
  std::vector<uint32_t> TakeOffsets(uint32_t source_size) {
    offsets_.resize(size_ + 1);
    offsets_[size_] = source_size;
    return std::move(offsets_);
  }

 private:
  std::string text_;
  std::vector<uint32_t> offsets_;
  size_t size_ = 0;
};

// Compatibility forms worth decomposing: Latin and Hebrew ligatures, Arabic
// presentation forms A and B (old PDF and Word exports are full of ﻻ ﺍ ﻟ),
// vertical and small forms, full-width and half-width forms.
bool IsCompatibilityBlock(char32_t cp) { return cp >= 0xFB00 && cp <= 0xFFEF; }

// Folds one code point outside ASCII; `compat` is false while emitting the
// NFKC expansion of a compatibility character (NFKC output needs no second
// expansion).
template <bool kMap>
void FoldCodePoint(char32_t cp, uint32_t source, bool compat, Writer<kMap>* out) {
  if (cp < 0x80) {
    switch (kAscii.action[cp]) {
      case kCopy: out->CodePoint(cp, source); return;
      case kLower: out->CodePoint(cp + ('a' - 'A'), source); return;
      case kSpace: out->Space(source); return;
      case kNewline:
      case kCarriageReturn: out->CodePoint('\n', source); return;
      case kDropByte: return;
    }
    return;
  }
  if (cp >= 0x0600 && cp <= 0x06FF) {
    char32_t to = kArabic.to[cp - 0x0600];
    if (to != kDrop) out->CodePoint(to, source);
    return;
  }
  if (cp >= 0x08D3 && cp <= 0x08FF) return;  // Arabic Extended-A combining marks
  if (compat && IsCompatibilityBlock(cp)) {
    static const icu::Normalizer2* nfkc = [] {
      UErrorCode status = U_ZERO_ERROR;
      return icu::Normalizer2::getNFKCInstance(status);
    }();
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString expanded = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
    if (U_FAILURE(status)) return;
    // Isolated harakat such as U+FE70 expand to a space plus the mark; the
    // space would split the word the mark sat in.
    int32_t i = 0;
    if (expanded.length() > 1 && expanded.charAt(0) == u' ') i = 1;
    while (i < expanded.length()) {
      UChar32 c = expanded.char32At(i);
      FoldCodePoint(static_cast<char32_t>(c), source, false, out);
      i += U16_LENGTH(c);
    }
    return;
  }
  switch (cp) {
    case 0x0085:  // NEXT LINE
    case 0x2028:  // LINE SEPARATOR
    case 0x2029:  // PARAGRAPH SEPARATOR
      out->CodePoint('\n', source);
      return;
    default:
      break;
  }
  int8_t type = u_charType(static_cast<UChar32>(cp));
  if (type == U_FORMAT_CHAR || type == U_CONTROL_CHAR) return;  // ZWNJ, LRM, soft hyphen...
  if (type == U_SPACE_SEPARATOR) {
    out->Space(source);
    return;
  }
  out->CodePoint(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)),
                 source);
}

template <bool kMap>
void NormalizeInto(std::string_view source, Writer<kMap>* out) {
  const auto* s = reinterpret_cast<const unsigned char*>(source.data());
  const uint32_t n = static_cast<uint32_t>(source.size());
  uint32_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      switch (kAscii.action[c]) {
        case kCopy:
          out->Reserve(1);
          out->Byte(static_cast<char>(c), i);
          break;
        case kLower:
          out->Reserve(1);
          out->Byte(static_cast<char>(c + ('a' - 'A')), i);
          break;
        case kSpace:
          out->Space(i);
          break;
        case kNewline:
          out->Reserve(1);
          out->Byte('\n', i);
          break;
        case kCarriageReturn:
          // \r\n becomes one \n mapped to the \r, so a span ending at the
          // line break never holds half of it; a lone \r is a line break too.
          out->Reserve(1);
          out->Byte('\n', i);
          if (i + 1 < n && s[i + 1] == '\n') ++i;
          break;
        case kDropByte:
          break;
      }
      ++i;
      continue;
    }
    // Two-byte sequences D8 80..DB BF are the Arabic block U+0600-U+06FF,
    // which is most of every Persian and Arabic page.
    if (c >= 0xD8 && c <= 0xDB && i + 1 < n) {
      char32_t to = kArabic.to[((c & 0x03) << 6) | (s[i + 1] & 0x3F)];
      if (to != kDrop) out->CodePoint(to, i);
      i += 2;
      continue;
    }
    int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (length == 1 || i + length > n) {  // stray continuation or truncated: not UTF-8
      ++i;
      continue;
    }
    char32_t cp = c & (0x7F >> length);
    for (int k = 1; k < length; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    FoldCodePoint(cp, i, true, out);
    i += length;
  }
}

}  // namespace

NormalizedText Normalize(std::string_view source) {
  Writer<true> out(source.size());
  NormalizeInto(source, &out);
  NormalizedText result;
  result.text = out.TakeText();
  result.source_offset = out.TakeOffsets(static_cast<uint32_t>(source.size()));
  return result;
}

std::string NormalizeForMatching(std::string_view text) {
  Writer<false> out(text.size());
  NormalizeInto(text, &out);
  return out.TakeText();
}

}  // namespace rayzan
