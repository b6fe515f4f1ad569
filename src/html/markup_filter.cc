// Why a pre-pass: on news pages more than half the bytes are scripts and
// styles, and of the rest three quarters are start tags, mostly attributes
// nobody reads. Gumbo tokenizes all of it character by character; feeding
// it a fifth of the bytes more than triples extraction throughput.
#include "html/markup_filter.h"

#include <cstring>

namespace rayzan::internal {
namespace {

bool StartsWithTag(std::string_view html, size_t i, std::string_view name) {
  // html[i] is just after '<' (or "</").
  if (i + name.size() > html.size()) return false;
  for (size_t k = 0; k < name.size(); ++k) {
    char c = html[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != name[k]) return false;
  }
  if (i + name.size() == html.size()) return true;
  char after = html[i + name.size()];
  return after == '>' || after == '/' || after == ' ' || after == '\t' || after == '\n' || after == '\r';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Attributes the extractor reads. Everything else (srcset, data-*, inline
// event handlers, long style strings) is dropped before parsing: on real
// news pages start tags are three quarters of the bytes left once scripts
// are gone.
bool KeepAttribute(std::string_view tag, std::string_view name, std::string_view value) {
  static const char* kKeep[] = {"class", "id", "itemprop", "role", "hidden", "aria-hidden", "rel", "content",
                                "name", "property", "http-equiv", "charset", "datetime", "pubdate", "type",
                                "lang", "xml:lang", "dir"};
  if (name.empty() || name.size() > 11) return false;
  // Cheap reject on the first letter: most attributes (src, data-*, on*, width) fail here.
  char first = (name[0] >= 'A' && name[0] <= 'Z') ? static_cast<char>(name[0] + 32) : name[0];
  if (strchr("cirhanptlxds", first) == nullptr) return false;
  if (first == 'd' && name.size() > 4 && (name[4] == '-')) return false;  // data-*
  std::string lower(name);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  if (lower == "style") {
    // Kept only when it can hide the element.
    return value.find("none") != std::string_view::npos || value.find("hidden") != std::string_view::npos;
  }
  if (lower == "href") return tag.size() == 4 && (tag[0] == 'l' || tag[0] == 'L');  // <link rel=canonical>
  for (const char* k : kKeep) {
    if (lower == k) return true;
  }
  return false;
}

constexpr size_t kMaxClassBytes = 120;

// Copies the start tag (or other '<' construct) at html[at] to *out with
// only the kept attributes; returns the index just past it.
size_t CopyStartTag(std::string_view html, size_t at, std::string* out) {
  const size_t n = html.size();
  size_t i = at + 1;
  if (i >= n || !((html[i] >= 'a' && html[i] <= 'z') || (html[i] >= 'A' && html[i] <= 'Z'))) {
    out->push_back('<');
    return at + 1;
  }
  size_t name_begin = i;
  while (i < n && !IsSpace(html[i]) && html[i] != '>' && html[i] != '/') ++i;
  std::string_view tag = html.substr(name_begin, i - name_begin);
  out->push_back('<');
  out->append(tag);
  while (i < n) {
    while (i < n && (IsSpace(html[i]) || html[i] == '/')) ++i;
    if (i >= n) break;
    if (html[i] == '>') {
      out->push_back('>');
      return i + 1;
    }
    size_t attr_begin = i;
    while (i < n && !IsSpace(html[i]) && html[i] != '=' && html[i] != '>' && !(html[i] == '/' && i > attr_begin))
      ++i;
    if (i == attr_begin) ++i;  // a stray '=' or quote as a name
    std::string_view name = html.substr(attr_begin, i - attr_begin);
    size_t j = i;
    while (j < n && IsSpace(html[j])) ++j;
    std::string_view value;
    if (j < n && html[j] == '=') {
      ++j;
      while (j < n && IsSpace(html[j])) ++j;
      if (j < n && (html[j] == '"' || html[j] == '\'')) {
        size_t close = html.find(html[j], j + 1);
        if (close == std::string_view::npos) {
          // Unterminated quote: let the parser see the rest as it is.
          out->append(html.substr(attr_begin - 1));
          return n;
        }
        value = html.substr(j + 1, close - j - 1);
        j = close + 1;
      } else {
        size_t v = j;
        while (j < n && !IsSpace(html[j]) && html[j] != '>') ++j;
        value = html.substr(v, j - v);
      }
      i = j;
    }
    if (KeepAttribute(tag, name, value)) {
      out->push_back(' ');
      if (value.size() > kMaxClassBytes && name.size() == 5 && (name[0] == 'c' || name[0] == 'C')) {
        // Utility-CSS class lists run to hundreds of bytes; the words that
        // tell content from boilerplate come first.
        out->append(name);
        out->append("=\"");
        size_t keep = kMaxClassBytes;
        while (keep > 0 && value[keep] != ' ') --keep;
        for (char c : value.substr(0, keep)) out->push_back(c == '"' ? ' ' : c);
        out->push_back('"');
      } else {
        out->append(html.substr(attr_begin, i - attr_begin));
      }
    }
  }
  return n;
}

// Drops the contents of <script> (except JSON-LD) and <style> elements and
// of comments before parsing. They are more than half the bytes of a
// typical news page, never main text, and Gumbo tokenizes them character by
// character; dropping them roughly doubles throughput. The elements
// themselves stay, so the tree keeps its shape.
// Elements that do not deepen the tree: void elements and the ones HTML
// closes implicitly.
bool KeepsDepth(std::string_view tag) {
  static constexpr std::string_view kNames[] = {"br", "img", "hr", "meta", "link", "input", "area", "base",
                                                "col", "embed", "source", "track", "wbr", "param", "p", "li",
                                                "td", "tr", "th", "option", "dt", "dd", "keygen"};
  if (tag.size() > 6) return false;
  char lower[8];
  for (size_t k = 0; k < tag.size(); ++k) lower[k] = (tag[k] >= 'A' && tag[k] <= 'Z') ? tag[k] + 32 : tag[k];
  std::string_view l(lower, tag.size());
  for (std::string_view name : kNames) {
    if (name == l) return true;
  }
  return false;
}

// Inline elements dropped (tags only, text kept) before parsing. <a>,
// <span>, <time> and <br> stay: links, class names, dates and line breaks
// are read.
bool IsDroppedInline(std::string_view tag) {
  static constexpr std::string_view kNames[] = {"b", "i", "em", "strong", "u", "font", "small", "big", "abbr",
                                                "cite", "sup", "sub", "mark", "s", "strike", "ins", "del", "img",
                                                "picture", "source", "wbr", "q", "dfn", "kbd", "var", "tt"};
  if (tag.empty() || tag.size() > 7) return false;
  char lower[8];
  for (size_t k = 0; k < tag.size(); ++k) lower[k] = (tag[k] >= 'A' && tag[k] <= 'Z') ? tag[k] + 32 : tag[k];
  std::string_view l(lower, tag.size());
  for (std::string_view name : kNames) {
    if (name == l) return true;
  }
  return false;
}

// Copies text, collapsing each run of whitespace to one space: pretty-printed
// pages are full of indentation, and every byte costs Gumbo a tokenizer step.
void AppendCollapsed(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t k = i;
    while (k < text.size() && !IsSpace(text[k])) ++k;
    out->append(text.data() + i, k - i);
    if (k == text.size()) break;
    out->push_back(' ');
    while (k < text.size() && IsSpace(text[k])) ++k;
    i = k;
  }
}

}  // namespace

FilteredMarkup FilterMarkup(std::string_view html, int max_depth) {
  FilteredMarkup result;
  std::string& out = result.html;
  out.reserve(html.size() / 2);
  size_t i = 0;
  int depth = 0;
  const size_t n = html.size();
  while (i < n) {
    const void* lt = memchr(html.data() + i, '<', n - i);
    if (lt == nullptr) {
      AppendCollapsed(html.substr(i), &out);
      break;
    }
    size_t at = static_cast<const char*>(lt) - html.data();
    AppendCollapsed(html.substr(i, at - i), &out);
    i = at;
    char next = at + 1 < n ? html[at + 1] : 0;
    if (next == '!') {
      if (html.compare(at, 4, "<!--") == 0) {
        size_t end = html.find("-->", at + 4);
        i = end == std::string_view::npos ? n : end + 3;
        continue;
      }
      out.push_back('<');
      ++i;
      continue;
    }
    if (next == '/') {
      size_t name_end = at + 2;
      while (name_end < n && !IsSpace(html[name_end]) && html[name_end] != '>') ++name_end;
      if (IsDroppedInline(html.substr(at + 2, name_end - at - 2))) {
        size_t gt = html.find('>', name_end);
        if (gt != std::string_view::npos) {
          i = gt + 1;
          continue;
        }
      }
      if (depth > 0) --depth;
      out.push_back('<');
      ++i;
      continue;
    }
    std::string_view raw_tag;
    switch (next | 0x20) {
      // Elements whose content the extractor skips anyway (see IsSkipped in
      // main_text.cc); menus alone are a large share of a news page's tags.
      // <footer> stays: article footers carry bylines and dates.
      case 's':
        if (StartsWithTag(html, at + 1, "script")) raw_tag = "script";
        else if (StartsWithTag(html, at + 1, "style")) raw_tag = "style";
        else if (StartsWithTag(html, at + 1, "select")) raw_tag = "select";
        else if (StartsWithTag(html, at + 1, "svg")) raw_tag = "svg";
        break;
      case 'n':
        if (StartsWithTag(html, at + 1, "nav")) raw_tag = "nav";
        else if (StartsWithTag(html, at + 1, "noscript")) raw_tag = "noscript";
        break;
      case 'a':
        if (StartsWithTag(html, at + 1, "aside")) raw_tag = "aside";
        break;
      case 't':
        if (StartsWithTag(html, at + 1, "template")) raw_tag = "template";
        break;
      case 'i':
        if (StartsWithTag(html, at + 1, "iframe")) raw_tag = "iframe";
        break;
      default:
        break;
    }
    if (raw_tag.empty()) {
      size_t name_end = at + 1;
      while (name_end < n && !IsSpace(html[name_end]) && html[name_end] != '>' && html[name_end] != '/') ++name_end;
      if (IsDroppedInline(html.substr(at + 1, name_end - at - 1))) {
        // Formatting tags and images carry nothing the extractor reads; their
        // text stays, the tags go, and Gumbo has fewer nodes to build.
        size_t gt = html.find('>', name_end);
        if (gt != std::string_view::npos) {
          i = gt + 1;
          continue;
        }
      }
      size_t before = out.size();
      i = CopyStartTag(html, at, &out);
      bool is_tag = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
      bool self_closing = i >= 2 && html[i - 1] == '>' && html[i - 2] == '/';
      if (is_tag && !self_closing && !KeepsDepth(html.substr(at + 1, name_end - at - 1)) && ++depth > max_depth) {
        result.cut_at = at;
        out.resize(before);
        break;
      }
      continue;
    }
    size_t gt = html.find('>', at);
    if (gt == std::string_view::npos) {
      out.append(html.substr(at));
      break;
    }
    std::string_view open = html.substr(at, gt + 1 - at);
    // Find the matching end tag, case-insensitively.
    size_t end = std::string_view::npos;
    if (open.size() < 2 || open[open.size() - 2] != '/') {  // <svg .../> has no content
      // Scripts are full of '<'; test the byte after each one inline rather
      // than through a substring search.
      for (size_t j = gt + 1; j < n;) {
        const void* p = memchr(html.data() + j, '<', n - j);
        if (p == nullptr) break;
        size_t close = static_cast<const char*>(p) - html.data();
        if (close + 1 < n && html[close + 1] == '/' && StartsWithTag(html, close + 2, raw_tag)) {
          end = close;
          break;
        }
        j = close + 1;
      }
    }
    if (end == std::string_view::npos) {
      // Self-closing or never closed: copy it as an ordinary tag rather than
      // dropping the rest of the page.
      i = CopyStartTag(html, at, &out);
      continue;
    }
    ++depth;  // its end tag will count down
    bool keep = false;
    if (raw_tag == "script") {
      std::string lower(open);
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      keep = lower.find("ld+json") != std::string::npos;
    }
    if (keep) {
      out.append(open);
    } else {
      out.push_back('<');
      out.append(raw_tag);
      out.push_back('>');
    }
    if (keep) out.append(html.substr(gt + 1, end - gt - 1));
    i = end;
  }
  return result;
}

}  // namespace rayzan::internal
