// Main-text selection: a Readability-style container score, then per-block
// filtering inside the chosen container.
//
// One walk over the tree turns it into a flat list of text blocks (one per
// paragraph-like run of text) and a table of elements in document order with
// their subtree range and text/link character counts. Everything after that
// works on the two arrays, so the whole selection is linear in the page.
#include "html/main_text.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "html/class_words.h"
#include "html/html_lexicon.h"

namespace rayzan::internal {
namespace {

constexpr int kMaxDepth = 1000;
// Dateline search window, in blocks: before the body and at its start.
constexpr size_t kDatelineBefore = 40;
constexpr size_t kDatelineInside = 5;

enum class BlockKind { kParagraph, kHeading, kListItem, kOther };

struct Element {
  const GumboNode* node = nullptr;
  int parent = -1;
  int end = 0;  // one past the last element index of the subtree
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  uint32_t text_chars = 0;  // all text below, in code points
  uint32_t link_chars = 0;  // text below inside <a>
  float class_weight = 0;
  float score = 0;
  bool scored = false;
  bool negative = false;   // class/id says boilerplate (share bar, related list, ...)
  bool article_body = false;
  bool lead = false;       // class/id names a standfirst ("intro", "chapo", "perex", "lead")
};

struct Block {
  std::string text;
  int element = -1;  // owning block-level element
  uint32_t chars = 0;
  uint32_t link_chars = 0;
  uint32_t commas = 0;
  BlockKind kind = BlockKind::kOther;
  bool in_negative = false;
};

// Ruby annotations (<rt>, <rp>) are pronunciation glosses over the base
// text: kept, they interleave "子こども" into every Japanese word.
bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_RT: case GUMBO_TAG_RP:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_NAV: case GUMBO_TAG_HEAD: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_MENU: case GUMBO_TAG_LABEL: case GUMBO_TAG_FIGCAPTION:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_UL: case GUMBO_TAG_CAPTION: case GUMBO_TAG_UNKNOWN:
      return true;
    default:
      return false;
  }
}

// Elements whose own text is a paragraph; their container is the parent.
// Text directly inside a <div> or <section> makes that element the container.
bool IsParagraphLike(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_PRE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

BlockKind KindOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: return BlockKind::kParagraph;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: return BlockKind::kHeading;
    case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT: return BlockKind::kListItem;
    default: return BlockKind::kOther;
  }
}

const char* Attr(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

void LowerInto(const char* s, std::string* out) {
  for (; *s; ++s) out->push_back((*s >= 'A' && *s <= 'Z') ? static_cast<char>(*s + 32) : *s);
}

bool IsHidden(const GumboNode* node) {
  if (Attr(node, "hidden") != nullptr) return true;
  const char* aria = Attr(node, "aria-hidden");
  if (aria != nullptr && strcmp(aria, "true") == 0) return true;
  const char* style = Attr(node, "style");
  if (style != nullptr) {
    std::string s;
    for (const char* p = style; *p; ++p) {
      if (*p != ' ') s.push_back((*p >= 'A' && *p <= 'Z') ? static_cast<char>(*p + 32) : *p);
    }
    if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos)
      return true;
  }
  return false;
}

// On a heading, "header" names the heading itself ("section-header",
// "header-anchor-post"), not the page header: true when that is the only
// boilerplate word of the class.
bool OnlyHeaderWord(std::string cls) {
  bool found = false;
  for (size_t at = cls.find("header"); at != std::string::npos; at = cls.find("header", at)) {
    cls.replace(at, 6, "h");
    found = true;
  }
  return found && !JudgeClass(cls).negative;
}

class Walker {
 public:
  std::vector<Element> elements;
  std::vector<Block> blocks;
  bool depth_cut = false;

