// Language identification for news text: Persian, Arabic, English, other.
//
// Persian and Arabic share a script and, after normalization, most letters;
// they are told apart by letters only Persian uses (پ چ ژ گ) and by function
// words (را، است، این، که، می / في، من، على، التي، الذي), which survive even
// in Persian pages typed with Arabic ي and ك.
#pragma once

#include <string_view>

#include "rayzan/text.h"

namespace rayzan {

// Precondition: text is the output of Normalize(). Returns kUnknown for text
// with too few letters to tell (fewer than about 20).
Language DetectLanguage(std::string_view normalized_text);

}  // namespace rayzan
