#include "rayzan/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace rayzan {
namespace {

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// Copies bytes, replacing each invalid UTF-8 sequence by U+FFFD. Returns the
// number of replacements in *invalid and the count of multi-byte sequences
// in *multibyte. Valid stretches are copied whole: on a valid page this is
// one validation pass and one memcpy.
std::string RepairUtf8(std::string_view bytes, size_t* invalid, size_t* multibyte) {
  std::string out;
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t n = static_cast<int32_t>(std::min<size_t>(bytes.size(), INT32_MAX));
  int32_t i = 0;
  int32_t copied = 0;  // bytes before this are in out
  *invalid = *multibyte = 0;
  while (i < n) {
    // Runs of ASCII (all of the markup) are checked eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      if (out.capacity() == 0) out.reserve(bytes.size() + 64);
      out.append(bytes.data() + copied, start - copied);
      out.append("\xEF\xBF\xBD");
      copied = i;
      ++*invalid;
    } else {
      ++*multibyte;
    }
  }
  if (copied == 0) return std::string(bytes.substr(0, n));
  out.append(bytes.data() + copied, n - copied);
  return out;
}

bool ConvertWithIcu(std::string_view bytes, const std::string& charset, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* probe = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status) || probe == nullptr) return false;
  ucnv_close(probe);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), INT32_MAX)),
                          charset.c_str());
  if (text.isBogus()) return false;
  out->clear();
  text.toUTF8String(*out);
  return true;
}

struct Detection {
  std::string charset;
  int confidence = 0;
};

// ICU's statistical detector, with the HTML-tag filter on so markup does not
// drown the text. Only used when the bytes contradict or lack a declaration.
Detection DetectCharset(std::string_view bytes) {
  Detection best;
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return best;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(detector, ucsdet_close);
  // The detector looks at a prefix; 64 KB is plenty and keeps it cheap on 20 MB pages.
  size_t n = std::min<size_t>(bytes.size(), 64 * 1024);
  ucsdet_enableInputFilter(detector, true);
  ucsdet_setText(detector, bytes.data(), static_cast<int32_t>(n), &status);
  const UCharsetMatch* match = ucsdet_detect(detector, &status);
  if (U_FAILURE(status) || match == nullptr) return best;
  const char* name = ucsdet_getName(match, &status);
  int confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || name == nullptr) return best;
  best.charset = CanonicalCharset(name);
  best.confidence = confidence;
  return best;
}

bool IsLatinSingleByte(const std::string& charset) {
  return charset == "windows-1252" || charset == "iso-8859-15" || charset == "iso-8859-2" ||
         charset == "windows-1250";
}

bool IsArabicSingleByte(const std::string& charset) {
  return charset == "windows-1256" || charset == "iso-8859-6";
}

// Share of Latin-1 letters (U+00C0..U+00FF) that follow another such
// letter. French or Portuguese put one accent inside ASCII words ("café");
// Arabic windows-1256 bytes read as windows-1252 become whole runs of them
// ("ãÚÇÑÖæä"), so a high share means the declaration is wrong.
double LatinAccentRunShare(std::string_view utf8) {
  size_t accents = 0, in_runs = 0;
  bool previous = false;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t n = static_cast<int32_t>(std::min<size_t>(utf8.size(), 1 << 20));
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    bool accent = c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7;
    if (accent) {
      ++accents;
      if (previous) ++in_runs;
    }
    previous = accent;
  }
  return accents < 20 ? 0.0 : static_cast<double>(in_runs) / accents;
}

}  // namespace

