// Main-text selection over a Gumbo tree (internal to the html stage).
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

namespace rayzan::internal {

struct MainText {
  std::string text;  // one block per line
  // Short lines just before and at the start of the article body, where
  // news templates print the dateline ("۲ تیر ۱۳۹۹ - ۱۲:۰۹").
  std::vector<std::string> dateline_candidates;
};

// Selects the article body of the document rooted at root. Linear in the
// number of nodes. Appends one-line warnings (e.g. nesting cut) to warnings.
MainText ExtractMainText(const GumboNode* root, std::vector<std::string>* warnings);

}  // namespace rayzan::internal