  void Run(const GumboNode* root) {
    owner_ = -1;
    Visit(root, -1, 0, false);
    Flush();
    // Subtree totals, bottom-up: children come after their parent in
    // document order, so a reverse sweep sees every child first.
    for (size_t i = elements.size(); i-- > 1;) {
      int p = elements[i].parent;
      if (p >= 0) {
        elements[p].text_chars += elements[i].text_chars;
        elements[p].link_chars += elements[i].link_chars;
      }
    }
    // Boilerplate marks are inherited downwards, except through elements
    // holding a large share of the page: a layout wrapper named
    // "container penci_sidebar" around the whole article is not a sidebar.
    uint32_t total = elements.empty() ? 0 : elements[0].text_chars;
    std::vector<char> inherited(elements.size(), 0);
    for (size_t i = 0; i < elements.size(); ++i) {
      Element& e = elements[i];
      if (e.negative && e.text_chars * 10 > total * 4) e.negative = false;
      inherited[i] = e.negative || (e.parent >= 0 && inherited[e.parent] && !e.article_body);
    }
    for (Block& b : blocks) b.in_negative = inherited[b.element];
  }

 private:
  void Visit(const GumboNode* node, int parent, int depth, bool in_link) {
    if (depth > kMaxDepth) {
      depth_cut = true;
      return;
    }
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      AppendText(node->v.text.text, in_link);
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    if (node->type == GUMBO_NODE_DOCUMENT) {
      const GumboVector& children = node->v.document.children;
      for (unsigned i = 0; i < children.length; ++i)
        Visit(static_cast<const GumboNode*>(children.data[i]), parent, depth + 1, in_link);
      return;
    }
    GumboTag tag = node->v.element.tag;
    if (IsSkipped(tag) || IsHidden(node)) return;
    if (tag == GUMBO_TAG_BR) {
      Flush();
      return;
    }
    if (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_HR) return;

    int index = static_cast<int>(elements.size());
    elements.emplace_back();
    {
      Element& e = elements.back();
      e.node = node;
      e.parent = parent;
      e.tag = tag;
      std::string cls;
      if (const char* c = Attr(node, "class")) LowerInto(c, &cls);
      if (const char* id = Attr(node, "id")) {
        cls.push_back(' ');
        LowerInto(id, &cls);
      }
      if (const char* role = Attr(node, "role")) {
        // role=navigation/complementary/contentinfo are landmarks of boilerplate.
        if (strcmp(role, "navigation") == 0 || strcmp(role, "complementary") == 0 ||
            strcmp(role, "contentinfo") == 0 || strcmp(role, "banner") == 0)
          cls.append(" navigation");
      }
      ClassVerdict v = JudgeClass(cls);
      const char* itemprop = Attr(node, "itemprop");
      e.article_body = itemprop != nullptr && strstr(itemprop, "articleBody") != nullptr;
      bool strong = e.article_body || tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ||
                    tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML;
      if (v.negative && KindOf(tag) == BlockKind::kHeading) v.negative = !OnlyHeaderWord(cls);
      e.negative = v.negative && !v.positive && !strong;
      e.lead = v.lead && !v.negative;
      if (v.negative && !strong) e.class_weight -= 25;
      if (v.positive) e.class_weight += 25;
      if (e.article_body) e.class_weight += 50;
      if (tag == GUMBO_TAG_ARTICLE) e.class_weight += 10;
    }
    bool block = IsBlock(tag);
    int saved_owner = owner_;
    if (block) {
      Flush();
      owner_ = index;
    }
    bool link = in_link || tag == GUMBO_TAG_A;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      Visit(static_cast<const GumboNode*>(children.data[i]), index, depth + 1, link);
    if (block) {
      Flush();
      owner_ = saved_owner;
    }
    elements[index].end = static_cast<int>(elements.size());
  }