std::string CanonicalCharset(std::string_view label) {
  std::string s = Lower(label);
  auto not_space = [](unsigned char c) { return !(c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\r' || c == '\n'); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  if (s.empty()) return s;
  if (s == "utf8" || s == "utf-8" || s == "unicode-1-1-utf-8" || s == "x-unicode20utf8") return "utf-8";
  if (s == "cp1256" || s == "windows-1256" || s == "x-cp1256" || s == "win-1256" || s == "ms-arab") return "windows-1256";
  if (s == "iso-8859-6" || s == "iso8859-6" || s == "iso_8859-6" || s == "arabic" || s == "asmo-708" ||
      s == "iso-ir-127" || s == "ecma-114" || s == "csisolatinarabic" || s == "iso-8859-6-i" || s == "iso-8859-6-e")
    return "iso-8859-6";
  // Browsers read all of these as windows-1252 (WHATWG Encoding), so do we.
  if (s == "iso-8859-1" || s == "iso8859-1" || s == "iso_8859-1" || s == "latin1" || s == "l1" ||
      s == "us-ascii" || s == "ascii" || s == "windows-1252" || s == "cp1252" || s == "x-cp1252" ||
      s == "cp819" || s == "ibm819")
    return "windows-1252";
  if (s == "utf-16" || s == "utf-16le" || s == "unicode") return "utf-16le";
  if (s == "utf-16be") return "utf-16be";
  if (s == "cp1251" || s == "windows-1251" || s == "x-cp1251") return "windows-1251";
  if (s == "gb2312" || s == "gbk" || s == "x-gbk" || s == "gb_2312-80" || s == "cp936") return "gbk";
  if (s == "shift_jis" || s == "sjis" || s == "x-sjis" || s == "ms_kanji" || s == "windows-31j") return "shift_jis";
  if (s == "euc-kr" || s == "ks_c_5601-1987" || s == "cp949") return "euc-kr";
  return s;
}

std::string SniffMetaCharset(std::string_view html) {
  std::string head = Lower(html.substr(0, 8192));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) end = head.size();
    std::string_view tag(head.data() + pos, end - pos);
    size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      size_t i = cs + 7;
      while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t')) ++i;
      if (i < tag.size() && tag[i] == '=') {
        ++i;
        while (i < tag.size() && (tag[i] == ' ' || tag[i] == '"' || tag[i] == '\'')) ++i;
        size_t j = i;
        while (j < tag.size() && (isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                                  tag[j] == '_' || tag[j] == '.' || tag[j] == ':'))
          ++j;
        if (j > i) return CanonicalCharset(tag.substr(i, j - i));
      }
    }
    pos = end;
  }
  return "";
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view declared_charset) {
  DecodedText out;
  size_t invalid = 0, multibyte = 0;

  // A byte-order mark beats every declaration (WHATWG "BOM sniffing").
  if (bytes.size() >= 3 && memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) {
    out.utf8 = RepairUtf8(bytes.substr(3), &invalid, &multibyte);
    out.charset = "utf-8";
    out.source = "bom";
    return out;
  }
  if (bytes.size() >= 2 && (memcmp(bytes.data(), "\xFF\xFE", 2) == 0 || memcmp(bytes.data(), "\xFE\xFF", 2) == 0)) {
    out.charset = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    out.source = "bom";
    if (ConvertWithIcu(bytes.substr(2), out.charset, &out.utf8)) return out;
  }

  std::string declared = CanonicalCharset(declared_charset);
  std::string source = "declared";
  if (declared.empty()) {
    declared = SniffMetaCharset(bytes);
    source = "meta";
  }
  // A <meta> that says UTF-16 was itself read as ASCII, so it cannot be true.
  if (source == "meta" && (declared == "utf-16le" || declared == "utf-16be")) declared = "utf-8";

  std::string repaired = RepairUtf8(bytes, &invalid, &multibyte);
  if (invalid == 0 && multibyte == 0) {  // plain ASCII
    out.utf8 = std::move(repaired);
    out.charset = declared.empty() || declared == "utf-16le" || declared == "utf-16be" ? "utf-8" : declared;
    out.source = declared.empty() ? "default" : source;
    return out;
  }

  bool declared_utf8 = declared == "utf-8";
  if (invalid == 0) {
    // Valid multi-byte UTF-8 is almost never an accident in another charset,
    // so it wins over a declaration that says otherwise.
    out.utf8 = std::move(repaired);
    out.charset = "utf-8";
    out.source = declared.empty() ? "utf8-valid" : (declared_utf8 ? source : "utf8-valid");
    if (!declared.empty() && !declared_utf8) out.note = "declared " + declared + " but bytes are valid UTF-8";
    return out;
  }
  // Mostly UTF-8 with a few broken sequences (a truncated page, one bad
  // paste): keep UTF-8 and mark the damage rather than re-decoding it all.
  if ((declared_utf8 || declared.empty()) && multibyte > 0 && invalid * 20 <= multibyte) {
    out.utf8 = std::move(repaired);
    out.charset = "utf-8";
    out.source = declared.empty() ? "utf8-valid" : source;
    out.note = std::to_string(invalid) + " invalid UTF-8 sequence(s) replaced";
    return out;
  }

  if (!declared.empty() && !declared_utf8) {
    std::string converted;
    if (ConvertWithIcu(bytes, declared, &converted)) {
      // Arabic pages declared as Latin-1 decode to runs of accented Latin
      // letters; check with the detector before trusting the declaration.
      if (IsLatinSingleByte(declared) && LatinAccentRunShare(converted) > 0.5) {
        Detection d = DetectCharset(bytes);
        if (IsArabicSingleByte(d.charset) && ConvertWithIcu(bytes, d.charset, &out.utf8)) {
          out.charset = d.charset;
          out.source = "detected";
          out.note = "declared " + declared + " but bytes are " + d.charset;
          return out;
        }
      }
      out.utf8 = std::move(converted);
      out.charset = declared;
      out.source = source;
      return out;
    }
    out.note = "unknown charset " + declared;
  }

  Detection d = DetectCharset(bytes);
  std::string fallback = d.charset.empty() || d.charset == "utf-8" ? "windows-1252" : d.charset;
  if (ConvertWithIcu(bytes, fallback, &out.utf8)) {
    out.charset = fallback;
    out.source = d.charset.empty() ? "default" : "detected";
    if (declared_utf8) out.note = "declared utf-8 but bytes are " + fallback;
    else if (out.note.empty() && !declared.empty()) out.note = "declared " + declared + " but bytes are " + fallback;
    return out;
  }
  return Status::Error("no converter for charset " + fallback);
}

}  // namespace rayzan
