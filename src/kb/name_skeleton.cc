#include "kb/name_skeleton.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

#include "rayzan/text.h"

namespace rayzan::internal {

namespace {

constexpr char32_t kWaw = 0x0648;    // و
constexpr char32_t kAlef = 0x0627;   // ا (normalization folds آ أ إ ٱ into it)

bool IsAsciiVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool IsLetter(char32_t cp) { return cp != 0 && (u_isalpha(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0); }

}  // namespace

NameSkeletonizer::NameSkeletonizer() {
  UErrorCode status = U_ZERO_ERROR;
  // ICU's "Any-Latin; Latin-ASCII; Lower", in two steps: Latin-ASCII alone
  // would turn š č ž (Cyrillic ш ч ж) into s c z, where Persian writes
  // ش چ ژ and English sh ch zh; keeping the caron as an h makes them agree.
  to_latin_.reset(icu::Transliterator::createInstance("Any-Latin; NFD; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) to_latin_.reset();
  status = U_ZERO_ERROR;
  to_ascii_.reset(icu::Transliterator::createInstance("Latin-ASCII; Lower", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) to_ascii_.reset();
  // Russian х is kh in every romanization of names (Хаменеи: Khamenei);
  // ICU writes h, which the skeleton drops.
  cache_[0x0425] = "kh";
  cache_[0x0445] = "kh";
  // й is a glide (Шойгу: Shoigu); ICU writes j, which the skeleton keeps.
  cache_[0x0419] = "y";
  cache_[0x0439] = "y";
}

NameSkeletonizer::~NameSkeletonizer() = default;

const std::string& NameSkeletonizer::Transliterate(char32_t cp) {
  auto it = cache_.find(cp);
  if (it != cache_.end()) return it->second;
  std::string ascii;
  auto run = [](icu::Transliterator* transliterator, icu::UnicodeString text) {
    if (transliterator != nullptr) transliterator->transliterate(text);
    return text;
  };
  icu::UnicodeString latin = run(to_latin_.get(), icu::UnicodeString(static_cast<UChar32>(cp)));
  for (int32_t i = 0; i < latin.length();) {
    UChar32 c = latin.char32At(i);
    i += U16_LENGTH(c);
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    if (c >= 'a' && c <= 'z') {
      ascii.push_back(static_cast<char>(c));
    } else if (c == 0x030C && !ascii.empty() && (ascii.back() == 's' || ascii.back() == 'c' || ascii.back() == 'z')) {
      ascii.push_back('h');  // caron: š č ž
    } else if ((U_GET_GC_MASK(c) & U_GC_M_MASK) == 0 && u_isalpha(c)) {
      std::string utf8;
      run(to_ascii_.get(), icu::UnicodeString(c)).toUTF8String(utf8);
      for (char a : utf8) {
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (a >= 'a' && a <= 'z') ascii.push_back(a);
      }
    }
  }
  return cache_.emplace(cp, std::move(ascii)).first->second;
}

std::string NameSkeletonizer::ToAscii(std::string_view name) {
  std::vector<char32_t> cps;
  cps.reserve(name.size());
  for (uint32_t i = 0; i < name.size();) cps.push_back(DecodeUtf8(name, &i));
  std::string out;
  out.reserve(name.size());
  for (size_t k = 0; k < cps.size(); ++k) {
    char32_t cp = cps[k];
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c >= 'a' && c <= 'z') {
        out.push_back(c);
      } else if (!out.empty() && out.back() != ' ') {
        out.push_back(' ');
      }
      continue;
    }
    if (cp == kWaw) {
      // ICU writes و as "w" always; in names it is mostly the vowel o/u, and
      // the consonant v at the start of a word ("ولادیمیر") or beside alef
      // ("لاوروف", "جواد").
      char32_t before = k > 0 ? cps[k - 1] : 0;
      char32_t after = k + 1 < cps.size() ? cps[k + 1] : 0;
      if (!IsLetter(before) || before == kAlef || after == kAlef) out.push_back('v');
      continue;
    }
    if (!IsLetter(cp)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.append(Transliterate(cp));
  }
  return out;
}

std::string NameSkeletonizer::Skeleton(std::string_view name) { return SkeletonOfAscii(ToAscii(name)); }

std::string SkeletonOfAscii(std::string_view ascii) {
  std::string out;
  char last = 0;
  // Runs of one class collapse even across a dropped vowel: Persian and
  // Arabic do not write short vowels, so "Mohammad" and "محمد" must agree.
  auto emit = [&](char c) {
    if (c != last) out.push_back(c);
    last = c;
  };
  for (size_t i = 0; i < ascii.size(); ++i) {
    char c = ascii[i];
    if (c < 'a' || c > 'z') continue;
    char next = i + 1 < ascii.size() ? ascii[i + 1] : 0;
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': case 'h':
        break;
      case 'w':
        // "Walid", "Edward": a consonant before a vowel; "Andrew": a vowel.
        if (IsAsciiVowel(next)) emit('f');
        break;
      case 'p':
        emit(next == 'h' ? 'f' : 'b');
        break;
      case 'b': emit('b'); break;
      case 'f': case 'v': emit('f'); break;
      // sh (ش ш), ch (چ ч) and zh (ژ ж) are classes of their own.
      case 's':
        if (next == 'h') {
          emit('x');
        } else if (next == 'c' && i + 2 < ascii.size() && ascii[i + 2] == 'h') {
          emit('x');  // German "sch"
          ++i;
        } else {
          emit('s');
        }
        break;
      case 'c': emit(next == 'h' ? 'c' : 'k'); break;
      case 'z': emit(next == 'h' ? 'j' : 'z'); break;
      case 'g': case 'k': case 'q': emit('k'); break;
      case 'x': emit('k'); emit('s'); break;
      default: emit(c); break;
    }
  }
  return out;
}

int BoundedEditDistance(std::string_view a, std::string_view b, int limit) {
  int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  // Two rows of the classic table; a row whose minimum exceeds the limit ends it.
  int row_storage[2][64];
  std::vector<int> heap;
  int* prev = row_storage[0];
  int* cur = row_storage[1];
  if (lb + 1 > 64) {
    heap.resize(2 * (lb + 1));
    prev = heap.data();
    cur = heap.data() + lb + 1;
  }
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int best = cur[0];
    for (int j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      best = std::min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[lb], limit + 1);
}

}  // namespace rayzan::internal
