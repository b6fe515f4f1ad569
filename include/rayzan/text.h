// Shared vocabulary of the pipeline: byte spans, languages, UTF-8 helpers.
//
// Offsets inside the library are byte offsets into UTF-8 text. They become
// character (code point) offsets only at the output boundary, where
// CodePointOffset converts them, so a user's tool can slice the original
// article with them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rayzan {

// Half-open byte range [begin, end).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(uint32_t offset) const { return begin <= offset && offset < end; }
  bool operator==(const Span&) const = default;
};

inline std::string_view Slice(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

enum class Language { kUnknown, kPersian, kArabic, kEnglish, kOther };

// "fa", "ar", "en", "other", "und".
std::string_view LanguageCode(Language language);
// Inverse of LanguageCode; also accepts "fa-AF", "ar-SA", "en-US" and the like.
Language LanguageFromCode(std::string_view code);

// Decodes the code point starting at text[*offset] and advances *offset past
// it. Precondition: *offset < text.size() and text is valid UTF-8.
char32_t DecodeUtf8(std::string_view text, uint32_t* offset);
// Appends the UTF-8 encoding of code_point.
void AppendUtf8(char32_t code_point, std::string* out);
// Byte offset of the first invalid UTF-8 sequence, or -1 when text is valid.
int64_t FindInvalidUtf8(std::string_view text);
// Number of code points in text[0, byte_offset).
uint32_t CodePointOffset(std::string_view text, uint32_t byte_offset);

}  // namespace rayzan
