// Metadata: every field is taken from the most explicit source present,
// in the order the publishers' own tools write them: Open Graph / article
// meta, JSON-LD, microdata, other meta names, <time>, the visible dateline,
// and last the URL.
#include "html/metadata.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "html/class_words.h"
#include "html/date_internal.h"
#include "html/html_lexicon.h"
#include "rayzan/text.h"

namespace rayzan::internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return out;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const char* Attr(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

void AppendText(const GumboNode* node, std::string* out, int depth = 0) {
  if (depth > 50 || out->size() > 2000) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
    out->append(node->v.text.text);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    AppendText(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
    out->push_back(' ');
  }
}

std::string TextOf(const GumboNode* node) {
  std::string s;
  AppendText(node, &s);
  return CollapseSpace(s);
}

// Other <meta> names that carry a publication date, after the explicit
// ones, in order of trust.
constexpr const char* kPublishedDateMetaKeys[] = {
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "article:published",
    "article.published", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
    "dc.date.created", "sailthru.date", "parsely-pub-date", "originalpublicationdate", "date", "og:pubdate",
    "citation_publication_date", "article_date_original", "release_date", "pub_date", "displaydate",
    "cxenseparse:recs:publishtime", "created"};

// Every other <meta> name Meta() is asked for. Only these are collected, so
// a name missing here is never found: its test fails, rather than the markup
// filter silently dropping it.
constexpr const char* kOtherMetaKeys[] = {
    "application-name", "article:author", "article:modified_time", "article:published_time", "article:section",
    "author", "byl", "content-language", "dcterms.modified", "last-modified", "og:article:published_time",
    "og:locale", "og:published_time", "og:site_name", "og:title", "og:updated_time", "og:url",
    "parsely-section", "section", "twitter:title", "datemodified"};

// The name in an itemprop=author element: its itemprop=name part when it
// has one, else its first line of text when the whole runs on into a
// biography ("Evan Symon Evan V. Symon is the Senior Editor ...").
const GumboNode* FindItemprop(const GumboNode* node, const char* name, int depth = 0) {
  if (node->type != GUMBO_NODE_ELEMENT || depth > 20) return nullptr;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    const char* ip = Attr(child, "itemprop");
    if (ip != nullptr && strcmp(ip, name) == 0) return child;
    if (const GumboNode* found = FindItemprop(child, name, depth + 1)) return found;
  }
  return nullptr;
}

const GumboNode* FirstTextNode(const GumboNode* node, int depth = 0) {
  if (node->type == GUMBO_NODE_TEXT) return node;
  if (node->type != GUMBO_NODE_ELEMENT || depth > 20) return nullptr;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (const GumboNode* found = FirstTextNode(static_cast<const GumboNode*>(children.data[i]), depth + 1))
      return found;
  }
  return nullptr;
}

std::string AuthorText(const GumboNode* node) {
  if (const GumboNode* name = FindItemprop(node, "name")) {
    const char* content = Attr(name, "content");
    return content != nullptr ? std::string(content) : TextOf(name);
  }
  std::string text = TextOf(node);
  constexpr size_t kLongestName = 60;
  if (text.size() <= kLongestName) return text;
  const GumboNode* first = FirstTextNode(node);
  return first != nullptr ? CollapseSpace(first->v.text.text) : "";
}

