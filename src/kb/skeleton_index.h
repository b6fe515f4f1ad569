// The index behind KnowledgeBase::FindSimilarPeople: consonant skeletons of
// person aliases (see name_skeleton.h), bucketed by first consonant, last
// consonant and length, so a query compares against a few thousand
// skeletons at most, even in a base of a million aliases. The price: a
// spelling whose first or last consonant class differs from every known one
// (or that adds a final consonant) is not found; transliterations rarely
// change a name's ends.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace rayzan::internal {

class SkeletonIndex {
 public:
  struct Posting {
    uint32_t person = 0;
    uint32_t alias = 0;     // index into Person::aliases
    bool partial = false;   // the skeleton of the last word of a longer alias only
  };

  // The largest edit distance allowed between skeletons, the shorter of
  // which has `length` consonants: 0 up to 2, 1 up to 5, else 2.
  static int MaxDistance(size_t length) { return length <= 2 ? 0 : length <= 5 ? 1 : 2; }

  // Empty skeletons are ignored. Add all, then Finish() once.
  void Add(std::string_view skeleton, Posting posting);
  void Finish();

  // Calls `visit` for every posting whose skeleton lies within MaxDistance
  // of `query`, starts with the query's first consonant and ends with its
  // last or next-to-last one.
  void Search(std::string_view query, const std::function<void(const Posting&, int distance)>& visit) const;
  size_t size() const { return items_.size(); }

 private:
  static constexpr size_t kMaxLength = 48;  // longer skeletons share the last bucket
  static size_t Bucket(char first, char last, size_t length);
  static size_t Bucket(std::string_view skeleton) { return Bucket(skeleton.front(), skeleton.back(), skeleton.size()); }

  struct Item {
    uint32_t offset = 0;  // into arena_
    uint16_t length = 0;
    uint32_t letters = 0;  // bit c-'a' set when class c occurs: a cheap filter
    Posting posting;
  };
  static uint32_t Letters(std::string_view skeleton);

  std::string arena_;
  std::vector<Item> items_;            // grouped by bucket, in the order added
  std::vector<uint32_t> bucket_begin_;  // 26 * 26 * (kMaxLength + 1) + 1 offsets into items_
};

}  // namespace rayzan::internal