  void AppendText(const char* text, bool in_link) {
    for (const char* p = text; *p; ++p) {
      // Plain ASCII letters and digits: the common case, no bookkeeping but counts.
      if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) {
        const char* q = p;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')) ++q;
        uint32_t len = static_cast<uint32_t>(q - p);
        current_.append(p, len);
        current_chars_ += len;
        if (in_link) current_link_chars_ += len;
        p = q - 1;
        continue;
      }
      unsigned char c = static_cast<unsigned char>(*p);
      bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
      // U+00A0 (C2 A0) is a space too; pages use runs of it as indentation.
      if (c == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0) {
        space = true;
        ++p;
      }
      // U+00AD (C2 AD), the soft hyphen, is an invisible break hint that
      // typesetting pages put inside every long word.
      if (c == 0xC2 && static_cast<unsigned char>(p[1]) == 0xAD) {
        ++p;
        continue;
      }
      if (space) {
        if (!current_.empty() && current_.back() != ' ') current_.push_back(' ');
        continue;
      }
      current_.push_back(static_cast<char>(c));
      if ((c & 0xC0) != 0x80) {
        ++current_chars_;
        if (in_link) ++current_link_chars_;
        if (c == ',') ++current_commas_;
      }
      // Arabic comma U+060C (D8 8C).
      if (c == 0x8C && current_.size() >= 2 && static_cast<unsigned char>(current_[current_.size() - 2]) == 0xD8)
        ++current_commas_;
    }
  }

  // A line of only punctuation or invisible marks (a stray U+FEFF, "|", "•")
  // is layout, not text.
  static bool HasWordCharacter(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        if (isalnum(c)) return true;
        continue;
      }
      if (c == 0xEF || c == 0xE2) {
        if (s.compare(i, 3, "\xEF\xBB\xBF") == 0 || s.compare(i, 3, "\xE2\x80\xA2") == 0 ||
            s.compare(i, 3, "\xE2\x80\x8B") == 0) {
          i += 2;
          continue;
        }
      }
      if (c >= 0xC0) return true;
    }
    return false;
  }

  void Flush() {
    while (!current_.empty() && current_.back() == ' ') current_.pop_back();
    if (current_chars_ > 0 && owner_ >= 0 && !current_.empty() && HasWordCharacter(current_)) {
      Block b;
      b.text = std::move(current_);
      if (!b.text.empty() && b.text.front() == ' ') b.text.erase(0, 1);
      b.element = owner_;
      b.chars = current_chars_;
      b.link_chars = std::min(current_link_chars_, current_chars_);
      b.commas = current_commas_;
      b.kind = KindOf(elements[owner_].tag);
      elements[owner_].text_chars += b.chars;
      elements[owner_].link_chars += b.link_chars;
      blocks.push_back(std::move(b));
    }
    current_.clear();
    current_chars_ = current_link_chars_ = current_commas_ = 0;
  }

  int owner_ = -1;
  std::string current_;
  uint32_t current_chars_ = 0, current_link_chars_ = 0, current_commas_ = 0;
};

float LinkDensity(const Element& e) {
  return e.text_chars == 0 ? 0.f : static_cast<float>(e.link_chars) / static_cast<float>(e.text_chars);
}

float InitialScore(const Element& e) {
  // A content-like class name counts in full only with some text behind it:
  // VOA's video overlay "c-mmp__overlay-body" holds one 35-character line.
  float s = e.class_weight > 0 ? e.class_weight * std::min(1.f, static_cast<float>(e.text_chars) / 500.f)
                               : e.class_weight;
  switch (e.tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN: s += 5; break;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: s += 3; break;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: s -= 3; break;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TH: s -= 5; break;
    default: break;
  }
  return s;
}

// Readability's paragraph scoring: each paragraph of 25+ characters adds
// 1 + commas + length/100 (max 3) to its container, half to the
// grandparent and a third to the level above.
int ChooseTopCandidate(std::vector<Element>& el, const std::vector<Block>& blocks, bool use_negative) {
  for (Element& e : el) {
    e.score = 0;
    e.scored = false;
  }
  for (const Block& b : blocks) {
    if (b.chars < 25 || b.kind == BlockKind::kHeading) continue;
    if (use_negative && b.in_negative) continue;
    if (b.link_chars * 2 > b.chars) continue;
    float content = 1.f + static_cast<float>(b.commas) + std::min(static_cast<float>(b.chars / 100), 3.f);
    int a = IsParagraphLike(el[b.element].tag) ? el[b.element].parent : b.element;
    for (int level = 0; a >= 0 && level < 5; ++level, a = el[a].parent) {
      if (el[a].tag == GUMBO_TAG_HTML) break;
      if (!el[a].scored) {
        el[a].scored = true;
        el[a].score = InitialScore(el[a]);
      }
      float divider = level == 0 ? 1.f : level == 1 ? 2.f : static_cast<float>(level * 3);
      el[a].score += content / divider;
    }
  }
  int top = -1;
  for (size_t i = 0; i < el.size(); ++i) {
    if (!el[i].scored) continue;
    if (use_negative && el[i].negative) continue;
    el[i].score *= 1.f - LinkDensity(el[i]);
    if (top < 0 || el[i].score > el[top].score) top = static_cast<int>(i);
  }
  return top;
}