// An element the page marks as its author's name: class "author" (also the
// hCard "author vcard") or "...author-name"; "byline" is not enough, as
// bylines carry dates and agencies. The first one is taken: the article's
// byline comes before the comments' authors. The markup filter keeps these
// class tokens because "author" is a class word (class_words.h).
bool IsBylineClass(std::string_view cls) {
  size_t i = 0;
  while (i < cls.size()) {
    while (i < cls.size() && cls[i] == ' ') ++i;
    size_t end = cls.find(' ', i);
    std::string token = Lower(cls.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    i = end == std::string_view::npos ? cls.size() : end;
    if (token == "author" ||
        (token.size() >= 11 && token.compare(token.size() - 11, 11, "author-name") == 0))
      return true;
  }
  return false;
}

struct Collected {
  std::string html_lang;
  std::string title_tag;
  std::string h1;
  std::string canonical;
  std::map<std::string, std::string> meta;  // lower-cased name/property -> first content
  std::vector<std::string> json_ld;
  std::vector<std::pair<std::string, int>> times;  // datetime value, priority (0 best)
  std::string itemprop_published, itemprop_modified, itemprop_author;
  std::string rel_author, byline;
};

void Collect(const GumboNode* root, Collected* c) {
  // Iterative walk: metadata must not recurse on 10,000-deep junk.
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    if (node->type == GUMBO_NODE_DOCUMENT) {
      children = &node->v.document.children;
    } else if (node->type == GUMBO_NODE_ELEMENT) {
      children = &node->v.element.children;
      GumboTag tag = node->v.element.tag;
      switch (tag) {
        case GUMBO_TAG_HTML:
          if (const char* l = Attr(node, "lang")) c->html_lang = l;
          else if (const char* xl = Attr(node, "xml:lang")) c->html_lang = xl;
          break;
        case GUMBO_TAG_TITLE:
          if (c->title_tag.empty()) c->title_tag = TextOf(node);
          break;
        case GUMBO_TAG_H1:
          if (c->h1.empty()) c->h1 = TextOf(node);
          break;
        case GUMBO_TAG_META: {
          const char* content = Attr(node, "content");
          if (content == nullptr) break;
          for (const char* key : {"property", "name", "itemprop", "http-equiv"}) {
            if (const char* k = Attr(node, key)) {
              std::string lower = Lower(k);
              if (IsMetaKeyRead(lower)) c->meta.emplace(std::move(lower), content);
            }
          }
          break;
        }
        case GUMBO_TAG_LINK: {
          const char* rel = Attr(node, "rel");
          const char* href = Attr(node, "href");
          if (rel && href && Lower(rel) == "canonical" && c->canonical.empty()) c->canonical = href;
          break;
        }
        case GUMBO_TAG_SCRIPT: {
          const char* type = Attr(node, "type");
          if (type && Lower(type) == "application/ld+json" && node->v.element.children.length > 0) {
            const auto* t = static_cast<const GumboNode*>(node->v.element.children.data[0]);
            if (t->type == GUMBO_NODE_TEXT && c->json_ld.size() < 8) c->json_ld.emplace_back(t->v.text.text);
          }
          continue;  // no children worth visiting
        }
        case GUMBO_TAG_TIME: {
          const char* dt = Attr(node, "datetime");
          if (dt && c->times.size() < 32) {
            int priority = 2;
            const char* ip = Attr(node, "itemprop");
            const char* cls = Attr(node, "class");
            TimeClass time_class = cls ? JudgeTimeClass(cls) : TimeClass::kNone;
            if (Attr(node, "pubdate") || (ip && strstr(ip, "datePublished"))) priority = 0;
            else if (time_class == TimeClass::kPublished) priority = 1;
            else if (time_class == TimeClass::kUpdated) priority = 3;
            c->times.emplace_back(dt, priority);
          }
          break;
        }
        case GUMBO_TAG_STYLE:
          continue;
        default:
          break;
      }
      if (const char* ip = Attr(node, "itemprop")) {
        const char* v = Attr(node, "content");
        if (v == nullptr) v = Attr(node, "datetime");
        std::string value = v ? std::string(v) : std::string();
        if (strcmp(ip, "datePublished") == 0 && c->itemprop_published.empty())
          c->itemprop_published = value.empty() ? TextOf(node) : value;
        else if (strcmp(ip, "dateModified") == 0 && c->itemprop_modified.empty())
          c->itemprop_modified = value.empty() ? TextOf(node) : value;
        else if (strcmp(ip, "author") == 0 && c->itemprop_author.empty() && tag != GUMBO_TAG_META)
          c->itemprop_author = value.empty() ? AuthorText(node) : value;
      }
      if (const char* rel = Attr(node, "rel")) {
        if (strcmp(rel, "author") == 0 && c->rel_author.empty() && tag == GUMBO_TAG_A) c->rel_author = TextOf(node);
      }
      if (c->byline.empty()) {
        if (const char* cls = Attr(node, "class"); cls != nullptr && IsBylineClass(cls)) c->byline = TextOf(node);
      }
    } else {
      continue;
    }
    if (children != nullptr && stack.size() < 100000) {
      for (unsigned i = children->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children->data[i]));
    }
  }
}

