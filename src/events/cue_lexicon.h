// The event cue lexicon (data/events/cues.tsv): trigger words, prepositions,
// future, negation, hedge and speech cues, matched over normalized words.
// Internal to the event stage.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/name_index.h"
#include "rayzan/events.h"
#include "rayzan/status.h"
#include "rayzan/text.h"

namespace rayzan::internal {

enum class CueKind : uint8_t {
  kTrigger,
  kSummit,
  kAttend,
  kTravel,
  kArrive,
  kWith,
  kReciprocal,
  kPhone,
  kFuture,
  kNegation,
  kNotNegation,
  kHedge,
  kSpeech,
  kPronoun,
  kTopic,
  kSidelines,
  kClause,
  kLocative,
  kFirstPerson,
  kBetween,  // "between X and Y": every side follows
  kNone,  // a phrase that only shadows shorter cues ("نشست خبری" is no summit)
};

// The name a cue kind has in data/events/cues.tsv ("trigger", "with").
std::string_view CueKindName(CueKind kind);

struct CueMatch {
  Span span;
  CueKind kind;
  EventMode mode = EventMode::kMeet;  // for triggers
};

class CueLexicon {
 public:
  static Result<CueLexicon> Load(const std::string& path);

  // Cues in `region` of normalized `text`, in text order, longest first and
  // non-overlapping (an exact phrase beats a prefix stem). A word may carry
  // one cue of each kind only once.
  std::vector<CueMatch> Find(std::string_view text, Span region, Language language) const;

 private:
  struct Entry {
    CueKind kind;
    EventMode mode;
    Language language;  // kUnknown: every language
  };
  struct PerLanguage {
    std::unordered_map<std::string, std::vector<Entry>, StringHash, std::equal_to<>> phrases;
    std::unordered_map<std::string, std::vector<Entry>, StringHash, std::equal_to<>> stems;
    // Stems grouped by their first two bytes (one Arabic letter), longest first.
    std::unordered_map<uint16_t, std::vector<std::string>> stems_by_letter;
    // First word of every phrase -> the most words a phrase starting with it has.
    std::unordered_map<std::string, uint8_t, StringHash, std::equal_to<>> first_words;
  };
  const PerLanguage* For(Language language) const;

  PerLanguage persian_, arabic_, english_;
};

}  // namespace rayzan::internal