// Characters of body-like text below each element: lines of 25+ characters
// other than headings, mostly unlinked, outside boilerplate.
std::vector<uint32_t> ContentMass(const std::vector<Element>& el, const std::vector<Block>& blocks,
                                  bool use_negative) {
  std::vector<uint32_t> mass(el.size(), 0);
  for (const Block& b : blocks) {
    if (b.chars < 25 || b.kind == BlockKind::kHeading) continue;
    if (use_negative && b.in_negative) continue;
    if (b.link_chars * 2 > b.chars) continue;
    mass[b.element] += b.chars;
  }
  for (size_t i = el.size(); i-- > 1;) {
    if (el[i].parent >= 0) mass[el[i].parent] += mass[i];
  }
  return mass;
}

// A listicle or a page builder puts each section in its own deep wrapper,
// too deep for the paragraph score to reach their common parent. Climb to an
// ancestor when the body text it adds, beside the branch holding the choice,
// is at least as much as the choice holds and is spread over several
// children none larger than twice the choice: sections of one article.
// Added text in one block (a comment thread, a teaser list, an author box)
// does not qualify.
int ClimbToSplitArticle(const std::vector<Element>& el, const std::vector<uint32_t>& mass, int top,
                        bool use_negative) {
  int branch = top;
  for (int p = el[top].parent; p >= 0 && el[p].tag != GUMBO_TAG_BODY && el[p].tag != GUMBO_TAG_HTML;
       branch = p, p = el[p].parent) {
    if (use_negative && el[p].negative) break;
    uint32_t gain = mass[p] - mass[branch], largest = 0;
    int parts = 0;
    for (int c = p + 1; c < el[p].end; c = el[c].end) {
      if (c == branch || mass[c] == 0) continue;
      ++parts;
      largest = std::max(largest, mass[c]);
    }
    if (gain >= mass[top] && parts >= 2 && largest <= mass[top] * 2) top = p;
  }
  return top;
}

// Short stock lines inside article containers that are never article text
// (data/html/stock_lines.tsv: lower-case, at most 40 bytes).
bool IsStockLine(std::string_view s) {
  if (s.size() > 40) return false;
  std::string lower;
  for (char c : s) lower.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  while (!lower.empty() && (lower.back() == ':' || lower.back() == '.' || lower.back() == ' ')) lower.pop_back();
  for (const std::string& l : HtmlWords().stock_lines) {
    if (lower == l) return true;
  }
  return false;
}

// A standfirst: the summary under the headline, often outside the body's
// wrapper ("ce_articleIntro", "field-perex", "article-chapo", an <h2
// class="article-deck">). The nearest element before the chosen container
// whose class names a lead, and which shares an ancestor with it at most
// kLeadLevels above, when it is prose (not links) of sentence length and
// outside boilerplate.
constexpr int kLeadLevels = 3;

int FindLead(const std::vector<Element>& el, const std::vector<Block>& blocks, int top, bool use_negative) {
  int ancestor = top;
  for (int level = 0; level < kLeadLevels && el[ancestor].parent >= 0; ++level) ancestor = el[ancestor].parent;
  for (int i = top - 1; i > ancestor; --i) {
    const Element& e = el[i];
    if (!e.lead || e.end > top) continue;
    if (e.text_chars < 30 || e.text_chars > 1500 || LinkDensity(e) > 0.3f) continue;
    auto in_boilerplate = [&](const Block& b) { return b.in_negative && b.element >= i && b.element < e.end; };
    if (!use_negative || std::none_of(blocks.begin(), blocks.end(), in_boilerplate)) return i;
  }
  return -1;
}

constexpr uint32_t kMaxCallToActionChars = 300;

