#include "store/shingle_signature.h"

#include <unicode/uchar.h>

#include <cstring>
#include <vector>

#include "rayzan/text.h"

namespace rayzan::store_internal {

namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t Mix(uint64_t x) {  // splitmix64 finalizer
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Calls on_word(hash) for every maximal run of letters and digits.
template <typename OnWord>
void ForEachWord(std::string_view text, OnWord on_word) {
  uint32_t offset = 0;
  uint64_t hash = kFnvOffset;
  bool in_word = false;
  while (offset < text.size()) {
    uint32_t start = offset;
    char32_t c = static_cast<unsigned char>(text[offset]) < 0x80 ? static_cast<unsigned char>(text[offset++])
                                                                  : DecodeUtf8(text, &offset);
    bool letter = c < 0x80 ? ((c | 0x20) - 'a' < 26u || c - '0' < 10u) : u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
    if (letter) {
      for (uint32_t i = start; i < offset; ++i) hash = (hash ^ static_cast<unsigned char>(text[i])) * kFnvPrime;
      in_word = true;
    } else if (in_word) {
      on_word(hash);
      hash = kFnvOffset;
      in_word = false;
    }
  }
  if (in_word) on_word(hash);
}

}  // namespace

uint64_t ContentHash(std::string_view normalized_text) {
  uint64_t hash = kFnvOffset;
  ForEachWord(normalized_text, [&](uint64_t word) {
    for (int i = 0; i < 8; ++i) hash = (hash ^ ((word >> (8 * i)) & 0xff)) * kFnvPrime;
  });
  return hash;
}

ShingleSignature ShingleSignature::Of(std::string_view normalized_text) {
  ShingleSignature signature;
  signature.minima_.fill(UINT32_MAX);
  std::vector<uint64_t> words;
  words.reserve(normalized_text.size() / 6);
  ForEachWord(normalized_text, [&](uint64_t word) { words.push_back(word); });
  static const auto kSeeds = [] {
    std::array<uint64_t, kHashes> seeds{};
    for (int i = 0; i < kHashes; ++i) seeds[i] = Mix(0x5eed0000ull + i);
    return seeds;
  }();
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    uint64_t shingle = 0;
    for (int k = 0; k < kShingleWords; ++k) shingle = Mix(shingle ^ words[i + k]);
    for (int h = 0; h < kHashes; ++h) {
      uint32_t value = static_cast<uint32_t>(Mix(shingle ^ kSeeds[h]) >> 32);
      if (value < signature.minima_[h]) signature.minima_[h] = value;
    }
    ++signature.shingles_;
  }
  return signature;
}

std::array<int64_t, ShingleSignature::kBands> ShingleSignature::BandKeys() const {
  std::array<int64_t, kBands> keys{};
  for (int band = 0; band < kBands; ++band) {
    uint64_t key = Mix(band);
    for (int row = 0; row < kRows; ++row) key = Mix(key ^ minima_[band * kRows + row]);
    keys[band] = static_cast<int64_t>(key);
  }
  return keys;
}

double ShingleSignature::Similarity(const ShingleSignature& other) const {
  if (shingles_ == 0 || other.shingles_ == 0) return 0.0;
  int equal = 0;
  for (int h = 0; h < kHashes; ++h) equal += minima_[h] == other.minima_[h];
  return static_cast<double>(equal) / kHashes;
}

std::string ShingleSignature::Serialize() const {
  std::string bytes(sizeof(int32_t) + sizeof minima_, '\0');
  int32_t count = shingles_;
  std::memcpy(bytes.data(), &count, sizeof count);
  std::memcpy(bytes.data() + sizeof count, minima_.data(), sizeof minima_);
  return bytes;
}

bool ShingleSignature::Parse(std::string_view bytes, ShingleSignature* signature) {
  if (bytes.size() != sizeof(int32_t) + sizeof signature->minima_) return false;
  int32_t count;
  std::memcpy(&count, bytes.data(), sizeof count);
  signature->shingles_ = count;
  std::memcpy(signature->minima_.data(), bytes.data() + sizeof count, sizeof signature->minima_);
  return true;
}

}  // namespace rayzan::store_internal
