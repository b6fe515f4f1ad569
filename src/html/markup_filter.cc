// Why a pre-pass: on news pages more than half the bytes are scripts and
// styles, and of the rest three quarters are start tags, mostly attributes
// nobody reads. Gumbo tokenizes all of it character by character; on the
// extraction benchmark's 1,396 pages this pass leaves it 13% of the bytes,
// and fewer still once long text runs wait behind placeholders.
#include "html/markup_filter.h"

#include <cstring>
#include <vector>

#include "html/class_words.h"
#include "html/metadata.h"

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

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    char c = (s[k] >= 'A' && s[k] <= 'Z') ? static_cast<char>(s[k] + 32) : s[k];
    if (c != lower[k]) return false;
  }
  return true;
}

// Appends ` name="tokens"` with, of the class or id tokens, only the first
// to hold each kind of word a reader looks for (class_words.h), cut at
// kMaxClassBytes; nothing when none is left. Class lists run to hundreds of
// bytes of "col-md-6 mt-4 flex" and "menu-item menu-item-type-taxonomy
// menu-item-object-category", which the parser would copy byte by byte.
void AppendClassTokens(std::string_view name, std::string_view value, std::string* out) {
  size_t start = out->size();
  unsigned seen = 0;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsSpace(value[i])) ++i;
    size_t k = i;
    while (k < value.size() && !IsSpace(value[k])) ++k;
    std::string_view token = value.substr(i, k - i);
    i = k;
    if (token.empty()) continue;
    bool has_reference = token.find('&') != std::string_view::npos;  // decoded by the parser
    unsigned words = ClassTokenWords(token);
    if (!has_reference && (words & ~seen) == 0) continue;
    seen |= words;
    if (out->size() == start) {
      out->push_back(' ');
      out->append(name);
      out->append("=\"");
    } else if (out->size() - start + token.size() > kMaxClassBytes + name.size() + 3) {
      break;
    } else {
      out->push_back(' ');
    }
    for (char c : token) out->push_back(c == '"' ? ' ' : c);
  }
  if (out->size() != start) out->push_back('"');
}