// A line holding one of the phrases of data/html/call_to_action.tsv.
bool HasCallToAction(std::string_view s) {
  std::string folded = FoldCase(s);
  for (const std::string& p : HtmlWords().call_to_action_phrases) {
    if (folded.find(p) != std::string::npos) return true;
  }
  return false;
}

// One selection pass; use_negative=false ignores boilerplate class names
// (the retry for pages whose whole layout is named like a sidebar).
std::string Select(std::vector<Element>& el, const std::vector<Block>& blocks, bool use_negative,
                   size_t* first_block_out) {
  std::string text;
  *first_block_out = blocks.size();
  int top = ChooseTopCandidate(el, blocks, use_negative);
  if (top < 0) return text;
  const bool debug = getenv("RAYZAN_HTML_DEBUG") != nullptr;
  auto describe = [&](const char* what, int i) {
    if (!debug) return;
    const char* cls = Attr(el[i].node, "class");
    fprintf(stderr, "%s: <%s class=\"%s\"> score %.1f text %u links %u\n", what,
            gumbo_normalized_tagname(el[i].tag), cls ? cls : "", el[i].score, el[i].text_chars, el[i].link_chars);
  };
  describe("candidate", top);

  // Paragraphs each wrapped in their own card (hawaiinewsnow.com) make many
  // near-equal candidates: when 3 of the 4 runners-up within 75% of the top
  // score share an ancestor with it, that ancestor is the article.
  {
    std::vector<int> best;  // top 5 by score
    for (size_t i = 0; i < el.size(); ++i) {
      if (!el[i].scored || static_cast<int>(i) == top) continue;
      if (use_negative && el[i].negative) continue;
      best.push_back(static_cast<int>(i));
      std::sort(best.begin(), best.end(), [&](int a, int b) { return el[a].score > el[b].score; });
      if (best.size() > 4) best.pop_back();
    }
    std::vector<int> alternatives;
    for (int b : best) {
      if (el[b].score >= 0.75f * el[top].score) alternatives.push_back(b);
    }
    if (alternatives.size() >= 3) {
      for (int p = el[top].parent; p >= 0 && el[p].tag != GUMBO_TAG_BODY && el[p].tag != GUMBO_TAG_HTML;
           p = el[p].parent) {
        int inside = 0;
        for (int a : alternatives) inside += (a >= p && a < el[p].end) ? 1 : 0;
        if (inside >= 3) {
          top = p;
          break;
        }
      }
    }
  }

  // Walk up while the parent keeps a comparable score: the article is often
  // split over sibling wrappers that only their common parent holds.
  {
    float last = el[top].score;
    float threshold = el[top].score / 3.f;
    for (int p = el[top].parent; p >= 0 && el[p].tag != GUMBO_TAG_BODY && el[p].tag != GUMBO_TAG_HTML;
         p = el[p].parent) {
      if (!el[p].scored) continue;
      if (el[p].score < threshold) break;
      if (el[p].score > last) {
        top = p;
        break;
      }
      last = el[p].score;
    }
    // A wrapper holding only the candidate adds nothing but a wider scope
    // for the sibling step below.
    while (el[top].parent >= 0 && el[el[top].parent].tag != GUMBO_TAG_BODY &&
           el[el[top].parent].tag != GUMBO_TAG_HTML && el[el[top].parent].text_chars == el[top].text_chars)
      top = el[top].parent;
  }

  top = ClimbToSplitArticle(el, ContentMass(el, blocks, use_negative), top, use_negative);

  describe("chosen", top);
  int lead = FindLead(el, blocks, top, use_negative);
  if (lead >= 0) describe("lead", lead);
  // Siblings of the candidate that carry article text too (a lead paragraph
  // in its own wrapper, a second body part after an inline ad).
  std::vector<std::pair<int, int>> ranges;
  int parent = el[top].parent;
  if (parent >= 0) {
    float threshold = std::max(10.f, el[top].score * 0.2f);
    for (int s = parent + 1; s < el[parent].end; s = el[s].end) {
      if (s == top) {
        ranges.emplace_back(s, el[s].end);
        continue;
      }
      if (use_negative && el[s].negative) continue;
      bool append = el[s].scored && el[s].score >= threshold;
      if (!append && el[s].tag == GUMBO_TAG_P) {
        float ld = LinkDensity(el[s]);
        append = (el[s].text_chars > 80 && ld < 0.25f) || (el[s].text_chars > 0 && ld == 0.f && el[s].text_chars <= 80 && false);
      }
      if (append) ranges.emplace_back(s, el[s].end);
    }
  } else {
    ranges.emplace_back(top, el[top].end);
  }
  if (lead >= 0) {
    bool covered = false;
    for (const auto& [begin, end] : ranges) covered = covered || (lead >= begin && lead < end);
    if (!covered) ranges.insert(ranges.begin(), {lead, el[lead].end});
  }

  // Inside the chosen scope, drop link-heavy widgets (related lists, tag
  // clouds) and boilerplate-marked elements: an element is bad when more than
  // half its text is links; badness is inherited downwards.
  std::vector<char> bad(el.size(), 0);
  for (const auto& [begin, end] : ranges) {
    for (int i = begin; i < end; ++i) {
      int p = el[i].parent;
      bool inherited = i != begin && p >= begin && bad[p];
      bool own = i != begin && ((el[i].text_chars >= 20 && LinkDensity(el[i]) > 0.5f) ||
                                (use_negative && el[i].negative));
      bad[i] = inherited || own;
    }
  }

  size_t first_block = blocks.size();
  std::vector<size_t> kept;
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    const Block& b = blocks[bi];
    bool inside = false;
    for (const auto& [begin, end] : ranges) {
      if (b.element >= begin && b.element < end) {
        inside = true;
        break;
      }
    }
    if (!inside || bad[b.element]) continue;
    // A link-heavy line is navigation, unless it is one line (split by <br>)
    // of a <p> that is mostly prose, which the element check above passed: a
    // linked book title over its description, a "Source:" link.
    if (b.link_chars * 2 > b.chars && el[b.element].tag != GUMBO_TAG_P) continue;
    if (IsStockLine(b.text)) continue;
    if (first_block == blocks.size()) first_block = bi;
    kept.push_back(bi);
  }
  // Calls to action closing an article ("Subscribe now to our e-edition",
  // "Follow us on Twitter", "Sign up here"): short lines at its end holding
  // one of the stock phrases are dropped, from the last line backwards.
  while (!kept.empty() && blocks[kept.back()].chars <= kMaxCallToActionChars &&
         HasCallToAction(blocks[kept.back()].text))
    kept.pop_back();
  for (size_t bi : kept) {
    if (!text.empty()) text.push_back('\n');
    text.append(blocks[bi].text);
  }
  *first_block_out = first_block;
  return text;
}

}  // namespace

