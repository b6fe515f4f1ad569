// Text runs set aside while Gumbo parses (internal to the html stage).
//
// Gumbo copies text through its tokenizer one code point at a time, which
// is half its parse time on a news page, yet the tree only needs to know
// where text is, not what it says. So the markup filter replaces each long
// run of text between tags by a short placeholder and keeps a view of the
// run; once the tree is built, RestoreTextRuns writes the runs back into the
// text nodes. Nothing downstream sees a placeholder.
//
// A placeholder is U+10FFFD, the run's index in decimal, U+10FFFC: private
// use characters the parser passes through untouched, and that text copied
// as it is never carries (AppendLiteralText turns them into U+FFFD).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace rayzan::internal {

class TextRuns {
 public:
  // Appends to *out a placeholder for run, a view into the page that must
  // outlive this object.
  void AppendPlaceholder(std::string_view run, std::string* out);

  // Appends text to *out with the placeholders in it replaced by their runs.
  void Expand(std::string_view text, std::string* out) const;

  // True when text may hold a placeholder.
  static bool MayHavePlaceholder(std::string_view text);

  size_t size() const { return runs_.size(); }

 private:
  std::vector<std::string_view> runs_;
};

// Appends text that the parser will read as it is, with the two placeholder
// delimiters, should a page contain them, replaced by U+FFFD.
void AppendLiteralText(std::string_view text, std::string* out);

// Replaces placeholders in every text node under root by their runs. New
// text buffers come from allocate(userdata, size), the parse's allocator.
void RestoreTextRuns(GumboNode* root, const TextRuns& runs, void* (*allocate)(void*, size_t), void* userdata);

}  // namespace rayzan::internal
