// Markup filter: the single pass that prepares a page for Gumbo (internal
// to the html stage).
#pragma once

#include <string>
#include <string_view>

namespace rayzan::internal {

struct FilteredMarkup {
  std::string html;
  size_t cut_at = std::string_view::npos;  // byte of the input where nesting got too deep, or npos
};

// Copies html without what the extractor never reads: the contents of
// <script> (except JSON-LD), <style>, <nav>, <aside>, <noscript>,
// <template>, <select>, <iframe> and <svg>; comments; formatting tags and
// images (their text stays); runs of whitespace; and every attribute but the
// few the extractor reads (class lists cut at 120 bytes). Stops where the
// page nests deeper than max_depth elements (start minus end tags, not
// counting void and implicitly closed elements), because Gumbo's tree
// builder is quadratic in nesting depth. One pass, linear in the input.
FilteredMarkup FilterMarkup(std::string_view html, int max_depth);

}  // namespace rayzan::internal
