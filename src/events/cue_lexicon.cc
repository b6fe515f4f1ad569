#include "events/cue_lexicon.h"

#include <algorithm>

#include "base/tsv.h"
#include "rayzan/normalize.h"

namespace rayzan::internal {

namespace {

std::optional<CueKind> ParseCueKind(std::string_view name) {
  static const std::pair<std::string_view, CueKind> kNames[] = {
      {"trigger", CueKind::kTrigger},       {"summit", CueKind::kSummit},
      {"attend", CueKind::kAttend},         {"travel", CueKind::kTravel},
      {"arrive", CueKind::kArrive},         {"with", CueKind::kWith},
      {"reciprocal", CueKind::kReciprocal}, {"phone", CueKind::kPhone},
      {"future", CueKind::kFuture},         {"negation", CueKind::kNegation},
      {"not_negation", CueKind::kNotNegation}, {"hedge", CueKind::kHedge},
      {"speech", CueKind::kSpeech},         {"pronoun", CueKind::kPronoun},
      {"topic", CueKind::kTopic},           {"sidelines", CueKind::kSidelines},
      {"clause", CueKind::kClause},         {"locative", CueKind::kLocative},
      {"first_person", CueKind::kFirstPerson}, {"none", CueKind::kNone},
  };
  for (const auto& [text, kind] : kNames) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

std::optional<EventMode> ParseMode(std::string_view name) {
  if (name.empty() || name == "meet") return EventMode::kMeet;
  if (name == "phone") return EventMode::kPhone;
  if (name == "contact") return EventMode::kContact;
  if (name == "visit") return EventMode::kVisit;
  if (name == "multilateral") return EventMode::kMultilateral;
  return std::nullopt;
}

std::string JoinWords(std::string_view text) {
  std::vector<Span> words = SplitWords(text, {0, static_cast<uint32_t>(text.size())});
  std::string key;
  for (const Span& word : words) {
    if (!key.empty()) key.push_back(' ');
    key.append(Slice(text, word));
  }
  return key;
}

}  // namespace

Result<CueLexicon> CueLexicon::Load(const std::string& path) {
  CueLexicon lexicon;
  Status status = ReadTsv(path, {"lang", "cue", "phrase"}, [&](const TsvRow& row) -> Status {
    auto kind = ParseCueKind(row.Get("cue"));
    if (!kind) return Status::Error("unknown cue '" + std::string(row.Get("cue")) + "'");
    auto mode = ParseMode(row.Get("mode"));
    if (!mode) return Status::Error("unknown mode '" + std::string(row.Get("mode")) + "'");
    std::string key = JoinWords(NormalizeForMatching(row.Get("phrase")));
    if (key.empty()) return Status::Error("empty phrase");
    std::string_view lang = row.Get("lang");
    std::vector<PerLanguage*> targets;
    if (lang == "fa" || lang == "*") targets.push_back(&lexicon.persian_);
    if (lang == "ar" || lang == "*") targets.push_back(&lexicon.arabic_);
    if (lang == "en" || lang == "*") targets.push_back(&lexicon.english_);
    if (targets.empty()) return Status::Error("unknown language '" + std::string(lang) + "'");
    bool prefix = row.Get("match") == "prefix";
    size_t words = static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
    for (PerLanguage* target : targets) {
      Entry entry{*kind, *mode, Language::kUnknown};
      // A multi-word phrase is matched exactly; only a single stem takes suffixes.
      if (prefix && words == 1) {
        target->stems[key].push_back(entry);
        if (std::find(target->stem_lengths.begin(), target->stem_lengths.end(), key.size()) ==
            target->stem_lengths.end()) {
          target->stem_lengths.push_back(key.size());
        }
      }
      target->phrases[key].push_back(entry);
      target->max_words = std::max(target->max_words, words);
    }
    return Status();
  });
  if (!status.ok()) return status;
  for (PerLanguage* target : {&lexicon.persian_, &lexicon.arabic_, &lexicon.english_}) {
    std::sort(target->stem_lengths.rbegin(), target->stem_lengths.rend());
  }
  return lexicon;
}

const CueLexicon::PerLanguage* CueLexicon::For(Language language) const {
  switch (language) {
    case Language::kPersian: return &persian_;
    case Language::kArabic: return &arabic_;
    case Language::kEnglish: return &english_;
    default: return nullptr;
  }
}

std::vector<CueMatch> CueLexicon::Find(std::string_view text, Span region, Language language) const {
  std::vector<CueMatch> matches;
  const PerLanguage* lexicon = For(language);
  if (lexicon == nullptr) return matches;
  std::vector<Span> words = SplitWords(text, region);
  std::string key;
  auto emit = [&](Span span, const std::vector<Entry>& entries) {
    for (const Entry& entry : entries) matches.push_back({span, entry.kind, entry.mode});
  };
  for (size_t i = 0; i < words.size();) {
    size_t matched = 0;
    size_t limit = std::min(lexicon->max_words, words.size() - i);
    for (size_t count = limit; count >= 1 && matched == 0; --count) {
      key.assign(Slice(text, words[i]));
      bool contiguous = true;
      for (size_t k = 1; k < count; ++k) {
        std::string_view gap = Slice(text, {words[i + k - 1].end, words[i + k].begin});
        if (gap != " ") {
          contiguous = false;
          break;
        }
        key.push_back(' ');
        key.append(Slice(text, words[i + k]));
      }
      if (!contiguous) continue;
      auto it = lexicon->phrases.find(std::string_view(key));
      if (it != lexicon->phrases.end()) {
        emit({words[i].begin, words[i + count - 1].end}, it->second);
        matched = count;
      }
    }
    if (matched == 0) {
      // Stems take suffixes (محادثاته) and, in Arabic, the article and a
      // conjunction in front (والمحادثات).
      std::string_view word = Slice(text, words[i]);
      for (std::string_view front : {std::string_view(), std::string_view("و"), std::string_view("ف"),
                                     std::string_view("ال"), std::string_view("وال"), std::string_view("بال"),
                                     std::string_view("ب"), std::string_view("ل")}) {
        if (!word.starts_with(front)) continue;
        std::string_view rest = word.substr(front.size());
        // The conjunction alone may also precede a whole exact word.
        if (!front.empty()) {
          auto exact = lexicon->phrases.find(rest);
          if (exact != lexicon->phrases.end()) {
            emit(words[i], exact->second);
            matched = 1;
            break;
          }
        }
        for (size_t length : lexicon->stem_lengths) {
          if (length > rest.size()) continue;
          auto it = lexicon->stems.find(rest.substr(0, length));
          if (it != lexicon->stems.end()) {
            emit(words[i], it->second);
            matched = 1;
            break;
          }
        }
        if (matched) break;
      }
    }
    i += matched == 0 ? 1 : matched;
  }
  return matches;
}

}  // namespace rayzan::internal