struct JsonLd {
  std::string published, modified, headline, author, publisher, section, language;
  // Yoast-style graphs name the author by reference ({"@id": ".../person/1"})
  // and describe the person elsewhere in the graph.
  std::string author_id;
  std::map<std::string, std::string> names_by_id;
};

// The "@id" of a reference object (or the first of an array of them).
std::string JsonId(const nlohmann::json& v) {
  if (v.is_array() && !v.empty()) return JsonId(v[0]);
  if (!v.is_object()) return "";
  auto it = v.find("@id");
  return it != v.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string JsonString(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    auto it = v.find("name");
    if (it != v.end() && it->is_string()) return it->get<std::string>();
  }
  if (v.is_array() && !v.empty()) return JsonString(v[0]);
  return "";
}

void ScanJson(const nlohmann::json& j, JsonLd* out, int depth) {
  if (depth > 20) return;
  if (j.is_array()) {
    for (const auto& item : j) ScanJson(item, out, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  auto take = [&](const char* key, std::string* field) {
    auto it = j.find(key);
    if (it != j.end() && field->empty()) *field = JsonString(*it);
  };
  take("datePublished", &out->published);
  take("dateCreated", &out->published);
  take("dateModified", &out->modified);
  take("headline", &out->headline);
  take("author", &out->author);
  if (auto author = j.find("author"); author != j.end() && out->author.empty() && out->author_id.empty())
    out->author_id = JsonId(*author);
  if (auto id = j.find("@id"), name = j.find("name");
      id != j.end() && id->is_string() && name != j.end() && name->is_string())
    out->names_by_id.emplace(id->get<std::string>(), name->get<std::string>());
  take("articleSection", &out->section);
  take("inLanguage", &out->language);
  auto pub = j.find("publisher");
  if (pub != j.end() && out->publisher.empty()) out->publisher = JsonString(*pub);
  auto graph = j.find("@graph");
  if (graph != j.end()) ScanJson(*graph, out, depth + 1);
  auto main = j.find("mainEntity");
  if (main != j.end()) ScanJson(*main, out, depth + 1);
}

JsonLd ParseJsonLd(const std::vector<std::string>& scripts) {
  JsonLd out;
  for (const std::string& s : scripts) {
    // JSON-LD in the wild has raw newlines in strings and trailing junk;
    // a failed parse just leaves the fields empty.
    try {
      nlohmann::json j = nlohmann::json::parse(s, nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) ScanJson(j, &out, 0);
    } catch (...) {
    }
  }
  if (out.author.empty() && !out.author_id.empty()) {
    auto it = out.names_by_id.find(out.author_id);
    if (it != out.names_by_id.end()) out.author = it->second;
  }
  return out;
}

void Set(PageField* field, std::string value, const char* source) {
  if (!field->value.empty()) return;
  value = CollapseSpace(value);
  if (value.empty()) return;
  field->value = std::move(value);
  field->source = source;
}

void SetDate(PageField* field, std::string_view value, const char* source) {
  if (!field->value.empty() || value.empty()) return;
  std::string d = ParseDateTokens(value, false);
  if (!d.empty()) {
    field->value = std::move(d);
    field->source = source;
  }
}

std::string Meta(const Collected& c, const char* key) {
  auto it = c.meta.find(key);
  return it == c.meta.end() ? std::string() : it->second;
}

std::string Host(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  rest = rest.substr(0, rest.find(':'));
  if (rest.substr(0, 4) == "www.") rest.remove_prefix(4);
  return std::string(rest);
}

// Date in a URL path: /2020/05/10/, /2020-05-10, /20200510 (not in the host
// or the query, where ids look like dates).
std::string DateFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view path = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  size_t slash = path.find('/');
  if (slash == std::string_view::npos) return "";
  path = path.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  // /2020/05/10/ is what ParseDate's Y/M/D form reads.
  std::string d = ParseDateTokens(path, false);
  if (!d.empty()) return d;
  // /2020/05/title: day unknown, too vague for a publication day.
  return ParseDateTokens(path, true);
}

bool LooksLikeUrl(std::string_view s) { return s.find("://") != std::string_view::npos || s.substr(0, 1) == "/"; }

constexpr const char* kTitleSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " || "};

