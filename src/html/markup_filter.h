// Markup filter: the single pass that prepares a page for Gumbo (internal
// to the html stage).
#pragma once

#include <string>
#include <string_view>

#include "html/text_runs.h"

namespace rayzan::internal {

struct FilteredMarkup {
  std::string html;
  TextRuns text_runs;  // the long text runs html holds placeholders for
  size_t cut_at = std::string_view::npos;  // byte of the input where nesting got too deep, or npos
};

// Copies html without what the extractor never reads, so that Gumbo
// tokenizes a third of the bytes:
// - <script> (except JSON-LD), <style>, <noscript>, <template>, <select>,
//   <iframe>, <svg>, <button>, <label> and <textarea> with their content;
//   <nav> and <aside> are left empty (their start tag ends a paragraph);
// - comments; formatting tags, images, inputs and attribute-less <span>s
//   (their text stays);
// - <meta> names metadata does not read, <link>s but rel=canonical;
// - every attribute but the few the extractor reads, and of class and id
//   lists only the first token holding each kind of class word;
// - runs of whitespace (collapsed), and whitespace-only runs next to
//   line-breaking elements;
// - and long text runs go to text_runs, leaving placeholders (text_runs.h).
// html keeps views into the input: the input must outlive the result.
// Stops where the page nests deeper than max_depth elements (start minus
// end tags, not counting void and implicitly closed elements), because
// Gumbo's tree builder is quadratic in nesting depth. One pass, linear in
// the input.
FilteredMarkup FilterMarkup(std::string_view html, int max_depth);

}  // namespace rayzan::internal
