// The words come from data/html/class_words.tsv (html_lexicon.h), read once.
// Every element with a class is judged, tens of thousands per page, so the
// words are matched in one pass over the string: at each position only the
// words starting with those two bytes are compared, instead of a substring
// search per word.
#include "html/class_words.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "html/html_lexicon.h"

namespace rayzan::internal {
namespace {

enum class Kind : uint8_t { kPositive, kNegative, kNegativeToken, kTimePublished, kTimeUpdated, kLead, kLeadToken };

struct Word {
  std::string_view text;
  Kind kind;
};

// Words are indexed by their first two bytes: at most positions of a class
// name no word starts, and one table lookup says so.
class Matcher {
 public:
  // The words of data/html/class_words.tsv; lexicon outlives the matcher.
  explicit Matcher(const HtmlLexicon& lexicon) {
    for (std::string_view w : lexicon.positive_class_words) Add(w, Kind::kPositive);
    for (std::string_view w : lexicon.negative_class_words) Add(w, Kind::kNegative);
    for (std::string_view w : lexicon.negative_class_tokens) Add(w, Kind::kNegativeToken);
    for (std::string_view w : lexicon.published_time_class_words) Add(w, Kind::kTimePublished);
    for (std::string_view w : lexicon.updated_time_class_words) Add(w, Kind::kTimeUpdated);
    for (std::string_view w : lexicon.lead_class_words) Add(w, Kind::kLead);
    for (std::string_view w : lexicon.lead_class_tokens) Add(w, Kind::kLeadToken);
    // Words sorted by prefix; start_[key] .. start_[key + 1] are key's words.
    std::stable_sort(words_.begin(), words_.end(), [](const Word& a, const Word& b) {
      return PrefixKey(a.text[0], a.text[1]) < PrefixKey(b.text[0], b.text[1]);
    });
    start_.assign(256 * 256 + 1, 0);
    for (const Word& w : words_) ++start_[PrefixKey(w.text[0], w.text[1]) + 1];
    for (size_t key = 1; key < start_.size(); ++key) start_[key] += start_[key - 1];
  }

  // Calls on_match(word, position) for every word occurring in s, by
  // position; stops when on_match returns false.
  template <typename F>
  void Scan(std::string_view s, F&& on_match) const {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      size_t key = PrefixKey(s[i], s[i + 1]);
      for (uint16_t k = start_[key]; k < start_[key + 1]; ++k) {
        const Word& w = words_[k];
        if (w.text.size() <= s.size() - i && memcmp(s.data() + i, w.text.data(), w.text.size()) == 0) {
          if (!on_match(w, i)) return;
        }
      }
    }
  }

 private:
  static size_t PrefixKey(char a, char b) {
    return static_cast<unsigned char>(a) * 256u + static_cast<unsigned char>(b);
  }

  // The loader guarantees >= 2 bytes a word and at most 65535 words.
  void Add(std::string_view text, Kind kind) { words_.push_back({text, kind}); }

  std::vector<Word> words_;
  std::vector<uint16_t> start_;
};

const Matcher& TheMatcher() {
  static const Matcher matcher(HtmlWords());
  return matcher;
}

bool IsTokenBoundary(char c) { return c == ' ' || c == '-' || c == '_'; }

bool IsWholeToken(std::string_view s, size_t at, size_t size) {
  size_t end = at + size;
  return (at == 0 || IsTokenBoundary(s[at - 1])) && (end == s.size() || IsTokenBoundary(s[end]));
}

constexpr unsigned kAllWords =
    kPositiveClassWord | kNegativeClassWord | kPublishedTimeClassWord | kUpdatedTimeClassWord | kLeadClassWord;

// The ClassWordBits of the words in a lower-case string; short words count
// only as whole tokens. Stops once every bit of `wanted` is found.
unsigned WordsIn(std::string_view lower, unsigned wanted = kAllWords) {
  unsigned words = 0;
  TheMatcher().Scan(lower, [&](const Word& w, size_t at) {
    switch (w.kind) {
      case Kind::kPositive: words |= kPositiveClassWord; break;
      case Kind::kNegative: words |= kNegativeClassWord; break;
      case Kind::kNegativeToken:
        if (IsWholeToken(lower, at, w.text.size())) words |= kNegativeClassWord;
        break;
      case Kind::kTimePublished: words |= kPublishedTimeClassWord; break;
      case Kind::kTimeUpdated: words |= kUpdatedTimeClassWord; break;
      case Kind::kLead: words |= kLeadClassWord; break;
      case Kind::kLeadToken:
        if (IsWholeToken(lower, at, w.text.size())) words |= kLeadClassWord;
        break;
    }
    return (words & wanted) != wanted;
  });
  return words;
}

// Lower-cases s into buffer; false when it does not fit.
bool LowerInto(std::string_view s, char (&buffer)[128], std::string_view* lower) {
  if (s.size() > sizeof buffer) return false;
  for (size_t k = 0; k < s.size(); ++k) buffer[k] = (s[k] >= 'A' && s[k] <= 'Z') ? static_cast<char>(s[k] + 32) : s[k];
  *lower = std::string_view(buffer, s.size());
  return true;
}

}  // namespace

ClassVerdict JudgeClass(std::string_view s) {
  unsigned words = WordsIn(s, kPositiveClassWord | kNegativeClassWord | kLeadClassWord);
  return {.negative = (words & kNegativeClassWord) != 0,
          .positive = (words & kPositiveClassWord) != 0,
          .lead = (words & kLeadClassWord) != 0};
}

TimeClass JudgeTimeClass(std::string_view time_class) {
  char buffer[128];
  std::string_view lower;
  if (!LowerInto(time_class.substr(0, sizeof buffer), buffer, &lower)) return TimeClass::kNone;
  unsigned words = WordsIn(lower, kPublishedTimeClassWord);
  if (words & kPublishedTimeClassWord) return TimeClass::kPublished;
  return (words & kUpdatedTimeClassWord) ? TimeClass::kUpdated : TimeClass::kNone;
}

unsigned ClassTokenWords(std::string_view token) {
  char buffer[128];
  std::string_view lower;
  if (!LowerInto(token, buffer, &lower)) return kAllWords;  // rare; let the readers decide
  return WordsIn(lower);
}

}  // namespace rayzan::internal
