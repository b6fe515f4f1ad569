#include "rayzan/text.h"

namespace rayzan {

std::string_view LanguageCode(Language language) {
  switch (language) {
    case Language::kPersian: return "fa";
    case Language::kArabic: return "ar";
    case Language::kEnglish: return "en";
    case Language::kOther: return "other";
    case Language::kUnknown: break;
  }
  return "und";
}

Language LanguageFromCode(std::string_view code) {
  std::string_view primary = code.substr(0, code.find_first_of("-_"));
  if (primary == "fa" || primary == "prs" || primary == "per" || primary == "fas") return Language::kPersian;
  if (primary == "ar" || primary == "ara") return Language::kArabic;
  if (primary == "en" || primary == "eng") return Language::kEnglish;
  if (primary.empty() || primary == "und") return Language::kUnknown;
  return Language::kOther;
}

char32_t DecodeUtf8(std::string_view text, uint32_t* offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  uint32_t i = *offset;
  unsigned char c = s[i];
  if (c < 0x80) {
    *offset = i + 1;
    return c;
  }
  int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (0x3F >> (length - 1));
  for (int k = 1; k < length && i + k < text.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
  *offset = i + length;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int64_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int length;
    char32_t min;
    if ((c & 0xE0) == 0xC0) {
      length = 2, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, min = 0x10000;
    } else {
      return static_cast<int64_t>(i);
    }
    if (i + length > n) return static_cast<int64_t>(i);
    char32_t cp = c & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return static_cast<int64_t>(i);
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return static_cast<int64_t>(i);
    i += length;
  }
  return -1;
}

uint32_t CodePointOffset(std::string_view text, uint32_t byte_offset) {
  uint32_t count = 0;
  for (uint32_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace rayzan
