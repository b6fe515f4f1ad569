// Duplicate detection: a content hash for exact copies and a MinHash
// signature of word 5-shingles, banded for locality-sensitive lookup, for
// near-duplicates (syndicated wire stories, reposts with another headline or
// a trimmed last paragraph).
//
// Both work on the pipeline's normalized text split into words (letters and
// digits), so spelling variants that normalization folds, punctuation and
// spacing do not matter.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace rayzan::store_internal {

// FNV-1a of the words of `normalized_text` joined by one space.
uint64_t ContentHash(std::string_view normalized_text);

class ShingleSignature {
 public:
  static constexpr int kHashes = 64;
  // 20 bands of 3 rows (60 of the 64 minima): a pair with Jaccard J shares a
  // band with probability 1-(1-J^3)^20: 0.93 at 0.5, 0.76 at 0.4, 0.02 at 0.1.
  static constexpr int kBands = 20;
  static constexpr int kRows = 3;
  static constexpr int kShingleWords = 5;

  // Signature of the 5-word shingles of `normalized_text`.
  static ShingleSignature Of(std::string_view normalized_text);
  // Parses Serialize() output; false when `bytes` is not a signature.
  static bool Parse(std::string_view bytes, ShingleSignature* signature);

  // Number of distinct-position shingles seen; too few (a headline, a
  // one-line item) and the signature says little.
  int shingles() const { return shingles_; }
  // One key per band.
  std::array<int64_t, kBands> BandKeys() const;
  // Estimated Jaccard similarity of the two shingle sets.
  double Similarity(const ShingleSignature& other) const;
  std::string Serialize() const;

 private:
  std::array<uint32_t, kHashes> minima_{};
  int shingles_ = 0;
};

}  // namespace rayzan::store_internal
