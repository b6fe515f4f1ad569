// Charset: turns the bytes of a fetched page into UTF-8.
//
// A page's bytes come with a declaration (the HTTP Content-Type charset, a
// <meta charset>, a BOM) that is often missing and sometimes wrong: Arabic and
// Persian sites still serve windows-1256 or ISO-8859-6, and some declare
// ISO-8859-1 for Arabic text or windows-1256 for UTF-8. DecodeToUtf8 trusts a
// declaration only when the bytes agree with it, so a wrong declaration gives
// readable text and a note instead of mojibake. Conversion uses ICU.
//
// Thread-safe: no shared state.
#pragma once

#include <string>
#include <string_view>

#include "rayzan/status.h"

namespace rayzan {

struct DecodedText {
  std::string utf8;     // always valid UTF-8
  std::string charset;  // charset actually used, canonical lower-case name ("utf-8", "windows-1256")
  // How the charset was chosen: "bom", "declared", "meta", "utf8-valid",
  // "detected" (ICU charset detector) or "default".
  std::string source;
  // Non-empty when the declaration was overridden, e.g.
  // "declared iso-8859-1 but bytes are windows-1256"; one line, for a warning.
  std::string note;
};

// Decodes bytes to UTF-8. declared_charset is the HTTP header's charset, or
// empty; when empty, a BOM or a <meta charset>/<meta http-equiv> in the first
// 8 KB is used. Undecodable bytes become U+FFFD. Fails only when no converter
// can be opened for any candidate charset, which does not happen for the
// charsets ICU ships (the result then names the charset).
Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view declared_charset);

// The charset named by a <meta charset> or <meta http-equiv="Content-Type">
// in the first 8 KB of an HTML page, lower-cased, or "" when none.
std::string SniffMetaCharset(std::string_view html_bytes);

// Canonical lower-case name for a charset label ("UTF8" -> "utf-8",
// "cp1256" -> "windows-1256", "latin1" -> "windows-1252" as browsers do),
// or the label lower-cased when it is not a known alias.
std::string CanonicalCharset(std::string_view label);

}  // namespace rayzan
