// Events: the consultation events one article reports.
//
// Finds meetings, phone calls, visits, joint attendance of summits and
// announced or proposed meetings, with who took part, when, where and with
// what status, and the sentences that say so. Trigger words, prepositions,
// future, negation and speech cues are data (data/events/cues.tsv); people,
// offices and places come from the KnowledgeBase.
//
// One real-world event reported in several sentences of an article is one
// Event with several evidence spans. When the text does not say the date, the
// place or who a role refers to, the field stays empty: no guesses.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rayzan/date.h"
#include "rayzan/kb.h"
#include "rayzan/normalize.h"
#include "rayzan/segment.h"
#include "rayzan/status.h"
#include "rayzan/text.h"

namespace rayzan {

enum class EventMode { kMeet, kPhone, kContact, kVisit, kMultilateral };
enum class EventStatus { kOccurred, kPlanned };

std::string_view EventModeName(EventMode mode);      // "meet", "phone", ...
std::string_view EventStatusName(EventStatus status);  // "occurred", "planned"

// One side of an event.
struct Actor {
  enum class Kind { kPerson, kRole, kCountry, kOrganization };
  Kind kind = Kind::kPerson;
  // Canonical name (English Wikipedia title) of a known person; for a role
  // the text names but the base cannot resolve, a description such as
  // "foreign_minister of IT"; the text's own words for a person the base lacks.
  std::string name;
  std::string id;            // knowledge-base id, empty when not in the base
  std::string office;        // office at the event's date, if known ("foreign_minister")
  std::string jurisdiction;  // country (ISO 3166) or organization of that office
  bool in_knowledge_base = true;
};

std::string_view ActorKindName(Actor::Kind kind);  // "person", "role", "country", "organization"

struct Event {
  EventMode mode = EventMode::kMeet;
  EventStatus status = EventStatus::kOccurred;
  std::vector<Actor> actors;
  std::optional<DateInterval> date;
  std::string city;          // English name; empty when the text names none
  std::string country;       // ISO 3166 alpha-2; empty when the text names none
  std::string organization;  // the forum of a multilateral event ("OSCE")
  std::string target_country;  // for visits: the country visited
  // Spans in the normalized text: the sentence of each mention, first the
  // one chosen as evidence.
  std::vector<Span> evidence;
  std::string cameo;         // CAMEO code: 036, 040, 041, 042, 044, 046
  double confidence = 0.0;   // 0..1, a rule-based estimate
};

// What the event stage reads of an article.
struct ArticleView {
  std::string_view text;      // normalized text (see normalize.h)
  // The original text and its normalization, to quote names of people the
  // knowledge base lacks in their original spelling; optional.
  std::string_view original;
  const NormalizedText* normalized = nullptr;
  std::vector<Span> body;     // the article's lines (title, lead, paragraphs), in order
  Language language = Language::kUnknown;
  std::optional<CivilDate> published;  // the anchor for relative dates
};

class EventExtractor {
 public:
  // Loads the cue lexicon from `cue_file`. Fails naming the file on error.
  static Result<std::shared_ptr<const EventExtractor>> Create(std::shared_ptr<const KnowledgeBase> kb,
                                                              const DateLexicon& dates,
                                                              const std::string& cue_file);
  // Thread-safe; `segmenter` belongs to the calling thread.
  std::vector<Event> Extract(const ArticleView& article, Segmenter& segmenter) const;

  struct Cues;  // defined in events.cc

 private:
  std::shared_ptr<const KnowledgeBase> kb_;
  std::unique_ptr<DateFinder> dates_;
  std::shared_ptr<const Cues> cues_;
};

}  // namespace rayzan
