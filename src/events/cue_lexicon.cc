#include "events/cue_lexicon.h"

#include <algorithm>

#include "base/tsv.h"
#include "rayzan/normalize.h"

namespace rayzan::internal {

namespace {

// The one table of cue names, read by the loader and by the trace.
constexpr std::pair<std::string_view, CueKind> kCueKindNames[] = {
    {"trigger", CueKind::kTrigger},       {"summit", CueKind::kSummit},
    {"attend", CueKind::kAttend},         {"travel", CueKind::kTravel},
    {"arrive", CueKind::kArrive},         {"with", CueKind::kWith},
    {"reciprocal", CueKind::kReciprocal}, {"phone", CueKind::kPhone},
    {"future", CueKind::kFuture},         {"negation", CueKind::kNegation},
    {"not_negation", CueKind::kNotNegation}, {"hedge", CueKind::kHedge},
    {"speech", CueKind::kSpeech},         {"pronoun", CueKind::kPronoun},
    {"topic", CueKind::kTopic},           {"sidelines", CueKind::kSidelines},
    {"clause", CueKind::kClause},         {"locative", CueKind::kLocative},
    {"first_person", CueKind::kFirstPerson}, {"between", CueKind::kBetween},
    {"none", CueKind::kNone},
};

std::optional<CueKind> ParseCueKind(std::string_view name) {
  for (const auto& [text, kind] : kCueKindNames) {
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

uint16_t FirstTwoBytes(std::string_view text) {
  return static_cast<uint16_t>((static_cast<unsigned char>(text[0]) << 8) | static_cast<unsigned char>(text[1]));
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

std::string_view CueKindName(CueKind kind) {
  for (const auto& [text, value] : kCueKindNames) {
    if (value == kind) return text;
  }
  return "?";
}

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
      if (prefix && words == 1 && key.size() >= 2) {
        target->stems[key].push_back(entry);
        std::vector<std::string>& group = target->stems_by_letter[FirstTwoBytes(key)];
        if (std::find(group.begin(), group.end(), key) == group.end()) group.push_back(key);
      }
      target->phrases[key].push_back(entry);
      std::string first_word = key.substr(0, key.find(' '));
      uint8_t& longest = target->first_words[first_word];
      longest = static_cast<uint8_t>(std::max<size_t>(longest, words));
    }
    return Status();
  });
  if (!status.ok()) return status;
  for (PerLanguage* target : {&lexicon.persian_, &lexicon.arabic_, &lexicon.english_}) {
    for (auto& [letter, group] : target->stems_by_letter) {
      std::sort(group.begin(), group.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    }
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
    std::string_view word = Slice(text, words[i]);
    // Arabic future: the prefix س on a present-tense trigger (سيلتقي, ستجري
    // محادثات, سيجتمعان) is a trigger and a future cue at once.
    if (matched == 0 && language == Language::kArabic && word.starts_with("س") && word.size() >= 8) {
      std::string_view verb = word.substr(std::string_view("س").size());
      if (verb.starts_with("ی") || verb.starts_with("ت") || verb.starts_with("ن")) {
        auto exact = lexicon->phrases.find(verb);
        const std::vector<Entry>* entries = exact != lexicon->phrases.end() ? &exact->second : nullptr;
        if (entries == nullptr) {
          auto group = lexicon->stems_by_letter.find(FirstTwoBytes(verb));
          if (group != lexicon->stems_by_letter.end()) {
            for (const std::string& stem : group->second) {
              if (verb.starts_with(stem)) {
                entries = &lexicon->stems.find(stem)->second;
                break;
              }
            }
          }
        }
        if (entries != nullptr) {
          bool trigger = false;
          for (const Entry& entry : *entries) trigger = trigger || entry.kind == CueKind::kTrigger;
          if (trigger) {
            emit(words[i], *entries);
            matches.push_back({words[i], CueKind::kFuture, EventMode::kMeet});
            matched = 1;
          }
        }
      }
    }
    auto first = lexicon->first_words.find(word);
    size_t limit = first == lexicon->first_words.end() ? 0 : std::min<size_t>(first->second, words.size() - i);
    for (size_t count = limit; count >= 1 && matched == 0; --count) {
      key.assign(word);
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
    if (matched == 0 && word.size() >= 4) {
      // Stems take suffixes (محادثاته) and, in Arabic, the article and a
      // conjunction in front (والمحادثات).
      for (std::string_view front : {std::string_view(), std::string_view("و"), std::string_view("ف"),
                                     std::string_view("ال"), std::string_view("وال"), std::string_view("بال"),
                                     std::string_view("ب"), std::string_view("ل")}) {
        if (!word.starts_with(front) || word.size() < front.size() + 2) continue;
        std::string_view rest = word.substr(front.size());
        // The conjunction alone may also precede a whole exact word.
        if (!front.empty() && lexicon->first_words.contains(rest)) {
          auto exact = lexicon->phrases.find(rest);
          if (exact != lexicon->phrases.end()) {
            emit(words[i], exact->second);
            matched = 1;
            break;
          }
        }
        auto group = lexicon->stems_by_letter.find(FirstTwoBytes(rest));
        if (group == lexicon->stems_by_letter.end()) continue;
        for (const std::string& stem : group->second) {
          if (rest.starts_with(stem)) {
            emit(words[i], lexicon->stems.find(stem)->second);
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
