// Page metadata over a Gumbo tree (internal to the html stage).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "rayzan/html.h"

namespace rayzan::internal {

// Fills every metadata field of *page (not text) from the tree rooted at
// root, the page url, the already extracted main text (for language
// detection) and dateline candidates (for dates printed in the page).
void ExtractMetadata(const GumboNode* root, std::string_view url, std::string_view main_text,
                     const std::vector<std::string>& dateline_candidates, ExtractedPage* page);

// True when ExtractMetadata reads <meta> elements named lower_key (in their
// name, property, itemprop or http-equiv attribute); the markup filter drops
// the others (viewport, twitter:image, fb:app_id ...) before parsing.
bool IsMetaKeyRead(std::string_view lower_key);

// "fa", "ar" or "en" from the letters of text, or "" when unsure.
std::string DetectLanguage(std::string_view text);

}  // namespace rayzan::internal
