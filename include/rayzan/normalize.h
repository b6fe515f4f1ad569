// Normalization of Persian, Arabic and Latin text into one matching form.
//
// Every later stage (clean-up, dates, actors, triggers) matches against the
// normalized text, so the same word written with Arabic ي/ك or Persian ی/ک,
// with or without diacritics, tatweel, ZWNJ or Persian digits, looks the same.
// The normalized text keeps line breaks where the source had them, and every
// normalized byte remembers the source byte it came from, so evidence found in
// the normalized text can be shown in the original.
//
// The folding rules (one matching form for both languages):
//   ي ى ی ئ  -> ی (U+06CC)        ك ک -> ک (U+06A9)
//   أ إ آ ٱ  -> ا                 ؤ -> و        ة ۀ ە -> ه    ء alone -> dropped
//   Arabic diacritics (U+064B-065F, U+0670), tatweel (U+0640) -> dropped
//   ZWNJ, ZWJ, LRM, RLM and other format characters -> dropped (joins the word:
//     روسیه‌ای and روسیهای normalize the same; many scraped pages lost their ZWNJ)
//   Persian and Arabic-Indic digits -> ASCII digits; ٫ -> .  ٬ -> ,
//   NBSP, thin and other odd spaces, tabs -> one ASCII space; runs of spaces collapse
//   Compatibility forms (Arabic presentation forms, full-width Latin) -> NFKC (ICU)
//   Latin letters -> case folded (ICU)
// Punctuation (« » ، ؛ ؟) and newlines are kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rayzan/text.h"

namespace rayzan {

struct NormalizedText {
  std::string text;
  // source_offset[i] is the byte offset in the source of the character that
  // produced text[i]; source_offset[text.size()] is the source's length.
  std::vector<uint32_t> source_offset;

  // The source span covering the normalized span (a character dropped inside
  // or right after the span, such as a diacritic, stays inside).
  Span ToSource(Span normalized) const {
    return {source_offset[normalized.begin], source_offset[normalized.end]};
  }
};

// Normalizes UTF-8 text. Precondition: source is valid UTF-8.
NormalizedText Normalize(std::string_view source);

// The matching form of a short string (an alias, a trigger word, a phrase from
// a data file): the same rules, without the offset map.
std::string NormalizeForMatching(std::string_view text);

}  // namespace rayzan