MainText ExtractMainText(const GumboNode* root, std::vector<std::string>* warnings) {
  MainText out;
  Walker w;
  w.Run(root);
  if (w.depth_cut && warnings != nullptr)
    warnings->push_back("nesting deeper than " + std::to_string(kMaxDepth) + " levels cut");
  std::vector<Element>& el = w.elements;
  const std::vector<Block>& blocks = w.blocks;
  if (blocks.empty()) return out;

  size_t first_block = blocks.size();
  out.text = Select(el, blocks, true, &first_block);
  // Readability's retry: a short result often means the class-name filter
  // removed the article; try again without it and keep the longer text.
  if (out.text.size() < 500) {
    size_t retry_first = blocks.size();
    std::string retry = Select(el, blocks, false, &retry_first);
    if (retry.size() > out.text.size() * 2) {
      out.text = std::move(retry);
      first_block = retry_first;
    }
  }

  // Dateline candidates: up to 20 short lines before the body and the first
  // 3 of the body, in document order.
  size_t begin = first_block >= kDatelineBefore ? first_block - kDatelineBefore : 0;
  for (size_t bi = begin; bi < blocks.size() && bi < first_block + kDatelineInside; ++bi) {
    if (blocks[bi].chars <= 120) out.dateline_candidates.push_back(blocks[bi].text);
  }
  return out;
}

}  // namespace rayzan::internal
