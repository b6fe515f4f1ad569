#include "rayzan/lang.h"

#include <unicode/uchar.h>

#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include "rayzan/normalize.h"

namespace rayzan {
namespace {

// Which language a function word votes for.
enum class Vote : uint8_t { kPersian, kArabic, kEnglish };

// Function words as they are spelled; the table holds their matching form, so
// Arabic في, على, التي arrive as فی, علی, التی like the normalized text does.
// Left out on purpose: آن and أن/إن (both normalize to ان), او (Persian "he",
// Arabic "or"), ما, بین, بعد: common in both languages.
constexpr const char* kPersianWords[] = {
    "را", "است", "این", "که", "از", "با", "به", "می", "هم", "شد", "کرد", "برای",
    "های", "خود", "نیز", "وی", "شده", "کند", "بود", "یک", "اند", "گفت", "شود", "کرده", "در", "بر", "تا",
};
constexpr const char* kArabicWords[] = {
    "في", "من", "على", "إلى", "التي", "الذي", "عن", "هذا", "كان", "قال", "هذه",
    "ذلك", "مع", "وقد", "قد", "لم", "كما", "وفي", "حيث", "خلال", "منذ", "وقال", "تم", "لا",
};
constexpr const char* kEnglishWords[] = {
    "the", "of", "and", "to", "in", "a", "is", "was", "for", "on", "that", "with",
    "by", "as", "at", "from", "said", "has", "have", "it", "be", "are", "he", "his",
};

// The matching forms of the function words above and their votes.
class FunctionWords {
 public:
  FunctionWords() {
    forms_.reserve(std::size(kPersianWords) + std::size(kArabicWords) + std::size(kEnglishWords));
    for (const char* w : kPersianWords) Add(w, Vote::kPersian);
    for (const char* w : kArabicWords) Add(w, Vote::kArabic);
    for (const char* w : kEnglishWords) Add(w, Vote::kEnglish);
  }

  const Vote* Find(std::string_view word) const {
    auto it = votes_.find(word);
    return it == votes_.end() ? nullptr : &it->second;
  }

 private:
  // forms_ was reserved up front, so the views the index holds stay valid.
  void Add(const char* word, Vote vote) {
    forms_.push_back(NormalizeForMatching(word));
    votes_.emplace(forms_.back(), vote);
  }

  std::vector<std::string> forms_;
  std::unordered_map<std::string_view, Vote> votes_;
};

const FunctionWords& Words() {
  static const FunctionWords* words = new FunctionWords();
  return *words;
}

enum class Script : uint8_t { kNone, kArabic, kLatin, kOther };

// The script of a letter, or kNone for anything that is not a letter.
Script ScriptOf(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ? Script::kLatin : Script::kNone;
  if (cp >= 0x0620 && cp <= 0x06D3 && cp != 0x0640 && !(cp >= 0x064B && cp <= 0x066D)) {
    return Script::kArabic;
  }
  if ((cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08C9)) return Script::kArabic;
  if (!u_isalpha(static_cast<UChar32>(cp))) return Script::kNone;
  if (cp <= 0x024F || (cp >= 0x1E00 && cp <= 0x1EFF)) return Script::kLatin;
  return Script::kOther;
}

bool IsPersianOnlyLetter(char32_t cp) {
  return cp == 0x067E || cp == 0x0686 || cp == 0x0698 || cp == 0x06AF;  // پ چ ژ گ
}

// Enough words to decide; the rest of a long article only costs time.
constexpr int kMaxWords = 3000;

}  // namespace

Language DetectLanguage(std::string_view text) {
  const FunctionWords& words = Words();
  int letters[4] = {0, 0, 0, 0};
  int persian_votes = 0, arabic_votes = 0, english_votes = 0;
  int persian_letter_words = 0;  // words with پ چ ژ گ
  int arabic_script_words = 0, latin_words = 0;
  int article_words = 0;   // words opening with the Arabic article ال

  uint32_t i = 0;
  const uint32_t n = static_cast<uint32_t>(text.size());
  int word_count = 0;
  while (i < n && word_count < kMaxWords) {
    uint32_t begin = i;
    char32_t cp = DecodeUtf8(text, &i);
    Script script = ScriptOf(cp);
    if (script == Script::kNone) continue;
    // A word is a run of letters of one script.
    bool persian_letter = IsPersianOnlyLetter(cp);
    int length = 1;
    uint32_t end = i;
    while (i < n) {
      uint32_t next = i;
      char32_t c = DecodeUtf8(text, &next);
      if (ScriptOf(c) != script) break;
      persian_letter |= IsPersianOnlyLetter(c);
      ++length;
      i = end = next;
    }
    ++word_count;
    letters[static_cast<int>(script)] += length;
    if (script == Script::kArabic) {
      ++arabic_script_words;
      persian_letter_words += persian_letter;
      std::string_view word = text.substr(begin, end - begin);
      if (length >= 4 && word.starts_with("ال")) ++article_words;
    } else if (script == Script::kLatin) {
      ++latin_words;
    }
    if (length > 5) continue;  // every listed function word is short
    const Vote* vote = words.Find(text.substr(begin, end - begin));
    if (vote == nullptr) continue;
    switch (*vote) {
      case Vote::kPersian: ++persian_votes; break;
      case Vote::kArabic: ++arabic_votes; break;
      case Vote::kEnglish: ++english_votes; break;
    }
  }

  int arabic_letters = letters[static_cast<int>(Script::kArabic)];
  int latin_letters = letters[static_cast<int>(Script::kLatin)];
  int other_letters = letters[static_cast<int>(Script::kOther)];
  int all_letters = arabic_letters + latin_letters + other_letters;
  if (all_letters < 20) return Language::kUnknown;

  int arabic_script_votes = persian_votes + arabic_votes;
  // Scraped Arabic pages can carry more CSS and script than prose (seen in
  // SaudiNewsNet); a third of the letters plus function words is enough.
  if ((arabic_letters >= latin_letters && arabic_letters >= other_letters) ||
      (arabic_letters * 3 >= all_letters && arabic_script_votes > english_votes)) {
    // A word with پ چ ژ گ is nearly proof of Persian, but Arabic pages quote
    // Persian names (پزشکیان); weigh it like half a function word. The article
    // ال decides Arabic headlines that have no function word.
    double persian = persian_votes + 0.5 * persian_letter_words;
    double arabic = arabic_votes + 0.25 * article_words;
    if (persian == arabic) return Language::kUnknown;  // no evidence either way
    return persian > arabic ? Language::kPersian : Language::kArabic;
  }
  if (latin_letters >= other_letters) {
    // Running English text has a function word in every four or five words;
    // French, Spanish or a list of names have almost none of these.
    return english_votes * 10 >= latin_words ? Language::kEnglish : Language::kOther;
  }
  return Language::kOther;
}

}  // namespace rayzan