// The <title> tag: "Headline | Site" and "Headline - Site" keep the part
// before the last separator, when the headline is most of it.
std::string CleanTitle(std::string title) {
  for (const char* sep : kTitleSeparators) {
    size_t pos = title.rfind(sep);
    if (pos != std::string::npos && pos > title.size() / 3) {
      title = title.substr(0, pos);
      break;
    }
  }
  return title;
}

// Letters and digits only, lower-cased ASCII: "Helge.at", "helge.at" and
// "HELGE AT" compare equal.
std::string SiteKey(std::string_view s) {
  std::string key;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80 || isalnum(static_cast<unsigned char>(c)))
      key.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  }
  return key;
}

// A headline from og:title or JSON-LD, with the site's name cut off its
// end ("Yellow Vests and I — Pamela Anderson") when the cut part names the
// site: its og:site_name, its host, or the same tail the <title> tag ends
// with. A tail that names nothing we know stays: it may be the headline's.
std::string StripSiteName(std::string title, std::string_view site_name, std::string_view host,
                          std::string_view title_tag) {
  for (const char* sep : kTitleSeparators) {
    size_t pos = title.rfind(sep);
    if (pos == std::string::npos || pos == 0) continue;
    std::string_view tail = std::string_view(title).substr(pos);
    std::string tail_key = SiteKey(tail);
    bool names_site = !tail_key.empty() &&
                      (tail_key == SiteKey(site_name) || tail_key == SiteKey(host) ||
                       (title_tag != title && title_tag.size() > tail.size() &&
                        title_tag.substr(title_tag.size() - tail.size()) == tail));
    if (names_site) return title.substr(0, pos);
  }
  return title;
}

// A byline made a name: "View all posts by Daniel Lemire" -> "Daniel
// Lemire". Empty when it names no person: the site itself ("El Mostrador"
// on elmostrador.cl, "Prisma Média" as og:site_name), a handle ("@NatGeoUK"),
// or a placeholder ("null", "No Author").
std::string CleanAuthor(std::string_view value, std::string_view site_name, std::string_view host) {
  const HtmlLexicon& words = HtmlWords();
  std::string name = CollapseSpace(value);
  std::string lower = Lower(name);
  for (const std::string& label : words.byline_labels) {
    // A label is a whole word: "by " opens "By Jane", not "Byron".
    if (lower.rfind(label, 0) == 0 && (lower.size() == label.size() || lower[label.size()] == ' ' ||
                                       lower[label.size()] == ':' || label.back() == ':')) {
      name.erase(0, label.size());
      break;
    }
  }
  auto edge = [](char c) { return c == ' ' || c == '"' || c == '\'' || c == ',' || c == ':' || c == '|'; };
  while (!name.empty() && edge(name.back())) name.pop_back();
  size_t begin = 0;
  while (begin < name.size() && edge(name[begin])) ++begin;
  name.erase(0, begin);
  if (name.empty() || name[0] == '@') return "";
  lower = Lower(name);
  for (const std::string& placeholder : words.byline_placeholders) {
    if (lower == placeholder) return "";
  }
  std::string key = SiteKey(name), host_key = SiteKey(host);
  if (key == SiteKey(site_name) || key == host_key || (key.size() >= 4 && host_key.rfind(key, 0) == 0)) return "";
  return name;
}

std::string ResolveUrl(std::string_view href, std::string_view base) {
  if (href.find("://") != std::string_view::npos) return std::string(href);
  size_t scheme = base.find("://");
  if (scheme == std::string_view::npos) return std::string(href);
  if (href.substr(0, 2) == "//") return std::string(base.substr(0, scheme + 1)) + std::string(href);
  if (!href.empty() && href[0] == '/') {
    size_t path = base.find('/', scheme + 3);
    return std::string(base.substr(0, path)) + std::string(href);
  }
  return std::string(href);
}

// "...Z", "...+00:00", "...+0000", "... GMT" with a time of day.
bool IsUtcTimestamp(std::string_view v) {
  if (v.find(':') == std::string_view::npos) return false;
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  auto ends = [&](std::string_view s) { return v.size() >= s.size() && v.substr(v.size() - s.size()) == s; };
  return ends("Z") || ends("+00:00") || ends("+0000") || ends("GMT") || ends("UTC");
}

// A time of day that is not marked UTC: "2023-11-08 18:09:55",
// "2020-12-25T01:59:50+02:00".
bool HasLocalTime(std::string_view v) { return v.find(':') != std::string_view::npos && !IsUtcTimestamp(v); }

