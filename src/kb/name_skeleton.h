// Consonant skeletons of names, for matching spellings across scripts:
// "Blinken", "بلینکن", "بلينكين" and "Блинкен" all become "blnkn".
//
// A name is first transliterated to lower-case ASCII the way ICU's
// "Any-Latin; Latin-ASCII; Lower" transform does, one character at a time
// (the per-character results are cached, so a million aliases cost one ICU
// call per distinct character, not per alias), then reduced to consonant
// classes: vowels, h, y and vocalic w dropped; p->b, v->f, c/g/q/kh/gh->k,
// x->ks, ph->f; sh, ch and zh kept apart from s, k and z; runs of one class
// collapsed; word boundaries removed ("Di Maio" and "دی‌مایو" agree). Persian/Arabic و counts as the consonant v only where it
// is one in names (word-initial or next to alef: "ولادیمیر", "لاوروف").
#pragma once

#include <unicode/translit.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rayzan::internal {

class NameSkeletonizer {
 public:
  NameSkeletonizer();
  ~NameSkeletonizer();
  NameSkeletonizer(const NameSkeletonizer&) = delete;
  NameSkeletonizer& operator=(const NameSkeletonizer&) = delete;

  // The skeleton of a normalized name (see normalize.h); empty when the
  // name has no consonant we can read. Not thread-safe: one per thread.
  std::string Skeleton(std::string_view normalized_name);
  // The lower-case ASCII transliteration Skeleton() starts from.
  std::string ToAscii(std::string_view normalized_name);

 private:
  const std::string& Transliterate(char32_t cp);

  std::unique_ptr<icu::Transliterator> to_latin_;
  std::unique_ptr<icu::Transliterator> to_ascii_;
  std::unordered_map<char32_t, std::string> cache_;
};

// The skeleton of an ASCII transliteration (lower-case letters, other
// characters ignored).
std::string SkeletonOfAscii(std::string_view ascii);

// Levenshtein distance between a and b, or limit + 1 when it exceeds `limit`.
int BoundedEditDistance(std::string_view a, std::string_view b, int limit);

}  // namespace rayzan::internal
