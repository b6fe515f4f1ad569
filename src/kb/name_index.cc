#include "kb/name_index.h"

#include <unicode/uchar.h>

namespace rayzan::internal {

namespace {

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return u_isalnum(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}

// Arabic proclitics that attach to a name: "وبوتين", "لبوتين", "فلافروف".
// In normalized text ک stands for Arabic ك.
constexpr std::string_view kProclitics[] = {"و", "ف", "ب", "ل", "ک"};

uint32_t CountLetters(std::string_view text, Span span) {
  uint32_t count = 0;
  for (uint32_t i = span.begin; i < span.end; ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return count;
}

}  // namespace

std::vector<Span> SplitWords(std::string_view text, Span region) {
  std::vector<Span> words;
  uint32_t i = region.begin;
  uint32_t start = 0;
  bool in_word = false;
  while (i < region.end) {
    uint32_t at = i;
    char32_t cp = DecodeUtf8(text, &i);
    bool word_char = IsWordChar(cp);
    if (word_char && !in_word) {
      start = at;
      in_word = true;
    } else if (!word_char && in_word) {
      words.push_back({start, at});
      in_word = false;
    }
  }
  if (in_word) words.push_back({start, region.end});
  return words;
}

void NameIndex::Add(std::string_view alias, Entry entry) {
  std::vector<Span> words = SplitWords(alias, {0, static_cast<uint32_t>(alias.size())});
  if (words.empty()) return;
  std::string key;
  for (const Span& word : words) {
    if (!key.empty()) key.push_back(' ');
    key.append(Slice(alias, word));
  }
  if (!blocked_.empty() && blocked_.contains(key)) return;
  filter_.clear();  // stale now; Finish() rebuilds it
  std::string_view first_word = Slice(alias, words.front());
  auto first = first_words_.find(first_word);
  if (first == first_words_.end()) first = first_words_.emplace(std::string(first_word), 0).first;
  first->second = static_cast<uint8_t>(std::max<size_t>(first->second, std::min<size_t>(words.size(), 255)));
  max_words_ = std::max(max_words_, words.size());
  auto slot = entries_.find(std::string_view(key));
  if (slot == entries_.end()) {
    entries_.emplace(std::move(key), std::vector<Entry>{entry});
    return;
  }
  std::vector<Entry>& list = slot->second;
  for (Entry& existing : list) {
    if (existing.ref == entry.ref) {
      // The full-name reading of a word wins over the surname reading.
      existing.surname_only = existing.surname_only && entry.surname_only;
      existing.adjective = existing.adjective && entry.adjective;
      return;
    }
  }
  list.push_back(entry);
}

namespace {

// Block and three bit positions of a key in the filter.
struct FilterProbe {
  size_t block;
  unsigned bits[3];
};

FilterProbe Probe(std::string_view key, size_t blocks) {
  uint64_t hash = std::hash<std::string_view>()(key);
  uint64_t mixed = (hash ^ (hash >> 29)) * 0xbf58476d1ce4e5b9ULL;
  return {static_cast<size_t>(hash & (blocks - 1)),
          {static_cast<unsigned>(mixed >> 55), static_cast<unsigned>((mixed >> 46) & 511),
           static_cast<unsigned>((mixed >> 37) & 511)}};
}

}  // namespace

void NameIndex::Finish() {
  // About 16 bits a key, in a power-of-two number of 512-bit blocks.
  size_t blocks = 1;
  while (blocks * 512 < entries_.size() * 16) blocks *= 2;
  filter_.assign(blocks * 8, 0);
  for (const auto& [key, list] : entries_) {
    FilterProbe probe = Probe(key, blocks);
    for (unsigned bit : probe.bits) filter_[probe.block * 8 + bit / 64] |= uint64_t{1} << (bit % 64);
  }
}

bool NameIndex::MayContain(std::string_view key) const {
  if (filter_.empty()) return true;
  FilterProbe probe = Probe(key, filter_.size() / 8);
  for (unsigned bit : probe.bits) {
    if ((filter_[probe.block * 8 + bit / 64] & (uint64_t{1} << (bit % 64))) == 0) return false;
  }
  return true;
}

void NameIndex::Reserve(size_t aliases) {
  entries_.reserve(entries_.size() + aliases);
  first_words_.reserve(first_words_.size() + aliases / 2);
}

const std::vector<NameIndex::Entry>* NameIndex::Lookup(std::string_view name) const {
  std::string key;
  for (const Span& word : SplitWords(name, {0, static_cast<uint32_t>(name.size())})) {
    if (!key.empty()) key.push_back(' ');
    key.append(Slice(name, word));
  }
  auto it = entries_.find(std::string_view(key));
  return it == entries_.end() ? nullptr : &it->second;
}

size_t NameIndex::LongestAt(std::string_view text, const std::vector<Span>& words, size_t first,
                            uint32_t first_word_begin, const std::vector<Entry>** entries,
                            std::string* key) const {
  std::string_view first_word = text.substr(first_word_begin, words[first].end - first_word_begin);
  auto first_entry = first_words_.find(first_word);
  if (first_entry == first_words_.end()) return 0;
  size_t limit = std::min<size_t>(first_entry->second, words.size() - first);
  for (size_t count = limit; count >= 1; --count) {
    key->assign(first_word);
    for (size_t k = 1; k < count; ++k) {
      // Names do not run across a line break or punctuation other than a hyphen.
      std::string_view gap = Slice(text, {words[first + k - 1].end, words[first + k].begin});
      // "u.s.", "u.k.": initials joined by dots.
      bool initials = gap == "." && words[first + k - 1].size() == 1;
      if (gap != " " && gap != "-" && !initials) {
        key->clear();
        break;
      }
      key->push_back(' ');
      key->append(Slice(text, words[first + k]));
    }
    if (key->empty() || !MayContain(*key)) continue;
    auto it = entries_.find(std::string_view(*key));
    if (it != entries_.end()) {
      *entries = &it->second;
      return count;
    }
  }
  return 0;
}

std::vector<NameMatch> NameIndex::Find(std::string_view text, Span region) const {
  std::vector<NameMatch> matches;
  std::vector<Span> words = SplitWords(text, region);
  std::string key;
  for (size_t i = 0; i < words.size();) {
    const std::vector<Entry>* entries = nullptr;
    uint32_t begin = words[i].begin;
    size_t count = LongestAt(text, words, i, begin, &entries, &key);
    // "وجو بايدن": a clitic on a short first name too, as long as a name
    // of the base starts with what remains.
    if (count == 0 && CountLetters(text, words[i]) >= 3) {
      std::string_view word = Slice(text, words[i]);
      for (std::string_view clitic : kProclitics) {
        if (!word.starts_with(clitic)) continue;
        count = LongestAt(text, words, i, begin + static_cast<uint32_t>(clitic.size()), &entries, &key);
        if (count > 0) {
          begin += static_cast<uint32_t>(clitic.size());
          break;
        }
      }
    }
    if (count == 0) {
      ++i;
      continue;
    }
    NameMatch match;
    match.span = {begin, words[i + count - 1].end};
    match.surname_only = true;
    match.adjective = true;
    for (const Entry& entry : *entries) {
      match.entities.push_back(entry.ref);
      match.surname_only = match.surname_only && (entry.ref.kind != EntityKind::kPerson || entry.surname_only);
      match.adjective = match.adjective && entry.adjective;
    }
    bool any_person = false;
    for (const Entry& entry : *entries) any_person = any_person || entry.ref.kind == EntityKind::kPerson;
    if (!any_person) match.surname_only = false;
    matches.push_back(std::move(match));
    i += count;
  }
  return matches;
}

}  // namespace rayzan::internal
