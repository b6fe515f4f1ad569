#include "html/text_runs.h"

#include <cstring>

namespace rayzan::internal {
namespace {

constexpr std::string_view kOpen = "\xF4\x8F\xBF\xBD";   // U+10FFFD
constexpr std::string_view kClose = "\xF4\x8F\xBF\xBC";  // U+10FFFC
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace

void TextRuns::AppendPlaceholder(std::string_view run, std::string* out) {
  out->append(kOpen);
  out->append(std::to_string(runs_.size()));
  out->append(kClose);
  runs_.push_back(run);
}

bool TextRuns::MayHavePlaceholder(std::string_view text) {
  return memchr(text.data(), kOpen[0], text.size()) != nullptr;
}

void TextRuns::Expand(std::string_view text, std::string* out) const {
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find(kOpen, i);
    if (open == std::string_view::npos) break;
    size_t digits = open + kOpen.size();
    size_t close = text.find(kClose, digits);
    if (close == std::string_view::npos) break;
    size_t index = 0;
    bool valid = close > digits && close - digits <= 9;
    for (size_t k = digits; valid && k < close; ++k) {
      valid = text[k] >= '0' && text[k] <= '9';
      index = index * 10 + static_cast<size_t>(text[k] - '0');
    }
    out->append(text.substr(i, open - i));
    if (valid && index < runs_.size()) {
      out->append(runs_[index]);
    } else {
      out->append(text.substr(open, close + kClose.size() - open));  // cannot happen: the filter wrote it
    }
    i = close + kClose.size();
  }
  out->append(text.substr(i));
}

void AppendLiteralText(std::string_view text, std::string* out) {
  if (!TextRuns::MayHavePlaceholder(text)) {
    out->append(text);
    return;
  }
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find(kOpen, i);
    size_t close = text.find(kClose, i);
    size_t at = std::min(open, close);
    if (at == std::string_view::npos) break;
    out->append(text.substr(i, at - i));
    out->append(kReplacement);
    i = at + kOpen.size();  // both delimiters are four bytes
  }
  out->append(text.substr(i));
}

void RestoreTextRuns(GumboNode* root, const TextRuns& runs, void* (*allocate)(void*, size_t), void* userdata) {
  if (runs.size() == 0) return;
  std::vector<GumboNode*> stack{root};
  std::string expanded;
  while (!stack.empty()) {
    GumboNode* node = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        children = &node->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        children = &node->v.element.children;
        break;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA: {
        std::string_view text = node->v.text.text;
        if (!TextRuns::MayHavePlaceholder(text)) break;
        expanded.clear();
        runs.Expand(text, &expanded);
        char* copy = static_cast<char*>(allocate(userdata, expanded.size() + 1));
        memcpy(copy, expanded.c_str(), expanded.size() + 1);
        node->v.text.text = copy;
        break;
      }
      default:
        break;
    }
    if (children == nullptr) continue;
    for (unsigned i = 0; i < children->length; ++i) stack.push_back(static_cast<GumboNode*>(children->data[i]));
  }
}

}  // namespace rayzan::internal