int DaysApart(const std::string& a, const std::string& b) {
  auto serial = [](const std::string& d) {
    int y = atoi(d.substr(0, 4).c_str()), m = atoi(d.substr(5, 2).c_str()), day = atoi(d.substr(8, 2).c_str());
    // Days from civil (Howard Hinnant's algorithm).
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe;
  };
  return std::abs(serial(a) - serial(b));
}

}  // namespace

std::string DetectLanguage(std::string_view text) {
  size_t arabic_script = 0, latin = 0, persian_marks = 0, arabic_marks = 0;
  uint32_t i = 0;
  size_t limit = std::min<size_t>(text.size(), 20000);
  std::string_view sample = text.substr(0, limit);
  int64_t bad = FindInvalidUtf8(sample);
  if (bad >= 0) sample = sample.substr(0, static_cast<size_t>(bad));
  while (i < sample.size()) {
    char32_t c = DecodeUtf8(sample, &i);
    if (c >= 0x0600 && c <= 0x06FF) {
      ++arabic_script;
      // پ چ ژ گ ک ی are Persian letters; ة ي ك are Arabic spellings.
      if (c == 0x067E || c == 0x0686 || c == 0x0698 || c == 0x06AF || c == 0x06A9 || c == 0x06CC) ++persian_marks;
      if (c == 0x0629 || c == 0x064A || c == 0x0643) ++arabic_marks;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      ++latin;
    }
  }
  if (arabic_script > 20 && arabic_script > latin) return persian_marks > arabic_marks ? "fa" : "ar";
  if (latin > 20) {
    // English if its commonest function words are common here.
    std::string lower = Lower(sample);
    size_t hits = 0;
    for (const char* w : {" the ", " and ", " of ", " to ", " in ", " is "}) {
      for (size_t p = lower.find(w); p != std::string::npos; p = lower.find(w, p + 1)) ++hits;
    }
    if (hits * 40 > latin / 5) return "en";
  }
  return "";
}

bool IsMetaKeyRead(std::string_view lower_key) {
  for (const char* key : kPublishedDateMetaKeys)
    if (lower_key == key) return true;
  for (const char* key : kOtherMetaKeys)
    if (lower_key == key) return true;
  return false;
}

