#include "kb/skeleton_index.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>

#include "kb/name_skeleton.h"

namespace rayzan::internal {

size_t SkeletonIndex::Bucket(char first, char last, size_t length) {
  auto letter = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<size_t>(c - 'a') : 0; };
  return (letter(first) * 26 + letter(last)) * (kMaxLength + 1) + std::min(length, kMaxLength);
}

uint32_t SkeletonIndex::Letters(std::string_view skeleton) {
  uint32_t letters = 0;
  for (char c : skeleton) {
    if (c >= 'a' && c <= 'z') letters |= 1u << (c - 'a');
  }
  return letters;
}

void SkeletonIndex::Add(std::string_view skeleton, Posting posting) {
  if (skeleton.empty()) return;
  Item item;
  item.offset = static_cast<uint32_t>(arena_.size());
  item.length = static_cast<uint16_t>(std::min<size_t>(skeleton.size(), UINT16_MAX));
  item.posting = posting;
  item.letters = Letters(skeleton);
  arena_.append(skeleton.substr(0, item.length));
  items_.push_back(item);
}

void SkeletonIndex::Finish() {
  // A counting sort by bucket: linear, and stable, so results keep the
  // base's order among equals.
  auto bucket = [this](const Item& item) { return Bucket(std::string_view(arena_).substr(item.offset, item.length)); };
  bucket_begin_.assign(26 * 26 * (kMaxLength + 1) + 1, 0);
  for (const Item& item : items_) ++bucket_begin_[bucket(item) + 1];
  for (size_t b = 1; b < bucket_begin_.size(); ++b) bucket_begin_[b] += bucket_begin_[b - 1];
  std::vector<uint32_t> next(bucket_begin_.begin(), bucket_begin_.end() - 1);
  std::vector<Item> sorted(items_.size());
  for (const Item& item : items_) sorted[next[bucket(item)]++] = item;
  items_ = std::move(sorted);
  arena_.shrink_to_fit();
}

void SkeletonIndex::Search(std::string_view query,
                           const std::function<void(const Posting&, int distance)>& visit) const {
  if (query.empty() || bucket_begin_.empty()) return;
  const size_t length = query.size();
  const size_t low = length > 2 ? length - 2 : 1;
  const uint32_t query_letters = Letters(query);
  // The candidate's last consonant is the query's, or the one before it when
  // the candidate lacks the query's final consonant.
  std::string lasts(1, query.back());
  if (length >= 2 && query[length - 2] != query.back()) lasts.push_back(query[length - 2]);
  for (char last : lasts) {
    size_t last_bucket = SIZE_MAX;
    for (size_t other = low; other <= length + 2; ++other) {
      int limit = MaxDistance(std::min(length, other));
      if (static_cast<size_t>(std::abs(static_cast<long>(other) - static_cast<long>(length))) >
          static_cast<size_t>(limit)) {
        continue;
      }
      size_t bucket = Bucket(query.front(), last, other);
      // The last length bucket holds every longer skeleton; visit it once.
      if (bucket == last_bucket) continue;
      last_bucket = bucket;
      for (uint32_t k = bucket_begin_[bucket]; k < bucket_begin_[bucket + 1]; ++k) {
        const Item& item = items_[k];
        // An edit changes at most two of the classes present.
        if (std::popcount(item.letters ^ query_letters) > 2 * limit) continue;
        std::string_view candidate = std::string_view(arena_).substr(item.offset, item.length);
        int distance = BoundedEditDistance(query, candidate, limit);
        if (distance <= limit) visit(item.posting, distance);
      }
    }
  }
}

}  // namespace rayzan::internal
