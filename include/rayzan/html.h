// Html: main text and metadata of a news page.
//
// ExtractPage parses a page with Gumbo's HTML5 parser and keeps the article
// body: menus, tickers, related-news lists, comment sections, share bars,
// footers and ads are dropped. The choice is made per block from text
// density, link density, position and markup (<article>,
// itemprop=articleBody, common content class names), never from per-site
// rules, so it works on Persian, Arabic and English templates alike.
//
// Every metadata field records where its value came from, e.g.
// "meta:article:published_time", "json-ld:datePublished", "time[datetime]",
// "text", "url", "html-lang", "content".
//
// The stage's word lists (class/id words like "article" or "sidebar", stock
// lines like "Advertisement" or "اقرأ أيضاً", month names) are data, not code:
// they are read from data/html/ (DataDirectory() + "/html", so $RAYZAN_DATA
// overrides; see data/html/README.md) once, on the first call of
// ExtractPage, ExtractPageFromBytes or ParseDate, and kept.
//
// Thread-safe. Each thread keeps one parse arena between calls (up to 16 MB)
// so that Gumbo does not malloc and free every node.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rayzan/status.h"

namespace rayzan {

struct PageField {
  std::string value;   // empty when the page does not say
  std::string source;  // where value came from; empty when value is empty
  bool empty() const { return value.empty(); }
};

struct ExtractedPage {
  // Main text: one paragraph, heading or list item per line, '\n' separated,
  // whitespace collapsed inside a line, no trailing newline.
  std::string text;
  PageField title;
  PageField published;      // Gregorian "YYYY-MM-DD" (Solar Hijri dates are converted)
  PageField modified;       // same format
  PageField canonical_url;
  PageField site_name;
  PageField author;
  PageField language;       // BCP-47 primary tag as the page states it or as detected: "fa", "ar", "en", "prs"
  PageField section;
  // One line each for what went wrong but did not stop extraction
  // ("nesting deeper than 1000 levels cut"), without the file name.
  std::vector<std::string> warnings;
};

struct ExtractOptions {
  // Pages larger than this are cut (with a warning) before parsing; a 20 MB
  // page parses fine, this only bounds memory on pathological input.
  size_t max_html_bytes = 32u << 20;
  bool metadata = true;  // false: main text only (faster)
};

// Extracts main text and metadata from UTF-8 HTML (invalid bytes are
// replaced, with a warning). url (may be empty) is the page's address, used
// for the date in its path, the site name and as the canonical URL of last
// resort. Fails on empty input, and when the word lists of data/html/ cannot
// be read (the message names the file and line: "<data>/html/months.tsv:14:
// month must be 1-12, not '13'"); a page with no recognisable article gives
// empty text. Pages nested deeper than 2000 levels are cut there with
// a warning. Linear in the page size.
Result<ExtractedPage> ExtractPage(std::string_view html_utf8, std::string_view url,
                                  const ExtractOptions& options = {});

// Same, from raw bytes in any charset: decodes with DecodeToUtf8
// (rayzan/charset.h) using declared_charset (the HTTP header's, or empty),
// and adds its note, if any, to warnings. Also fails, with
// "<url>: binary content, not HTML", on bytes with NULs or many control
// characters (images, PDFs served as pages).
Result<ExtractedPage> ExtractPageFromBytes(std::string_view bytes, std::string_view url,
                                           std::string_view declared_charset,
                                           const ExtractOptions& options = {});

// Parses a date as written in metadata or page text: ISO 8601, RFC 822,
// "March 17, 2020", Arabic and Persian month names (Gregorian, Levantine,
// Solar Hijri, Afghan zodiac months), Persian/Arabic digits and Solar Hijri
// numeric dates (1399/02/21). Month names come from data/html/months.tsv.
// Returns "YYYY-MM-DD", or "" when nothing parses or the word lists of
// data/html/ cannot be read (ExtractPage reports why).
std::string ParseDate(std::string_view text);

}  // namespace rayzan