void ExtractMetadata(const GumboNode* root, std::string_view url, std::string_view main_text,
                     const std::vector<std::string>& dateline_candidates, ExtractedPage* page) {
  Collected c;
  Collect(root, &c);
  JsonLd ld = ParseJsonLd(c.json_ld);

  Set(&page->site_name, Meta(c, "og:site_name"), "meta:og:site_name");
  Set(&page->site_name, ld.publisher, "json-ld:publisher");
  Set(&page->site_name, Meta(c, "application-name"), "meta:application-name");
  Set(&page->site_name, Host(url), "url");

  Set(&page->title, Meta(c, "og:title"), "meta:og:title");
  Set(&page->title, ld.headline, "json-ld:headline");
  Set(&page->title, Meta(c, "twitter:title"), "meta:twitter:title");
  Set(&page->title, c.h1, "h1");
  Set(&page->title, CleanTitle(c.title_tag), "title");
  if (page->title.source != "h1" && page->title.source != "title")
    page->title.value = StripSiteName(page->title.value, page->site_name.value, Host(url), c.title_tag);

  // Published: explicit machine-readable dates first, in this order.
  std::vector<std::pair<std::string, std::string>> machine;  // (value, source)
  auto add = [&](const std::string& value, const std::string& source) {
    if (!value.empty()) machine.emplace_back(value, source);
  };
  add(Meta(c, "article:published_time"), "meta:article:published_time");
  add(Meta(c, "og:article:published_time"), "meta:og:article:published_time");
  add(Meta(c, "og:published_time"), "meta:og:published_time");
  add(ld.published, "json-ld:datePublished");
  add(c.itemprop_published, "itemprop:datePublished");
  for (const char* key : kPublishedDateMetaKeys) {
    add(Meta(c, key), std::string("meta:") + key);
  }
  for (int priority = 0; priority <= 2; ++priority) {
    for (const auto& [value, p] : c.times) {
      if (p == priority) add(value, "time[datetime]");
    }
  }
  // The first parseable candidate wins, except that a UTC timestamp
  // ("2023-11-09T01:09:55Z") gives way to a local one for the same moment:
  // the publication day is the one the newsroom printed, and a UTC evening
  // or early morning falls on another day (denverpost.com, elbaladtv.net).
  int chosen = -1;
  std::vector<std::string> days(machine.size());
  for (size_t i = 0; i < machine.size(); ++i) {
    days[i] = ParseDateTokens(machine[i].first, false);
    if (chosen < 0 && !days[i].empty()) chosen = static_cast<int>(i);
  }
  if (chosen >= 0 && IsUtcTimestamp(machine[chosen].first)) {
    for (size_t i = chosen + 1; i < machine.size(); ++i) {
      if (!days[i].empty() && days[i] != days[chosen] && HasLocalTime(machine[i].first) &&
          DaysApart(days[i], days[chosen]) <= 1) {
        chosen = static_cast<int>(i);
        break;
      }
    }
  }
  if (chosen >= 0) {
    page->published.value = days[chosen];
    page->published.source = machine[chosen].second;
  }
  // US English pages write 3/4/2025 for March 4.
  bool month_first = Lower(c.html_lang.substr(0, 5)) == "en-us" || Lower(c.html_lang) == "en";
  for (const std::string& line : dateline_candidates) {
    if (!page->published.empty()) break;
    std::string d = ParseDateTokens(line, false, month_first);
    if (!d.empty()) {
      page->published.value = d;
      page->published.source = "text";
    }
  }
  if (page->published.empty()) {
    std::string d = DateFromUrl(url);
    if (d.empty() && !c.canonical.empty()) d = DateFromUrl(c.canonical);
    if (!d.empty()) {
      page->published.value = d;
      page->published.source = "url";
    }
  }

  SetDate(&page->modified, Meta(c, "article:modified_time"), "meta:article:modified_time");
  SetDate(&page->modified, Meta(c, "og:updated_time"), "meta:og:updated_time");
  SetDate(&page->modified, ld.modified, "json-ld:dateModified");
  SetDate(&page->modified, c.itemprop_modified, "itemprop:dateModified");
  SetDate(&page->modified, Meta(c, "dcterms.modified"), "meta:dcterms.modified");
  SetDate(&page->modified, Meta(c, "last-modified"), "meta:last-modified");

  if (!c.canonical.empty()) Set(&page->canonical_url, ResolveUrl(c.canonical, url), "link:canonical");
  Set(&page->canonical_url, ResolveUrl(Meta(c, "og:url"), url), "meta:og:url");
  Set(&page->canonical_url, std::string(url), "url");

  auto set_author = [&](const std::string& value, const char* source) {
    if (!LooksLikeUrl(value)) Set(&page->author, CleanAuthor(value, page->site_name.value, Host(url)), source);
  };
  set_author(Meta(c, "author"), "meta:author");
  set_author(Meta(c, "article:author"), "meta:article:author");
  set_author(ld.author, "json-ld:author");
  set_author(c.itemprop_author, "itemprop:author");
  set_author(c.rel_author, "rel:author");
  set_author(Meta(c, "byl"), "meta:byl");
  constexpr size_t kLongestByline = 60;
  if (c.byline.size() <= kLongestByline) set_author(c.byline, "class:byline");

  std::string lang = c.html_lang;
  Set(&page->language, lang, "html-lang");
  Set(&page->language, Meta(c, "content-language"), "meta:content-language");
  Set(&page->language, Meta(c, "og:locale"), "meta:og:locale");
  Set(&page->language, ld.language, "json-ld:inLanguage");
  if (page->language.empty()) Set(&page->language, DetectLanguage(main_text), "content");
  if (!page->language.value.empty()) {
    // "fa_IR", "ar-EG": keep the primary tag as the page wrote it.
    std::string& v = page->language.value;
    v = Lower(v.substr(0, v.find_first_of("-_ ,;")));
  }

  Set(&page->section, Meta(c, "article:section"), "meta:article:section");
  Set(&page->section, ld.section, "json-ld:articleSection");
  Set(&page->section, Meta(c, "section"), "meta:section");
  Set(&page->section, Meta(c, "parsely-section"), "meta:parsely-section");
}

}  // namespace rayzan::internal
