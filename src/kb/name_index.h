// The name index behind KnowledgeBase::FindNames: normalized aliases of any
// number of words, looked up longest first at each word of the text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rayzan/kb.h"

namespace rayzan::internal {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

// Words of normalized text: runs of letters, digits and marks. Everything
// else (spaces, punctuation, hyphens) separates words.
std::vector<Span> SplitWords(std::string_view text, Span region);

class NameIndex {
 public:
  struct Entry {
    EntityRef ref;
    bool surname_only = false;
    bool adjective = false;
  };

  // `alias` must already be normalized; empty and blocked aliases are ignored.
  void Add(std::string_view alias, Entry entry);
  // Normalized phrases that are never names, whatever file lists them.
  void SetBlocked(std::unordered_set<std::string> blocked) { blocked_ = std::move(blocked); }
  // Builds the filter that keeps lookups of absent names off the big table;
  // call once after the last Add (Find works without it, only slower).
  void Finish();
  // Room for about `aliases` more aliases (a large base loads faster).
  void Reserve(size_t aliases);
  std::vector<NameMatch> Find(std::string_view text, Span region) const;
  // The entries of a normalized name of one or more words, or nullptr.
  const std::vector<Entry>* Lookup(std::string_view name) const;
  size_t size() const { return entries_.size(); }

 private:
  // Longest alias starting at words[first], whose first word is taken from
  // `first_word_begin` (past a proclitic). Returns the number of words, or 0.
  size_t LongestAt(std::string_view text, const std::vector<Span>& words, size_t first,
                   uint32_t first_word_begin, const std::vector<Entry>** entries, std::string* key) const;

  // A blocked Bloom filter over every key of entries_: each key sets three
  // bits of one 512-bit block, so ruling a candidate out costs one cache
  // line, not a probe of a hash table of a million nodes. Most words of a
  // text that start some alias ("محمد", "علی") start none of length 2 or 3
  // that follows them.
  bool MayContain(std::string_view key) const;
  std::vector<uint64_t> filter_;  // empty until Finish(): everything may be there

  std::unordered_map<std::string, std::vector<Entry>, StringHash, std::equal_to<>> entries_;
  // First word of every alias -> the most words an alias starting with it has.
  std::unordered_map<std::string, uint8_t, StringHash, std::equal_to<>> first_words_;
  size_t max_words_ = 1;
  std::unordered_set<std::string> blocked_;
};

}  // namespace rayzan::internal