// Copies the start tag (or other '<' construct) at html[at] to *out with
// only the kept attributes; returns the index just past it. <meta> elements
// metadata does not read and <link> elements other than rel=canonical are
// dropped whole.
size_t CopyStartTag(std::string_view html, size_t at, std::string* out) {
  const size_t n = html.size();
  size_t i = at + 1;
  if (i >= n || !((html[i] >= 'a' && html[i] <= 'z') || (html[i] >= 'A' && html[i] <= 'Z'))) {
    out->push_back('<');
    return at + 1;
  }
  const size_t before = out->size();
  size_t name_begin = i;
  while (i < n && !IsSpace(html[i]) && html[i] != '>' && html[i] != '/') ++i;
  std::string_view tag = html.substr(name_begin, i - name_begin);
  const bool is_meta = EqualsLower(tag, "meta");
  const bool is_link = EqualsLower(tag, "link");
  bool wanted = !is_meta && !is_link;  // meta and link must earn their place
  out->push_back('<');
  out->append(tag);
  while (i < n) {
    while (i < n && (IsSpace(html[i]) || html[i] == '/')) ++i;
    if (i >= n) break;
    if (html[i] == '>') {
      if (!wanted) {
        out->resize(before);
        return i + 1;
      }
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
          AppendLiteralText(html.substr(attr_begin - 1), out);
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
    if (!KeepAttribute(tag, name, value)) continue;
    if (is_meta && !wanted &&
        (EqualsLower(name, "name") || EqualsLower(name, "property") || EqualsLower(name, "itemprop") ||
         EqualsLower(name, "http-equiv")) &&
        value.size() <= 64) {
      // A value with character references ("og:article&#x3A;published_time")
      // is kept for the parser to decode.
      if (value.find('&') != std::string_view::npos) wanted = true;
      char lower[64];
      for (size_t k = 0; k < value.size(); ++k)
        lower[k] = (value[k] >= 'A' && value[k] <= 'Z') ? static_cast<char>(value[k] + 32) : value[k];
      wanted = wanted || IsMetaKeyRead(std::string_view(lower, value.size()));
    }
    if (is_link && EqualsLower(name, "rel") &&
        (EqualsLower(value, "canonical") || value.find('&') != std::string_view::npos))
      wanted = true;
    if (EqualsLower(name, "class") || EqualsLower(name, "id")) {
      AppendClassTokens(name, value, out);
    } else {
      out->push_back(' ');
      out->append(html.substr(attr_begin, i - attr_begin));
    }
  }
  if (!wanted) out->resize(before);
  return n;
}

// Elements that do not deepen the tree: void elements and the ones HTML
// closes implicitly. Names are lower case, as LowerName gives them.
bool KeepsDepth(std::string_view lower_name) {
  static constexpr std::string_view kNames[] = {"br", "img", "hr", "meta", "link", "input", "area", "base",
                                                "col", "embed", "source", "track", "wbr", "param", "p", "li",
                                                "td", "tr", "th", "option", "dt", "dd", "keygen"};
  for (std::string_view name : kNames) {
    if (name == lower_name) return true;
  }
  return false;
}

// Inline elements dropped (tags only, text kept) before parsing. <a>,
// <span>, <time> and <br> stay: links, class names, dates and line breaks
// are read.
bool IsDroppedInline(std::string_view lower_name) {
  static constexpr std::string_view kNames[] = {"b", "i", "em", "strong", "u", "font", "small", "big", "abbr",
                                                "cite", "sup", "sub", "mark", "s", "strike", "ins", "del", "img",
                                                "picture", "source", "wbr", "q", "dfn", "kbd", "var", "tt", "input"};
  for (std::string_view name : kNames) {
    if (name == lower_name) return true;
  }
  return false;
}

// Copies text, collapsing each run of whitespace to one space: pretty-printed
// pages are full of indentation, and every byte costs Gumbo a tokenizer step.
void AppendCollapsed(std::string_view text, std::string* out) {
  // One look for placeholder look-alikes per run, not per word.
  const bool may_hold_placeholder = TextRuns::MayHavePlaceholder(text);
  size_t i = 0;
  while (i < text.size()) {
    size_t k = i;
    while (k < text.size() && !IsSpace(text[k])) ++k;
    if (may_hold_placeholder) {
      AppendLiteralText(text.substr(i, k - i), out);
    } else {
      out->append(text.data() + i, k - i);
    }
    if (k == text.size()) break;
    out->push_back(' ');
    while (k < text.size() && IsSpace(text[k])) ++k;
    i = k;
  }
}

// Lower-cases a tag name of up to 15 bytes into buffer; "" when longer.
std::string_view LowerName(std::string_view name, char (&buffer)[16]) {
  if (name.size() >= sizeof buffer) return {};
  for (size_t k = 0; k < name.size(); ++k)
    buffer[k] = (name[k] >= 'A' && name[k] <= 'Z') ? static_cast<char>(name[k] + 32) : name[k];
  return std::string_view(buffer, name.size());
}

// Elements around which whitespace never reaches the text: the walker ends
// a line at each of them, or they are never read. A whitespace-only run
// next to one is dropped, which spares Gumbo a text node per indentation.
bool IsLineBreaking(std::string_view lower_name) {
  static constexpr std::string_view kNames[] = {
      "div", "p", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
      "section", "article", "aside", "nav", "header", "footer", "main", "figure", "figcaption", "h1", "h2", "h3",
      "h4", "h5", "h6", "form", "fieldset", "blockquote", "hr", "br", "html", "head", "body", "title", "script",
      "address", "center", "details", "summary", "hgroup", "caption"};
  for (std::string_view name : kNames) {
    if (name == lower_name) return true;
  }
  return false;
}

// Elements whose content the extractor never reads (see IsSkipped in
// main_text.cc): they go with their content before parsing. Scripts and
// styles alone are more than half the bytes of a typical news page and
// Gumbo tokenizes them character by character; menus are a large share of
// the tags. <footer> stays: article footers carry bylines and dates.
// kept_empty: <nav> and <aside> stay as empty elements because their start
// tag closes an open <p>, which decides where paragraphs end.
struct DroppedElement {
  std::string_view name;
  bool kept_empty;
};
constexpr DroppedElement kDroppedElements[] = {
    {"script", false}, {"style", false},  {"select", false},   {"svg", false},    {"noscript", false},
    {"template", false}, {"iframe", false}, {"button", false}, {"textarea", false}, {"label", false},
    {"nav", true},     {"aside", true}};

const DroppedElement* FindDropped(std::string_view lower_name) {
  for (const DroppedElement& d : kDroppedElements) {
    if (d.name == lower_name) return &d;
  }
  return nullptr;
}

bool IsJsonLdScript(std::string_view open_tag) {
  std::string lower(open_tag);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return lower.find("ld+json") != std::string::npos;
}

// Index of the "</name" that ends the element whose start tag ends at
// content_begin, or npos. Scripts are full of '<'; the byte after each one is
// tested inline rather than through a substring search.
size_t FindEndTag(std::string_view html, size_t content_begin, std::string_view lower_name) {
  const size_t n = html.size();
  for (size_t j = content_begin; j < n;) {
    const void* p = memchr(html.data() + j, '<', n - j);
    if (p == nullptr) return std::string_view::npos;
    size_t close = static_cast<const char*>(p) - html.data();
    if (close + 1 < n && html[close + 1] == '/' && StartsWithTag(html, close + 2, lower_name)) return close;
    j = close + 1;
  }
  return std::string_view::npos;
}

// Long text runs go to TextRuns. Character references stay for the parser
// to decode, and NUL bytes for it to replace; short runs are not worth a
// placeholder of ten bytes.
bool CanSetAside(std::string_view text) {
  constexpr size_t kMinBytes = 24;
  return text.size() >= kMinBytes && memchr(text.data(), '&', text.size()) == nullptr &&
         memchr(text.data(), '\0', text.size()) == nullptr;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Copies html[at] up to and including the next '>' (or to the end).
size_t CopyUpToTagEnd(std::string_view html, size_t at, std::string* out) {
  size_t gt = html.find('>', at);
  size_t stop = gt == std::string_view::npos ? html.size() : gt + 1;
  AppendLiteralText(html.substr(at, stop - at), out);
  return stop;
}

bool IsAllSpace(std::string_view text) {
  for (char c : text) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

// One pass over the page. Each construct at a '<' is handled by its own
// method, which returns the index just past what it consumed.
class Filter {
 public:
  Filter(std::string_view html, int max_depth) : html_(html), max_depth_(max_depth) {
    result_.html.reserve(html.size() / 4);
  }

  FilteredMarkup Run() && {
    const size_t n = html_.size();
    size_t i = 0;
    while (i < n && !cut_) {
      const void* lt = memchr(html_.data() + i, '<', n - i);
      size_t at = lt == nullptr ? n : static_cast<const char*>(lt) - html_.data();
      if (at > i) Text(html_.substr(i, at - i));
      if (at == n) break;
      i = Markup(at);
    }
    return std::move(result_);
  }

 private:
  static constexpr size_t kMaxOpenSpans = 4096;

  void Text(std::string_view text) {
    if (IsAllSpace(text)) {
      space_pending_ = true;
      return;
    }
    FlushSpace(false);
    if (CanSetAside(text)) {
      result_.text_runs.AppendPlaceholder(text, &out());
    } else {
      AppendCollapsed(text, &out());
    }
    after_line_break_ = false;
  }

  // Whitespace-only text is held back until the next tag shows whether a
  // line-breaking element stands on either side of it.
  void FlushSpace(bool next_breaks_line) {
    if (space_pending_ && !after_line_break_ && !next_breaks_line) out().push_back(' ');
    space_pending_ = false;
  }

  // Everything that starts at html_[at] == '<'.
  size_t Markup(size_t at) {
    const size_t n = html_.size();
    char next = at + 1 < n ? html_[at + 1] : 0;
    if (next == '!') {
      if (html_.compare(at, 4, "<!--") == 0) {
        size_t end = html_.find("-->", at + 4);
        return end == std::string_view::npos ? n : end + 3;
      }
      // <!DOCTYPE ...>, <![CDATA[...]]>, <!- broken comment ->: the parser
      // reads each up to the next '>', so it is copied whole, never set aside.
      FlushSpace(true);
      return CopyUpToTagEnd(html_, at, &out());
    }
    if (next == '?' || (next == '/' && !IsAsciiLetter(at + 2 < n ? html_[at + 2] : 0))) {
      // <?xml ...?> and </ x> are bogus comments up to the next '>'.
      FlushSpace(false);
      return CopyUpToTagEnd(html_, at, &out());
    }
    const bool end_tag = next == '/';
    const size_t name_begin = end_tag ? at + 2 : at + 1;
    size_t name_end = name_begin;
    while (name_end < n && !IsSpace(html_[name_end]) && html_[name_end] != '>' && html_[name_end] != '/') ++name_end;
    if (name_end == name_begin || !IsAsciiLetter(html_[name_begin])) {
      // A '<' that starts no tag is text to the parser.
      FlushSpace(false);
      out().push_back('<');
      after_line_break_ = false;
      return at + 1;
    }
    char buffer[16];
    std::string_view name = LowerName(html_.substr(name_begin, name_end - name_begin), buffer);
    if (IsDroppedInline(name)) {
      // Formatting tags and images carry nothing the extractor reads; their
      // text stays, the tags go, and Gumbo has fewer nodes to build.
      size_t gt = html_.find('>', name_end);
      if (gt != std::string_view::npos) return gt + 1;
    }
    if (end_tag) return EndTag(at, name, name_end);
    if (name == "meta" || name == "link") return MetaOrLink(at);
    if (const DroppedElement* dropped = FindDropped(name)) {
      if (size_t next_index = DroppedElementAt(at, *dropped, name_end); next_index != std::string_view::npos)
        return next_index;
    } else {
      BeforeTag(name);
    }
    return StartTag(at, name);
  }

  void BeforeTag(std::string_view name) {
    const bool breaks_line = IsLineBreaking(name);
    FlushSpace(breaks_line);
    after_line_break_ = breaks_line;
  }

  size_t EndTag(size_t at, std::string_view name, size_t name_end) {
    BeforeTag(name);
    size_t gt = html_.find('>', name_end);
    size_t stop = gt == std::string_view::npos ? html_.size() : gt + 1;
    if (name == "span" && !open_spans_.empty()) {
      bool kept = open_spans_.back();
      open_spans_.pop_back();
      if (!kept) return stop;
    }
    if (depth_ > 0) --depth_;
    out().append(html_.substr(at, stop - at));
    return stop;
  }

  // Most <meta> and <link> elements are dropped whole (CopyStartTag), and a
  // dropped one is transparent: "2016.</cite> <link ...>The" keeps its space.
  size_t MetaOrLink(size_t at) {
    scratch_.clear();
    size_t next_index = CopyStartTag(html_, at, &scratch_);
    if (!scratch_.empty()) {
      FlushSpace(false);
      after_line_break_ = false;
      out().append(scratch_);
    }
    return next_index;
  }

  // An element dropped with its content (or kept empty); npos when it has
  // no end tag, and is then copied as an ordinary tag rather than dropping
  // the rest of the page. A dropped element is transparent: "by
  // <svg>..</svg> <span>" keeps its space.
  size_t DroppedElementAt(size_t at, const DroppedElement& dropped, size_t name_end) {
    if (dropped.kept_empty) BeforeTag(dropped.name);
    size_t gt = html_.find('>', name_end);
    if (gt == std::string_view::npos) {
      AppendLiteralText(html_.substr(at), &out());
      return html_.size();
    }
    std::string_view open = html_.substr(at, gt + 1 - at);
    // <svg .../> has no content. HTML elements ignore the slash: <script
    // src=x /> runs to the next </script>, as in the browser.
    bool self_closing = dropped.name == "svg" && open.size() >= 2 && open[open.size() - 2] == '/';
    size_t end = self_closing ? std::string_view::npos : FindEndTag(html_, gt + 1, dropped.name);
    if (end == std::string_view::npos) {
      if (!dropped.kept_empty) {
        FlushSpace(false);
        after_line_break_ = false;
      }
      return std::string_view::npos;
    }
    size_t end_gt = html_.find('>', end);
    size_t after = end_gt == std::string_view::npos ? html_.size() : end_gt + 1;
    if (dropped.name == "script" && IsJsonLdScript(open)) {
      FlushSpace(true);
      after_line_break_ = true;
      out().append(open);
      AppendLiteralText(html_.substr(gt + 1, end - gt - 1), &out());
      out().append("</script>");
    } else if (dropped.kept_empty) {
      out().append("<").append(dropped.name).append("></").append(dropped.name).append(">");
    }
    return after;
  }

  size_t StartTag(size_t at, std::string_view name) {
    size_t before = out().size();
    size_t next_index = CopyStartTag(html_, at, &out());
    if (name == "span") {
      // A <span> with no attribute left is only a styling hook: it goes, and
      // so does the end tag that closes it.
      bool kept = std::string_view(out()).substr(before) != "<span>";
      if (!kept) out().resize(before);
      if (open_spans_.size() < kMaxOpenSpans) open_spans_.push_back(kept);
      if (!kept) return next_index;
    }
    bool self_closing = next_index >= 2 && html_[next_index - 1] == '>' && html_[next_index - 2] == '/';
    if (!self_closing && !KeepsDepth(name) && ++depth_ > max_depth_) {
      result_.cut_at = at;
      out().resize(before);
      cut_ = true;
    }
    return next_index;
  }

  std::string& out() { return result_.html; }

  std::string_view html_;
  const int max_depth_;
  FilteredMarkup result_;
  std::string scratch_;            // one <meta> or <link>, until we know it stays
  std::vector<bool> open_spans_;   // whether each open <span> was kept
  int depth_ = 0;
  bool cut_ = false;
  bool space_pending_ = false;
  bool after_line_break_ = true;
};

}  // namespace

FilteredMarkup FilterMarkup(std::string_view html, int max_depth) { return Filter(html, max_depth).Run(); }

}  // namespace rayzan::internal
