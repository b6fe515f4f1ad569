#include "rayzan/events.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "base/tsv.h"
#include "events/cue_lexicon.h"
#include "rayzan/normalize.h"

#include <filesystem>
#include <unordered_map>
#include <unordered_set>
#include "kb/name_index.h"

namespace rayzan {

using internal::CueKind;
using internal::CueMatch;

std::string_view EventModeName(EventMode mode) {
  switch (mode) {
    case EventMode::kMeet: return "meet";
    case EventMode::kPhone: return "phone";
    case EventMode::kContact: return "contact";
    case EventMode::kVisit: return "visit";
    case EventMode::kMultilateral: return "multilateral";
  }
  return "meet";
}

std::string_view EventStatusName(EventStatus status) {
  return status == EventStatus::kPlanned ? "planned" : "occurred";
}

std::string_view ActorKindName(Actor::Kind kind) {
  switch (kind) {
    case Actor::Kind::kPerson: return "person";
    case Actor::Kind::kRole: return "role";
    case Actor::Kind::kCountry: return "country";
    case Actor::Kind::kOrganization: return "organization";
  }
  return "person";
}

struct EventExtractor::Cues {
  internal::CueLexicon lexicon;
  // Words that end the name of a person the base does not know, per language.
  std::unordered_map<Language, std::unordered_set<std::string, internal::StringHash, std::equal_to<>>> stopwords;
};

Result<std::shared_ptr<const EventExtractor>> EventExtractor::Create(std::shared_ptr<const KnowledgeBase> kb,
                                                                    const DateLexicon& dates,
                                                                    const std::string& cue_file) {
  Result<internal::CueLexicon> lexicon = internal::CueLexicon::Load(cue_file);
  if (!lexicon.ok()) return lexicon.status();
  auto cues = std::make_shared<Cues>(Cues{std::move(lexicon).value(), {}});
  std::string stopword_file = (std::filesystem::path(cue_file).parent_path() / "stopwords.tsv").string();
  Status status = internal::ReadTsv(stopword_file, {"lang", "word"}, [&](const internal::TsvRow& row) -> Status {
    Language language = LanguageFromCode(row.Get("lang"));
    if (language == Language::kUnknown || language == Language::kOther) {
      return Status::Error("unknown language '" + std::string(row.Get("lang")) + "'");
    }
    cues->stopwords[language].insert(NormalizeForMatching(row.Get("word")));
    return Status();
  });
  if (!status.ok()) return status;
  auto extractor = std::shared_ptr<EventExtractor>(new EventExtractor());
  extractor->kb_ = std::move(kb);
  extractor->dates_ = std::make_unique<DateFinder>(dates);
  extractor->cues_ = std::move(cues);
  return std::shared_ptr<const EventExtractor>(std::move(extractor));
}

namespace {

// ---------------------------------------------------------------------------
// Mentions inside one sentence.

// A person or an office the text names as a possible side of an event.
struct Participant {
  Span span;
  int person = -1;                // knowledge-base person, when named
  std::vector<int> alternatives;  // other people the same name may denote
  bool surname_only = false;
  std::string office;             // from an office phrase; "counterpart" for همتا/نظير
  std::string jurisdiction;       // the office's country or organization; may be empty
  Span unknown_name;              // a name next to the office that the base does not know
};

// Participants joined by "and" or commas: "بلینکن و لاوروف".
struct Group {
  std::vector<int> members;  // indices into Sentence::participants
  Span span;
};

struct Place {
  Span span;
  int city = -1;
  int country = -1;
};

struct Sentence {
  Span span;
  std::vector<Participant> participants;
  std::vector<Group> groups;
  std::vector<Place> places;   // after a locative or travel preposition
  std::vector<int> organizations;
  std::vector<Span> organization_spans;
  std::vector<CueMatch> cues;
  std::vector<DateMention> dates;
  std::vector<Span> quotes;    // quoted regions
  std::vector<Span> topics;    // "about ..." regions
};

// One sentence's report of one event.
struct Mention {
  EventMode mode = EventMode::kMeet;
  bool planned = false;
  std::vector<Participant> sides;  // resolved later against the date
  Span trigger;
  Span sentence;
  std::optional<DateMention> date;
  int city = -1;
  int country = -1;
  int organization = -1;
  int target_country = -1;
  bool negotiation = false;
};

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Words between two mentions: "و", "،", "and" join a list.
bool IsConjunctionGap(std::string_view gap) {
  gap = TrimView(gap);
  static const std::string_view kJoins[] = {"", "و", "،", ",", "and", "، و", ", and", "and his", "and her", "and their", ", and his", "و نیز", "and also"};
  for (std::string_view join : kJoins) {
    if (gap == join) return true;
  }
  return false;
}

// Between a name and its office: nothing, a comma, or a reflexive "خود".
bool IsAppositionGap(std::string_view gap) {
  gap = TrimView(gap);
  static const std::string_view kJoins[] = {"", "،", ",", "-", "–", "خود", "خود،", "خود ،", "خویش", "خویش،"};
  for (std::string_view join : kJoins) {
    if (gap == join) return true;
  }
  return false;
}

size_t CountWords(std::string_view text, Span span) {
  return internal::SplitWords(text, span).size();
}

bool Inside(Span inner, Span outer) { return outer.begin <= inner.begin && inner.end <= outer.end; }

uint32_t Distance(Span a, Span b) {
  if (a.end <= b.begin) return b.begin - a.end;
  if (b.end <= a.begin) return a.begin - b.end;
  return 0;
}

}  // namespace

// The analysis of an article: built once per Extract() call.
class ArticleAnalysis {
 public:
  ArticleAnalysis(const KnowledgeBase& kb, const DateFinder& dates, const EventExtractor::Cues& cues,
                  const ArticleView& article)
      : kb_(kb), dates_(dates), cues_(cues.lexicon), article_(article), text_(article.text) {
    auto it = cues.stopwords.find(article.language);
    if (it != cues.stopwords.end()) stopwords_ = &it->second;
  }

  std::vector<Event> Run(Segmenter& segmenter);

 private:
  Sentence Analyze(Span span);
  void FindParticipants(Sentence& sentence, const std::vector<NameMatch>& names);
  // Two to four words right after (or before) an office phrase that are no
  // stop word, cue, known name or date: the name of someone the base lacks.
  Span UnknownNameNear(const Sentence& sentence, Span office, const std::vector<NameMatch>& names, bool after) const;
  void FindMentions(const Sentence& sentence, std::vector<Mention>& out);
  bool HasCue(const Sentence& sentence, CueKind kind, Span window) const;
  // Index of the quotation holding `span`, or -1.
  static int QuoteOf(const Sentence& sentence, Span span);
  Span ClauseWindow(const Sentence& sentence, Span trigger, uint32_t before, uint32_t after) const;
  int Speaker(const Sentence& sentence, Span quote) const;
  std::optional<CivilDate> MentionDate(const Mention& mention) const;
  std::vector<Actor> ResolveSides(const Mention& mention, std::vector<int>* people) const;
  int ResolveOffice(const std::string& office, const std::string& jurisdiction,
                    std::optional<CivilDate> date) const;
  int ChoosePerson(const Participant& participant, std::optional<CivilDate> date) const;
  Actor PersonActor(int person, std::optional<CivilDate> date) const;
  std::vector<Event> Merge(std::vector<Mention>& mentions);
  // A plan whose date is not the article's own day.
  bool PlannedBeyondToday(bool planned, const std::optional<DateInterval>& date) const {
    if (!planned) return false;
    return !(date && article_.published && date->from <= *article_.published && *article_.published <= date->to);
  }
  // False when the traveller serves or served the country visited.
  bool HomeIsElsewhere(const Actor& traveller, int person, const std::string& country) const;
  // Prints what a sentence was read as (RAYZAN_DEBUG=1), for people tuning data files.
  void Trace(const Sentence& sentence, const std::vector<Mention>& mentions, size_t first) const;

  const KnowledgeBase& kb_;
  const DateFinder& dates_;
  const internal::CueLexicon& cues_;
  const ArticleView& article_;
  std::string_view text_;
  // People the article names (not by office alone), for role binding.
  std::set<int> named_people_;
  // People the article names in full at least once.
  std::set<int> fully_named_;
  const std::unordered_set<std::string, internal::StringHash, std::equal_to<>>* stopwords_ = nullptr;
  // The last subject seen, for pronouns ("وی", "او") in later sentences.
  std::vector<Participant> last_subject_;
};

Sentence ArticleAnalysis::Analyze(Span span) {
  Sentence sentence;
  sentence.span = span;
  sentence.cues = cues_.Find(text_, span, article_.language);
  // "لا يزال" (still) is not a negation.
  std::vector<CueMatch> kept;
  for (const CueMatch& cue : sentence.cues) {
    if (cue.kind == CueKind::kNegation) {
      bool cancelled = false;
      for (const CueMatch& other : sentence.cues) {
        cancelled = cancelled || (other.kind == CueKind::kNotNegation && Inside(cue.span, other.span));
      }
      if (cancelled) continue;
    }
    kept.push_back(cue);
  }
  sentence.cues = std::move(kept);
  sentence.dates = dates_.Find(text_, span, article_.language, article_.published);

  // Quotations: « », “ ”, and what follows "said:".
  for (uint32_t i = span.begin; i < span.end;) {
    uint32_t at = i;
    char32_t cp = DecodeUtf8(text_, &i);
    char32_t close = cp == U'«' ? U'»' : cp == U'“' ? U'”' : cp == U'"' ? U'"' : 0;
    if (close == 0) continue;
    uint32_t j = i;
    uint32_t end = span.end;
    while (j < span.end) {
      uint32_t before = j;
      if (DecodeUtf8(text_, &j) == close) {
        end = before;
        break;
      }
    }
    sentence.quotes.push_back({at, end});
    i = std::min(span.end, end + 1);
  }
  for (const CueMatch& cue : sentence.cues) {
    if (cue.kind != CueKind::kSpeech) continue;
    uint32_t k = cue.span.end;
    while (k < span.end && text_[k] == ' ') ++k;
    if (k < span.end && text_[k] == ':') {
      bool covered = false;
      for (const Span& quote : sentence.quotes) covered = covered || quote.Contains(k + 1);
      if (!covered) sentence.quotes.push_back({k, span.end});
    }
  }
  // Topics run from "درباره/about" to the end of their clause; in Persian,
  // where the verb comes last, they also stop at the next trigger
  // ("درباره ... گفتگو کرد"), in Arabic and English they hold it ("to discuss
  // the next round of talks").
  bool verb_last = article_.language == Language::kPersian;
  for (const CueMatch& cue : sentence.cues) {
    if (cue.kind != CueKind::kTopic) continue;
    uint32_t end = span.end;
    for (const CueMatch& other : sentence.cues) {
      if (other.span.begin >= cue.span.end &&
          ((verb_last && other.kind == CueKind::kTrigger) || other.kind == CueKind::kClause ||
           other.kind == CueKind::kSpeech)) {
        end = std::min(end, other.span.begin);
      }
    }
    if (!verb_last) {
      std::string_view rest = Slice(text_, {cue.span.end, end});
      size_t stop = rest.find_first_of(",;");
      size_t arabic_comma = rest.find("،");
      stop = std::min(stop, arabic_comma);
      if (stop != std::string_view::npos) end = cue.span.end + static_cast<uint32_t>(stop);
    }
    for (uint32_t k = cue.span.end; k < end; ++k) {
      if (text_[k] == '.' || text_[k] == ';') {
        end = k;
        break;
      }
    }
    sentence.topics.push_back({cue.span.begin, end});
  }

  // What is said about the topic ("درباره نشست آینده رهبران") does not make
  // the talk itself planned, negated or doubtful.
  std::erase_if(sentence.cues, [&](const CueMatch& cue) {
    if (cue.kind != CueKind::kFuture && cue.kind != CueKind::kNegation && cue.kind != CueKind::kHedge) return false;
    for (const Span& topic : sentence.topics) {
      if (Inside(cue.span, topic)) return true;
    }
    return false;
  });

  FindParticipants(sentence, kb_.FindNames(text_, span));
  return sentence;
}

void ArticleAnalysis::FindParticipants(Sentence& sentence, const std::vector<NameMatch>& names) {
  auto kind_of = [&](const NameMatch& match, EntityKind kind) -> int {
    for (const EntityRef& ref : match.entities) {
      if (ref.kind == kind) return static_cast<int>(ref.index);
    }
    return -1;
  };
  std::vector<bool> consumed(names.size(), false);
  std::vector<Participant> raw;
  for (size_t i = 0; i < names.size(); ++i) {
    const NameMatch& match = names[i];
    int office = kind_of(match, EntityKind::kOffice);
    int person = kind_of(match, EntityKind::kPerson);
    if (person >= 0) {
      // "محمد بن سلمان بن عبد العزيز": a "son of" name right after a name
      // continues that person's lineage, it is nobody new.
      std::string_view surface = Slice(text_, match.span);
      if (!raw.empty() && raw.back().person >= 0 &&
          (surface.starts_with("بن ") || surface.starts_with("bin ") || surface.starts_with("ibn ")) &&
          TrimView(Slice(text_, {raw.back().span.end, match.span.begin})).empty()) {
        raw.back().span.end = match.span.end;
        consumed[i] = true;
        continue;
      }
      Participant participant;
      participant.span = match.span;
      for (const EntityRef& ref : match.entities) {
        if (ref.kind != EntityKind::kPerson) continue;
        if (participant.person < 0) {
          participant.person = static_cast<int>(ref.index);
        } else {
          participant.alternatives.push_back(static_cast<int>(ref.index));
        }
      }
      participant.surname_only = match.surname_only;
      raw.push_back(participant);
      consumed[i] = true;
      continue;
    }
    if (office < 0) continue;
    const OfficePhrase& phrase = kb_.office_phrase(office);
    // The office's countries follow it: "وزیر خارجه روسیه", "وزرای خارجه روسیه و آمریکا",
    // "نظيره الأمريكي", "همتایان ایتالیایی و اسپانیایی".
    std::vector<std::string> jurisdictions;
    Span span = match.span;
    size_t j = i + 1;
    for (; j < names.size(); ++j) {
      int country = kind_of(names[j], EntityKind::kCountry);
      int organization = kind_of(names[j], EntityKind::kOrganization);
      std::string_view gap = Slice(text_, {span.end, names[j].span.begin});
      // The first country follows the office directly (office variants such as
      // "وزیر امورخارجه" are phrases of offices.tsv); more are joined by "و".
      bool adjacent = jurisdictions.empty() ? gap == " " || gap.empty() : IsConjunctionGap(gap);
      if (!adjacent || (country < 0 && organization < 0)) break;
      jurisdictions.push_back(country >= 0 ? kb_.country(country).iso2 : kb_.organization(organization).id);
      consumed[j] = true;
      span.end = names[j].span.end;
    }
    // English puts the country first: "Russian foreign minister", "Iran's president".
    if (jurisdictions.empty() && article_.language == Language::kEnglish && i > 0 && !consumed[i - 1]) {
      int country = kind_of(names[i - 1], EntityKind::kCountry);
      std::string_view gap = TrimView(Slice(text_, {names[i - 1].span.end, match.span.begin}));
      if (country >= 0 && (gap.empty() || gap == "." || gap == "'s" || gap == "’s")) {  // "u.s. secretary"
        jurisdictions.push_back(kb_.country(country).iso2);
        consumed[i - 1] = true;
        span.begin = names[i - 1].span.begin;
        // The adjective was already kept as a place candidate: it is not one.
        if (!raw.empty() && raw.back().span == names[i - 1].span) raw.pop_back();
      }
    }
    if (jurisdictions.empty() && !phrase.implied_jurisdiction.empty()) {
      jurisdictions.push_back(phrase.implied_jurisdiction);
    }
    consumed[i] = true;
    // A plural office names one person per country it lists; with one
    // country or none it means a whole class ("all US presidents").
    if (phrase.plural && jurisdictions.size() < 2 && phrase.office != "counterpart") {
      i = j - 1;
      continue;
    }
    if (jurisdictions.empty()) jurisdictions.push_back("");
    for (const std::string& jurisdiction : jurisdictions) {
      Participant participant;
      participant.span = span;
      participant.office = phrase.office;
      participant.jurisdiction = jurisdiction;
      raw.push_back(participant);
    }
    i = j - 1;
  }

  // An office next to a name describes that person ("سرگئی لاوروف، وزیر امور
  // خارجه روسیه", "وزير الخارجية الروسي سيرغي لافروف", "نظيره الأمريكي، أنتوني
  // بلينكن"): one participant. A counterpart phrase never describes the name
  // before it ("لافروف نظيره الأمريكي" names two people).
  auto compatible = [&](const Participant& person, const Participant& role) {
    if (role.office == "counterpart" || role.office.empty()) return true;
    const Person& p = kb_.person(person.person);
    if (p.tenures.empty()) return true;
    for (const Tenure& tenure : p.tenures) {
      if (tenure.office == role.office && (role.jurisdiction.empty() || tenure.jurisdiction == role.jurisdiction)) {
        return true;
      }
    }
    return false;
  };
  std::vector<Participant> merged;
  for (size_t i = 0; i < raw.size(); ++i) {
    Participant current = raw[i];
    // Roles sharing a span come from one plural phrase; a list of as many
    // names right after it names them in order ("الرئيسين الروسي والأمريكي فلاديمير بوتين وجو بايدن").
    size_t run = 1;
    while (i + run < raw.size() && raw[i + run].span == current.span && raw[i + run].person < 0) ++run;
    if (current.person < 0 && run > 1) {
      size_t k = i + run;
      size_t names_after = 0;
      Span previous = current.span;
      while (k + names_after < raw.size() && raw[k + names_after].person >= 0 &&
             (names_after == 0 ? IsAppositionGap(Slice(text_, {previous.end, raw[k].span.begin}))
                               : IsConjunctionGap(Slice(text_, {previous.end, raw[k + names_after].span.begin})))) {
        previous = raw[k + names_after].span;
        ++names_after;
      }
      if (names_after == run) {
        for (size_t n = 0; n < run; ++n) merged.push_back(raw[k + n]);
        i = k + run - 1;
        continue;
      }
      for (size_t n = 0; n < run; ++n) merged.push_back(raw[i + n]);
      i += run - 1;
      continue;
    }
    if (i + 1 < raw.size()) {
      Participant& next = raw[i + 1];
      std::string_view gap = Slice(text_, {current.span.end, next.span.begin});
      // Arabic titles run long between a name and its office ("الأمير محمد بن
      // سلمان بن عبد العزيز ولي ولي العهد السعودي"): a few plain words with no
      // cue, name or stop punctuation still make an apposition.
      bool long_title = false;
      if (current.person >= 0 && next.person < 0 && !IsAppositionGap(gap)) {
        Span between{current.span.end, next.span.begin};
        long_title = CountWords(text_, between) <= 6 && gap.find_first_of(".:;«»\"()") == std::string_view::npos &&
                     gap.find("؛") == std::string_view::npos && gap.find('\n') == std::string_view::npos;
        for (const CueMatch& cue : sentence.cues) long_title = long_title && !Inside(cue.span, between);
      }
      if (IsAppositionGap(gap) || long_title) {
        // In Persian "مایک پمپئو، همتای آمریکایی او" describes Pompeo; in a
        // verb-first Arabic clause "لافروف نظيره الأمريكي" names two people.
        bool describes = next.office != "counterpart" || article_.language == Language::kPersian;
        if (current.person >= 0 && next.person < 0 && describes && compatible(current, next)) {
          current.span.end = next.span.end;
          if (current.office.empty()) current.office = next.office, current.jurisdiction = next.jurisdiction;
          merged.push_back(current);
          ++i;
          continue;
        }
        if (current.person < 0 && next.person >= 0 && compatible(next, current)) {
          Participant person = next;
          person.span.begin = current.span.begin;
          person.office = current.office == "counterpart" ? "" : current.office;
          person.jurisdiction = current.office == "counterpart" ? "" : current.jurisdiction;
          merged.push_back(person);
          ++i;
          continue;
        }
      }
    }
    merged.push_back(current);
  }

  for (Participant& participant : merged) {
    if (participant.person >= 0 || participant.office.empty() || participant.office == "counterpart" ||
        participant.jurisdiction.empty() || stopwords_ == nullptr) {
      continue;
    }
    participant.unknown_name = UnknownNameNear(sentence, participant.span, names, true);
    if (participant.unknown_name.empty()) participant.unknown_name = UnknownNameNear(sentence, participant.span, names, false);
  }

  // Offices with no country and no name are too vague to be a side ("وزیر
  // خارجه این کشور" is handled as an apposition above).
  for (Participant& participant : merged) {
    if (participant.person < 0 && participant.jurisdiction.empty() && participant.office != "counterpart") continue;
    bool in_topic = false;
    for (const Span& topic : sentence.topics) in_topic = in_topic || Inside(participant.span, topic);
    if (in_topic) continue;
    sentence.participants.push_back(participant);
    if (participant.person >= 0) named_people_.insert(participant.person);
    if (participant.person >= 0 && !participant.surname_only) fully_named_.insert(participant.person);
  }

  // Groups: participants joined by conjunctions.
  for (size_t i = 0; i < sentence.participants.size(); ++i) {
    const Participant& participant = sentence.participants[i];
    if (!sentence.groups.empty()) {
      Group& last = sentence.groups.back();
      std::string_view gap = Slice(text_, {last.span.end, participant.span.begin});
      // Sides of one plural office phrase share its span and belong together.
      if ((IsConjunctionGap(gap) && TrimView(gap) != "") || last.span == participant.span ||
          Inside(participant.span, last.span)) {
        last.members.push_back(static_cast<int>(i));
        last.span.end = participant.span.end;
        continue;
      }
    }
    sentence.groups.push_back({{static_cast<int>(i)}, participant.span});
  }

  // Places: cities and countries after a locative or travel preposition (or
  // after "the capital" phrase that follows one), not consumed by an office.
  for (size_t i = 0; i < names.size(); ++i) {
    if (consumed[i]) continue;
    const NameMatch& match = names[i];
    int city = kind_of(match, EntityKind::kCity);
    int country = kind_of(match, EntityKind::kCountry);
    int organization = kind_of(match, EntityKind::kOrganization);
    if (organization >= 0) {
      sentence.organizations.push_back(organization);
      sentence.organization_spans.push_back(match.span);
    }
    if ((city < 0 && country < 0) || match.adjective) continue;
    bool in_topic = false;
    for (const Span& topic : sentence.topics) in_topic = in_topic || Inside(match.span, topic);
    if (in_topic) continue;
    Place place{match.span, city, country};
    // A name that is both a country and a city (کویت; عمان, Oman in Persian
    // and Amman in Arabic once the shadda is gone) is read as the country.
    if (city >= 0 && country >= 0) place.city = -1;
    if (place.city >= 0) place.country = kb_.FindCountry(kb_.city(place.city).iso2).value_or(-1);
    sentence.places.push_back(place);
  }
}

int ArticleAnalysis::QuoteOf(const Sentence& sentence, Span span) {
  for (size_t q = 0; q < sentence.quotes.size(); ++q) {
    if (Inside(span, sentence.quotes[q])) return static_cast<int>(q);
  }
  return -1;
}

Span ArticleAnalysis::UnknownNameNear(const Sentence& sentence, Span office, const std::vector<NameMatch>& names,
                                      bool after) const {
  std::vector<Span> words = internal::SplitWords(text_, sentence.span);
  auto blocked = [&](Span word) {
    std::string_view text = Slice(text_, word);
    if (stopwords_->contains(text)) return true;
    for (char c : text) {
      if (c >= '0' && c <= '9') return true;
    }
    for (const CueMatch& cue : sentence.cues) {
      if (Distance(cue.span, word) == 0 && !(cue.span.end <= word.begin || word.end <= cue.span.begin)) return true;
    }
    for (const NameMatch& name : names) {
      if (!(name.span.end <= word.begin || word.end <= name.span.begin)) return true;
    }
    for (const DateMention& date : sentence.dates) {
      if (!(date.span.end <= word.begin || word.end <= date.span.begin)) return true;
    }
    return false;
  };
  auto joinable = [&](Span gap) {
    std::string_view between = TrimView(Slice(text_, gap));
    return between.empty() || between == "،" || between == ",";
  };
  std::vector<Span> run;
  if (after) {
    size_t i = 0;
    while (i < words.size() && words[i].begin < office.end) ++i;
    if (i == words.size() || !joinable({office.end, words[i].begin})) return {};
    for (; i < words.size() && run.size() < 5; ++i) {
      if (!run.empty() && Slice(text_, {run.back().end, words[i].begin}) != " ") break;
      if (blocked(words[i])) break;
      run.push_back(words[i]);
    }
  } else {
    size_t i = words.size();
    while (i > 0 && words[i - 1].end > office.begin) --i;
    if (i == 0 || !joinable({words[i - 1].end, office.begin})) return {};
    for (; i > 0 && run.size() < 5; --i) {
      if (!run.empty() && Slice(text_, {words[i - 1].end, run.back().begin}) != " ") break;
      if (blocked(words[i - 1])) break;
      run.push_back(words[i - 1]);
    }
    std::reverse(run.begin(), run.end());
  }
  // One word is too little to be sure it is a name, five too many.
  if (run.size() < 2 || run.size() > 4) return {};
  return {run.front().begin, run.back().end};
}

bool ArticleAnalysis::HasCue(const Sentence& sentence, CueKind kind, Span window) const {
  for (const CueMatch& cue : sentence.cues) {
    if (cue.kind == kind && Inside(cue.span, window)) return true;
  }
  return false;
}

// The part of the sentence around `trigger` that its clause can reach,
// stopped by clause cues, quotation marks and strong punctuation.
Span ArticleAnalysis::ClauseWindow(const Sentence& sentence, Span trigger, uint32_t before, uint32_t after) const {
  uint32_t begin = trigger.begin > sentence.span.begin + before ? trigger.begin - before : sentence.span.begin;
  uint32_t end = std::min(sentence.span.end, trigger.end + after);
  for (const CueMatch& cue : sentence.cues) {
    if (cue.kind != CueKind::kClause) continue;
    if (cue.span.end <= trigger.begin) begin = std::max(begin, cue.span.end);
    if (cue.span.begin >= trigger.end) end = std::min(end, cue.span.begin);
  }
  for (const Span& quote : sentence.quotes) {
    if (quote.Contains(trigger.begin)) {
      begin = std::max(begin, quote.begin);
      end = std::min(end, quote.end);
    } else if (quote.end <= trigger.begin) {
      begin = std::max(begin, quote.end);
    } else if (quote.begin >= trigger.end) {
      end = std::min(end, quote.begin);
    }
  }
  for (uint32_t k = trigger.begin; k > begin; --k) {
    if (text_[k - 1] == ';' || text_.substr(k - 1, 1) == "." ) {
      begin = k;
      break;
    }
  }
  // "؛" and "،" followed by "اما/ولی" were handled as clause cues; "؛" alone ends a clause.
  std::string_view window = Slice(text_, {begin, end});
  size_t semicolon = window.find("؛");
  while (semicolon != std::string_view::npos) {
    uint32_t at = begin + static_cast<uint32_t>(semicolon);
    if (at < trigger.begin) {
      begin = at + 2;
    } else if (at >= trigger.end) {
      end = at;
      break;
    }
    window = Slice(text_, {begin, end});
    semicolon = window.find("؛", at + 2 - begin);
  }
  return {begin, std::max(begin, end)};
}

// Who speaks a quotation: the participant group right after the verb of
// saying ("قال بلينكين") or right before it ("ند پرایس گفت"), within two words.
int ArticleAnalysis::Speaker(const Sentence& sentence, Span quote) const {
  const CueMatch* speech = nullptr;
  for (const CueMatch& cue : sentence.cues) {
    if (cue.kind == CueKind::kSpeech && cue.span.end <= quote.begin) {
      bool inside_other_quote = false;
      for (const Span& other : sentence.quotes) inside_other_quote = inside_other_quote || (other.begin < cue.span.begin && cue.span.end <= other.end);
      if (!inside_other_quote) speech = &cue;
    }
  }
  if (speech == nullptr) return -1;
  auto close = [&](Span a, Span b) {
    std::string_view gap = Slice(text_, {a.end, b.begin});
    return gap.find("،") == std::string_view::npos && gap.find(',') == std::string_view::npos &&
           CountWords(gap, {0, static_cast<uint32_t>(gap.size())}) <= 2;
  };
  for (size_t g = 0; g < sentence.groups.size(); ++g) {
    const Group& group = sentence.groups[g];
    if (group.span.begin >= speech->span.end && group.span.end <= quote.begin && close(speech->span, group.span)) {
      return static_cast<int>(g);
    }
  }
  for (size_t g = sentence.groups.size(); g-- > 0;) {
    const Group& group = sentence.groups[g];
    if (group.span.end <= speech->span.begin && close(group.span, speech->span)) return static_cast<int>(g);
  }
  return -1;
}

void ArticleAnalysis::FindMentions(const Sentence& sentence, std::vector<Mention>& out) {
  // Triggers next to each other ("دیدار و رایزنی") are one report.
  struct Trigger {
    Span span;
    EventMode mode;
    CueKind kind;
  };
  std::vector<Trigger> triggers;
  for (const CueMatch& cue : sentence.cues) {
    if (cue.kind != CueKind::kTrigger && cue.kind != CueKind::kSummit && cue.kind != CueKind::kTravel &&
        cue.kind != CueKind::kArrive) {
      continue;
    }
    bool in_topic = false;
    for (const Span& topic : sentence.topics) in_topic = in_topic || Inside(cue.span, topic);
    if (in_topic) continue;
    if (!triggers.empty() && triggers.back().kind == cue.kind && cue.kind == CueKind::kTrigger &&
        IsConjunctionGap(Slice(text_, {triggers.back().span.end, cue.span.begin}))) {
      triggers.back().span.end = cue.span.end;
      continue;
    }
    if (!triggers.empty() && triggers.back().span == cue.span) {
      // A word that is both a meeting and a summit (اجتماع) is a summit when
      // people attend it ("شارك في الاجتماع").
      if (cue.kind == CueKind::kSummit && HasCue(sentence, CueKind::kAttend, ClauseWindow(sentence, cue.span, 120, 60))) {
        triggers.back().kind = CueKind::kSummit;
      }
      continue;
    }
    triggers.push_back({cue.span, cue.mode, cue.kind});
  }
  if (triggers.empty() || sentence.participants.empty()) {
    // Remember a subject for pronouns in later sentences even without events.
    if (!sentence.groups.empty()) {
      std::vector<Participant> subject;
      for (int m : sentence.groups.front().members) subject.push_back(sentence.participants[m]);
      last_subject_ = subject;
    }
    return;
  }

  auto in_quote = [&](Span span) { return QuoteOf(sentence, span); };

  // With-objects of every trigger, so that one trigger's object is never
  // another's subject.
  std::vector<int> object_of(triggers.size(), -1);
  std::vector<bool> reciprocal(triggers.size(), false);
  std::set<int> object_groups;
  for (size_t t = 0; t < triggers.size(); ++t) {
    const Trigger& trigger = triggers[t];
    const CueMatch* best = nullptr;
    for (const CueMatch& cue : sentence.cues) {
      if (cue.kind != CueKind::kWith && cue.kind != CueKind::kReciprocal) continue;
      if (in_quote(cue.span) != in_quote(trigger.span)) continue;
      // "دیدار با X", "محادثاته مع X": right after the trigger; in a
      // verb-first clause after its subject ("التقى وزير الخارجية ... مع").
      size_t after_reach = article_.language == Language::kArabic ? 12 : 2;
      bool after = cue.span.begin >= trigger.span.end &&
                   CountWords(text_, {trigger.span.end, cue.span.begin}) <= after_reach;
      if (after) {
        for (size_t u = 0; u < triggers.size(); ++u) {
          if (u != t && triggers[u].span.begin >= trigger.span.end && triggers[u].span.end <= cue.span.begin) after = false;
        }
      }
      // "با X ... دیدار کرد": before the trigger, with no other trigger between.
      bool before = cue.span.end <= trigger.span.begin &&
                    CountWords(text_, {cue.span.end, trigger.span.begin}) <= 14;
      if (before) {
        for (size_t u = 0; u < triggers.size(); ++u) {
          if (u != t && triggers[u].span.begin >= cue.span.end && triggers[u].span.end <= trigger.span.begin &&
              triggers[u].kind == CueKind::kTrigger) {
            before = false;
          }
        }
      }
      if (!after && !before) continue;
      if (best == nullptr || Distance(cue.span, trigger.span) < Distance(best->span, trigger.span) ||
          (after && best->span.end <= trigger.span.begin)) {
        best = &cue;
      }
    }
    if (best == nullptr) continue;
    if (best->kind == CueKind::kReciprocal) {
      reciprocal[t] = true;
      continue;
    }
    // "با یکدیگر" after "با": reciprocal too.
    for (const CueMatch& cue : sentence.cues) {
      if (cue.kind == CueKind::kReciprocal && cue.span.begin >= best->span.end &&
          CountWords(text_, {best->span.end, cue.span.begin}) == 0) {
        reciprocal[t] = true;
      }
    }
    if (reciprocal[t]) continue;
    for (size_t g = 0; g < sentence.groups.size(); ++g) {
      const Group& group = sentence.groups[g];
      if (group.span.begin >= best->span.end && CountWords(text_, {best->span.end, group.span.begin}) <= 1) {
        object_of[t] = static_cast<int>(g);
        object_groups.insert(static_cast<int>(g));
        break;
      }
    }
  }

  for (size_t t = 0; t < triggers.size(); ++t) {
    const Trigger& trigger = triggers[t];
    int quote = in_quote(trigger.span);
    Span scope = quote >= 0 ? sentence.quotes[quote] : sentence.span;
    auto eligible = [&](int g) {
      const Group& group = sentence.groups[g];
      if (!Inside(group.span, scope)) return false;
      if (quote < 0 && in_quote(group.span) >= 0) return false;
      return g != object_of[t] && !object_groups.contains(g);
    };
    std::vector<int> sides;     // participant indices
    std::vector<int> objects;
    int subject_group = -1;
    // A noun trigger followed right away by two or more names: "قمة بوتين وبايدن".
    for (size_t g = 0; g < sentence.groups.size(); ++g) {
      const Group& group = sentence.groups[g];
      if (group.span.begin >= trigger.span.end && CountWords(text_, {trigger.span.end, group.span.begin}) == 0 &&
          eligible(static_cast<int>(g))) {
        if (group.members.size() >= 2 || object_of[t] >= 0) subject_group = static_cast<int>(g);
        break;
      }
    }
    if (subject_group < 0) {
      // Nearest group before the trigger (or before its "with" phrase).
      uint32_t limit = trigger.span.begin;
      if (object_of[t] >= 0) limit = std::min(limit, sentence.groups[object_of[t]].span.begin);
      // Travel words take a near subject; a meeting's subject may open a long Persian clause.
      size_t reach = trigger.kind == CueKind::kTravel || trigger.kind == CueKind::kArrive ? 15 : 60;
      for (size_t g = sentence.groups.size(); g-- > 0;) {
        if (sentence.groups[g].span.end <= limit && eligible(static_cast<int>(g))) {
          if (CountWords(text_, {sentence.groups[g].span.end, limit}) <= reach) subject_group = static_cast<int>(g);
          break;
        }
      }
    }
    if (subject_group < 0 && article_.language == Language::kArabic) {
      // Verb-first clauses: "التقى وزير الخارجية ... نظيره".
      for (size_t g = 0; g < sentence.groups.size(); ++g) {
        const Group& group = sentence.groups[g];
        if (group.span.begin >= trigger.span.end && CountWords(text_, {trigger.span.end, group.span.begin}) <= 3 &&
            eligible(static_cast<int>(g))) {
          subject_group = static_cast<int>(g);
          break;
        }
      }
    }
    // "talks between X and Y", "محادثات بين X و Y": the sides follow "between".
    for (const CueMatch& cue : sentence.cues) {
      if (cue.kind != CueKind::kBetween || cue.span.begin < trigger.span.end ||
          CountWords(text_, {trigger.span.end, cue.span.begin}) > 2) {
        continue;
      }
      for (size_t g = 0; g < sentence.groups.size(); ++g) {
        const Group& group = sentence.groups[g];
        if (group.span.begin >= cue.span.end && CountWords(text_, {cue.span.end, group.span.begin}) <= 1 &&
            group.members.size() >= 2 && eligible(static_cast<int>(g))) {
          subject_group = static_cast<int>(g);
        }
      }
    }
    std::vector<Participant> subject;
    if (subject_group >= 0) {
      for (int m : sentence.groups[subject_group].members) subject.push_back(sentence.participants[m]);
      // Verb-first with a second group right after the subject: the object.
      if (object_of[t] < 0 && subject_group + 1 < static_cast<int>(sentence.groups.size()) &&
          sentence.groups[subject_group].span.begin >= trigger.span.end) {
        const Group& next = sentence.groups[subject_group + 1];
        Span between{sentence.groups[subject_group].span.end, next.span.begin};
        // A date or a place may stand between: "استقبل السيسي، اليوم الأحد، في القاهرة عراقجي".
        bool plain = CountWords(text_, between) <= 6;
        for (const CueMatch& cue : sentence.cues) {
          if (Inside(cue.span, between) && cue.kind != CueKind::kLocative && cue.kind != CueKind::kWith) plain = false;
        }
        if (plain && eligible(subject_group + 1)) {
          for (int m : next.members) objects.push_back(m);
        }
      }
    } else if (quote >= 0) {
      int speaker = Speaker(sentence, sentence.quotes[quote]);
      if (speaker >= 0) {
        for (int m : sentence.groups[speaker].members) subject.push_back(sentence.participants[m]);
      }
    } else if (HasCue(sentence, CueKind::kPronoun, {sentence.span.begin, trigger.span.begin}) ||
               (object_of[t] >= 0 && !sentence.cues.empty() && sentence.cues.front().kind == CueKind::kWith &&
                sentence.cues.front().span.begin == sentence.span.begin)) {
      // "وی با ... دیدار کرد", "با ... دیدار کرد": the subject of the last sentence.
      subject = last_subject_;
    }
    if (object_of[t] >= 0) {
      for (int m : sentence.groups[object_of[t]].members) objects.push_back(m);
    } else if (objects.empty() && subject_group >= 0 && sentence.groups[subject_group].span.end <= trigger.span.begin) {
      // "X met Y", "X التقى Y": the group right after the trigger is the other side.
      for (size_t g = 0; g < sentence.groups.size(); ++g) {
        const Group& group = sentence.groups[g];
        if (group.span.begin >= trigger.span.end && CountWords(text_, {trigger.span.end, group.span.begin}) == 0 &&
            eligible(static_cast<int>(g))) {
          for (int m : group.members) objects.push_back(m);
          break;
        }
      }
    }
    // A quotation naming only one side, in the first person: the speaker is
    // the other ("أجرينا أنا ووزير الخارجية لافروف محادثة"). Without a first
    // person the speaker only reports ("ند پرایس گفت: «... گفتگو است»").
    if (quote >= 0 && subject.size() + objects.size() == 1 &&
        HasCue(sentence, CueKind::kFirstPerson, ClauseWindow(sentence, trigger.span, 160, 160))) {
      int speaker = Speaker(sentence, sentence.quotes[quote]);
      if (speaker >= 0) {
        // The speaker joins the one side named: as a co-subject, or as the
        // subject of the one object.
        std::vector<Participant> with_speaker;
        for (int m : sentence.groups[speaker].members) with_speaker.push_back(sentence.participants[m]);
        if (objects.empty()) with_speaker.insert(with_speaker.end(), subject.begin(), subject.end());
        subject = std::move(with_speaker);
      }
    }
    if (!subject.empty()) last_subject_ = subject;

    Mention base;
    base.trigger = trigger.span;
    base.sentence = sentence.span;
    base.mode = trigger.mode;
    // Windows are in bytes: about 75 and 90 letters of Persian or Arabic script.
    Span window = ClauseWindow(sentence, trigger.span, 150, 240);
    Span near = ClauseWindow(sentence, trigger.span, 90, 24);
    if (HasCue(sentence, CueKind::kNegation, window) || HasCue(sentence, CueKind::kHedge, near)) continue;
    base.planned = HasCue(sentence, CueKind::kFuture, window);
    // A phone cue, or a phone-call trigger in the same clause ("در تماس
    // تلفنی با ترامپ ... گفت‌وگو کرد"), makes the talk a call.
    bool phone_nearby = HasCue(sentence, CueKind::kPhone, window);
    for (const Trigger& other : triggers) {
      phone_nearby = phone_nearby || (other.mode == EventMode::kPhone && Inside(other.span, window));
    }
    if (trigger.kind == CueKind::kTrigger && phone_nearby && base.mode == EventMode::kMeet) {
      base.mode = EventMode::kPhone;
    }
    std::string_view trigger_text = Slice(text_, trigger.span);
    base.negotiation = trigger_text.find("مذاکر") != std::string_view::npos ||
                       trigger_text.find("مفاوض") != std::string_view::npos ||
                       trigger_text.find("negotiat") != std::string_view::npos;

    if (trigger.kind == CueKind::kSummit) {
      // A summit is an event when people attend it together, or when it is
      // named after two leaders ("قمة بوتين وبايدن"); on its sidelines it is a setting.
      bool sidelines = false;
      for (const CueMatch& cue : sentence.cues) {
        sidelines = sidelines || (cue.kind == CueKind::kSidelines && cue.span.end <= trigger.span.begin &&
                                  CountWords(text_, {cue.span.end, trigger.span.begin}) <= 1);
      }
      if (sidelines) continue;
      bool attend = HasCue(sentence, CueKind::kAttend, ClauseWindow(sentence, trigger.span, 120, 240));
      bool named_after = subject_group >= 0 && sentence.groups[subject_group].span.begin >= trigger.span.end;
      if (attend && !named_after) {
        base.mode = EventMode::kMultilateral;
      } else if (named_after && subject.size() >= 2) {
        base.mode = EventMode::kMeet;
      } else {
        continue;
      }
      // The forum: an organization right after the summit noun.
      for (size_t o = 0; o < sentence.organizations.size(); ++o) {
        if (sentence.organization_spans[o].begin >= trigger.span.end &&
            CountWords(text_, {trigger.span.end, sentence.organization_spans[o].begin}) <= 2) {
          base.organization = sentence.organizations[o];
          break;
        }
      }
    }

    if (trigger.kind == CueKind::kTravel || trigger.kind == CueKind::kArrive) {
      // The destination follows: "سفر خود به پاریس", "وارد مسکو شد", "زيارة ... إلى".
      const Place* destination = nullptr;
      for (const Place& place : sentence.places) {
        // Verb-first Arabic puts the traveller between: "وصل وزير الخارجية الأمريكي جون كيري إلى موسكو".
        size_t reach = article_.language == Language::kArabic ? 9 : 5;
        if (place.span.begin >= trigger.span.end && CountWords(text_, {trigger.span.end, place.span.begin}) <= reach) {
          destination = &place;
          break;
        }
      }
      // "وصول كيري إلى الدوحة", "سفر لاوروف به": the traveller right after the word.
      for (const Group& group : sentence.groups) {
        if (group.span.begin >= trigger.span.end && CountWords(text_, {trigger.span.end, group.span.begin}) == 0 &&
            group.members.size() == 1 && (destination == nullptr || group.span.end <= destination->span.begin)) {
          subject.assign(1, sentence.participants[group.members.front()]);
        }
      }
      // "به تهران سفر کرد": in Persian the destination may come first.
      if (destination == nullptr) {
        for (const Place& place : sentence.places) {
          if (place.span.end > trigger.span.begin || CountWords(text_, {place.span.end, trigger.span.begin}) > 1) continue;
          std::vector<Span> before = internal::SplitWords(text_, {sentence.span.begin, place.span.begin});
          if (!before.empty() && (Slice(text_, before.back()) == "به" || Slice(text_, before.back()) == "to")) {
            destination = &place;
          }
        }
      }
      if (destination == nullptr || subject.size() != 1) continue;
      Mention visit = base;
      visit.mode = EventMode::kVisit;
      visit.sides = subject;
      visit.city = destination->city;
      visit.country = destination->country;
      visit.target_country = destination->country;
      out.push_back(visit);
      continue;
    }
    if (trigger.kind == CueKind::kTrigger && base.mode == EventMode::kVisit) continue;

    // Sides: the subject with each object (CAMEO events are dyads), or the
    // subject group alone when it names two or more.
    auto add = [&](std::vector<Participant> sides_list) {
      Mention mention = base;
      mention.sides = std::move(sides_list);
      out.push_back(std::move(mention));
    };
    if (!objects.empty()) {
      if (subject.size() == 1) {
        for (int m : objects) add({subject.front(), sentence.participants[m]});
      } else if (!subject.empty()) {
        std::vector<Participant> all = subject;
        for (int m : objects) all.push_back(sentence.participants[m]);
        add(all);
      }
    } else if (subject.size() >= 2 && (reciprocal[t] || object_of[t] < 0)) {
      add(subject);
    }
  }
}

std::optional<CivilDate> ArticleAnalysis::MentionDate(const Mention& mention) const {
  if (mention.date && mention.date->interval) return mention.date->interval->from;
  return article_.published;
}

int ArticleAnalysis::ResolveOffice(const std::string& office, const std::string& jurisdiction,
                                   std::optional<CivilDate> date) const {
  if (office.empty() || jurisdiction.empty()) return -1;
  if (date) {
    // With a date, the base decides; when it knows nobody then (its tables
    // start in 2000), the role stays unresolved rather than borrowing a
    // holder from another time.
    std::vector<uint32_t> holders = kb_.HoldersAt(office, jurisdiction, *date);
    if (!holders.empty()) return static_cast<int>(holders.front());
    if (!kb_.Holders(office, jurisdiction).empty()) return -1;
  }
  // No date, or the base does not know the holder then: the one holder of
  // the office the article names elsewhere.
  int bound = -1;
  for (uint32_t person : kb_.Holders(office, jurisdiction)) {
    if (!named_people_.contains(static_cast<int>(person))) continue;
    if (bound >= 0 && bound != static_cast<int>(person)) return -1;
    bound = static_cast<int>(person);
  }
  return bound;
}

int ArticleAnalysis::ChoosePerson(const Participant& participant, std::optional<CivilDate> date) const {
  // A surname alone ("فياض") is trusted when the article names the person in
  // full somewhere, or when the person holds an office on the article's date;
  // otherwise it is more likely someone else of that name.
  if (participant.surname_only && participant.alternatives.empty() && !fully_named_.contains(participant.person)) {
    std::optional<CivilDate> when = date ? date : article_.published;
    if (when && kb_.TenureAt(participant.person, *when) == nullptr) return -1;
  }
  if (participant.alternatives.empty()) return participant.person;
  std::vector<int> candidates = participant.alternatives;
  candidates.insert(candidates.begin(), participant.person);
  if (date) {
    for (int candidate : candidates) {
      if (kb_.TenureAt(candidate, *date) != nullptr) return candidate;
    }
  }
  return participant.person;
}

Actor ArticleAnalysis::PersonActor(int person, std::optional<CivilDate> date) const {
  const Person& p = kb_.person(person);
  Actor actor;
  actor.kind = Actor::Kind::kPerson;
  actor.name = p.name;
  actor.id = p.id;
  if (date) {
    if (const Tenure* tenure = kb_.TenureAt(person, *date)) {
      actor.office = tenure->office;
      actor.jurisdiction = tenure->jurisdiction;
    }
  }
  return actor;
}

std::vector<Actor> ArticleAnalysis::ResolveSides(const Mention& mention, std::vector<int>* people) const {
  std::optional<CivilDate> date = MentionDate(mention);
  std::vector<Actor> actors;
  people->clear();
  // The subject's office, for "his counterpart".
  std::vector<std::string> subject_offices;
  for (const Participant& side : mention.sides) {
    if (side.office == "counterpart") continue;
    if (!side.office.empty()) {
      subject_offices.push_back(side.office);
    } else if (side.person >= 0) {
      int person = ChoosePerson(side, date);
      if (person < 0) break;
      if (date) {
        if (const Tenure* tenure = kb_.TenureAt(person, *date)) subject_offices.push_back(tenure->office);
      }
      for (const Tenure& tenure : kb_.person(person).tenures) subject_offices.push_back(tenure.office);
    }
    break;
  }
  for (const Participant& side : mention.sides) {
    int person = -1;
    std::string office = side.office;
    if (side.person >= 0) {
      person = ChoosePerson(side, date);
      if (person < 0) return {};
    } else if (side.office == "counterpart") {
      for (const std::string& candidate : subject_offices) {
        person = ResolveOffice(candidate, side.jurisdiction, date);
        if (person >= 0) {
          office = candidate;
          break;
        }
      }
      if (person < 0 && !subject_offices.empty()) office = subject_offices.front();
    } else {
      // A name next to the office in a spelling the base has not seen
      // ("وزیر خارجه آمریکا، آنتونی بلینکین"): the person it resembles who
      // held that office then.
      if (!side.unknown_name.empty()) {
        if (auto named = kb_.ResolvePersonName(Slice(text_, side.unknown_name), {side.office, side.jurisdiction, date})) {
          person = static_cast<int>(*named);
        }
      }
      if (person < 0) person = ResolveOffice(side.office, side.jurisdiction, date);
    }
    if (person >= 0) {
      if (std::find(people->begin(), people->end(), person) != people->end()) continue;
      people->push_back(person);
      actors.push_back(PersonActor(person, date));
      continue;
    }
    if (office.empty() || office == "counterpart" || side.jurisdiction.empty()) return {};
    if (!side.unknown_name.empty()) {
      // Named next to the office, unknown to the base: still a person, with
      // that office and country, flagged for review (rayzan kb unknown).
      Actor stranger;
      stranger.kind = Actor::Kind::kPerson;
      stranger.name = article_.normalized != nullptr
                          ? std::string(Slice(article_.original, article_.normalized->ToSource(side.unknown_name)))
                          : std::string(Slice(text_, side.unknown_name));
      stranger.office = office;
      stranger.jurisdiction = side.jurisdiction;
      stranger.in_knowledge_base = false;
      people->push_back(-1000000 - static_cast<int>(std::hash<std::string>()(stranger.name) % 1000000));
      actors.push_back(stranger);
      continue;
    }
    Actor role;
    role.kind = Actor::Kind::kRole;
    role.name = office + " of " + side.jurisdiction;
    role.office = office;
    role.jurisdiction = side.jurisdiction;
    role.in_knowledge_base = false;
    // A stable key, so that two reports of one role's meeting merge.
    people->push_back(-2000000 - static_cast<int>(std::hash<std::string>()(role.name) % 1000000));
    actors.push_back(role);
  }
  return actors;
}

bool ArticleAnalysis::HomeIsElsewhere(const Actor& traveller, int person, const std::string& country) const {
  if (traveller.jurisdiction == country) return false;
  if (person < 0) return true;
  // Having served a country at any time makes it home: a former president
  // entering his capital is no visitor.
  for (const Tenure& tenure : kb_.person(person).tenures) {
    if (tenure.jurisdiction == country) return false;
  }
  return true;
}

std::vector<Event> ArticleAnalysis::Merge(std::vector<Mention>& mentions) {
  struct Draft {
    Event event;
    std::vector<int> key;  // sorted people (negative: unresolved roles)
    std::vector<Actor> actors;
    bool any_occurred = false;
    bool any_planned = false;
    int mentions = 0;
  };
  std::vector<Draft> drafts;
  auto compatible = [](const std::optional<DateInterval>& a, const std::optional<DateInterval>& b) {
    return !a || !b || a->Overlaps(*b);
  };
  // Dated mentions first, so that undated ones join the right event.
  std::vector<size_t> order(mentions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    bool da = mentions[a].date && mentions[a].date->interval;
    bool db = mentions[b].date && mentions[b].date->interval;
    return da > db;
  });
  for (size_t index : order) {
    Mention& mention = mentions[index];
    std::vector<int> people;
    std::vector<Actor> actors = ResolveSides(mention, &people);
    if (actors.empty()) continue;
    if (mention.mode != EventMode::kVisit && actors.size() < 2) continue;
    if (mention.mode == EventMode::kVisit && mention.target_country >= 0 && !HomeIsElsewhere(actors.front(), people.front(), kb_.country(mention.target_country).iso2)) {
      continue;  // coming home, or travelling inside one's own country, is no visit
    }
    std::vector<int> key = people;
    std::sort(key.begin(), key.end());
    std::optional<DateInterval> date;
    if (mention.date && mention.date->interval) {
      date = mention.date->interval;
      // A bare weekday of a planned event is the coming one.
      if (mention.planned && mention.date->bare_weekday && article_.published && date->to < *article_.published) {
        date = DateInterval{date->from.AddDays(7), date->to.AddDays(7)};
      }
    }
    bool planned = mention.planned || (date && article_.published && date->from > *article_.published) ||
                   (mention.date && mention.date->future);
    Draft* target = nullptr;
    for (Draft& draft : drafts) {
      // "contact" says only that the sides spoke; it joins their meeting or call.
      bool same_mode = draft.event.mode == mention.mode ||
                       ((draft.event.mode == EventMode::kContact) != (mention.mode == EventMode::kContact) &&
                        draft.event.mode != EventMode::kVisit && mention.mode != EventMode::kVisit &&
                        draft.event.mode != EventMode::kMultilateral && mention.mode != EventMode::kMultilateral);
      if (!same_mode || draft.key != key) continue;
      if (!compatible(draft.event.date, date)) continue;
      // A plan and a meeting that happened are one event only when their
      // dates say so: both dated and overlapping, or the plan is for today
      // ("قرار است در نشست امروز حضور داشته باشند" beside "شرکت دارند"). An
      // undated plan ("a second summit will be held") stays apart.
      bool draft_planned = draft.any_planned && !draft.any_occurred;
      bool both_dated = date && draft.event.date && date->Overlaps(*draft.event.date);
      if (PlannedBeyondToday(planned, date) != PlannedBeyondToday(draft_planned, draft.event.date) && !both_dated) {
        continue;
      }
      // Across channels, a planned contact is not a meeting that happened.
      if (draft.event.mode != mention.mode && draft_planned != planned) continue;
      target = &draft;
      if (draft.event.mode == EventMode::kContact) draft.event.mode = mention.mode;
      break;
    }
    if (target == nullptr) {
      drafts.push_back({});
      target = &drafts.back();
      target->key = key;
      target->event.mode = mention.mode;
      target->event.actors = actors;
    }
    Event& event = target->event;
    if (date && (!event.date || (date->to.ToDays() - date->from.ToDays() < event.date->to.ToDays() - event.date->from.ToDays()))) {
      event.date = date;
    }
    // The first place reported wins, but a city beats a bare country.
    if ((event.city.empty() && event.country.empty() && (mention.city >= 0 || mention.country >= 0)) ||
        (event.city.empty() && mention.city >= 0)) {
      event.city = mention.city >= 0 ? kb_.city(mention.city).name : "";
      event.country = mention.country >= 0 ? kb_.country(mention.country).iso2 : "";
    }
    if (event.organization.empty() && mention.organization >= 0) {
      event.organization = kb_.organization(mention.organization).id;
    }
    if (mention.target_country >= 0) event.target_country = kb_.country(mention.target_country).iso2;
    (planned ? target->any_planned : target->any_occurred) = true;
    target->mentions++;
    event.evidence.push_back(mention.sentence);
    if (mention.negotiation && event.cameo.empty()) event.cameo = "046";
  }

  std::vector<Event> events;
  // A visit's city is where the visitor's other meetings took place, unless
  // the text says otherwise.
  for (Draft& draft : drafts) {
    if (draft.event.mode != EventMode::kVisit || draft.event.city.empty()) continue;
    for (Draft& other : drafts) {
      if (other.event.mode != EventMode::kMeet || !other.event.city.empty() || !other.event.country.empty()) continue;
      if (std::find(other.key.begin(), other.key.end(), draft.key.front()) == other.key.end()) continue;
      if (other.event.date && draft.event.date && !other.event.date->Overlaps(*draft.event.date)) continue;
      other.event.city = draft.event.city;
      other.event.country = draft.event.country;
    }
  }
  for (Draft& draft : drafts) {
    Event& event = draft.event;
    bool future = event.date && article_.published && event.date->from > *article_.published;
    event.status = draft.any_occurred && !future ? EventStatus::kOccurred : EventStatus::kPlanned;
    // Evidence: de-duplicate sentences, keep the first as the main one.
    std::vector<Span> unique;
    for (const Span& span : event.evidence) {
      if (std::find(unique.begin(), unique.end(), span) == unique.end()) unique.push_back(span);
    }
    event.evidence = unique;
    bool third_place = !event.country.empty();
    for (const Actor& actor : event.actors) third_place = third_place && actor.jurisdiction != event.country;
    if (event.status == EventStatus::kPlanned) {
      event.cameo = "036";
    } else if (event.mode == EventMode::kPhone) {
      event.cameo = "041";
    } else if (event.mode == EventMode::kVisit) {
      event.cameo = "042";
    } else if (event.cameo.empty()) {
      event.cameo = third_place && event.mode == EventMode::kMeet ? "044" : "040";
    }
    int named = 0;
    for (const Actor& actor : event.actors) named += actor.kind == Actor::Kind::kPerson;
    double confidence = 0.45 + 0.1 * std::min(2, named) + 0.08 * std::min(3, draft.mentions - 1) +
                        (event.date ? 0.05 : 0.0) + (event.country.empty() ? 0.0 : 0.05);
    event.confidence = std::min(0.97, confidence);
    events.push_back(std::move(event));
  }
  return events;
}

void ArticleAnalysis::Trace(const Sentence& sentence, const std::vector<Mention>& mentions, size_t first) const {
  auto show = [&](Span span) { return std::string(Slice(text_, span)); };
  std::fprintf(stderr, "SENTENCE %s\n", show(sentence.span).c_str());
  for (const CueMatch& cue : sentence.cues) {
    std::fprintf(stderr, "  cue %s [%s]\n", std::string(internal::CueKindName(cue.kind)).c_str(), show(cue.span).c_str());
  }
  for (const Participant& p : sentence.participants) {
    std::fprintf(stderr, "  side [%s] person=%s office=%s@%s\n", show(p.span).c_str(),
                 p.person >= 0 ? kb_.person(p.person).name.c_str() : "-", p.office.c_str(), p.jurisdiction.c_str());
  }
  for (const Group& g : sentence.groups) std::fprintf(stderr, "  group [%s] x%zu\n", show(g.span).c_str(), g.members.size());
  for (const Place& p : sentence.places) std::fprintf(stderr, "  place [%s]\n", show(p.span).c_str());
  for (const DateMention& d : sentence.dates) {
    std::fprintf(stderr, "  date [%s] %s\n", show(d.span).c_str(), d.interval ? d.interval->from.ToIso().c_str() : "unresolved");
  }
  for (const Span& q : sentence.quotes) std::fprintf(stderr, "  quote [%s]\n", show(q).c_str());
  for (size_t m = first; m < mentions.size(); ++m) {
    std::string sides;
    for (const Participant& p : mentions[m].sides) sides += "[" + show(p.span) + "] ";
    std::fprintf(stderr, "  MENTION %s %s %s\n", std::string(EventModeName(mentions[m].mode)).c_str(),
                 mentions[m].planned ? "planned" : "", sides.c_str());
  }
}

std::vector<Event> ArticleAnalysis::Run(Segmenter& segmenter) {
  std::vector<Sentence> sentences;
  for (const Span& line : article_.body) {
    for (const Span& span : segmenter.Sentences(text_, line)) sentences.push_back(Analyze(span));
  }
  std::vector<Mention> mentions;
  static const bool trace = std::getenv("RAYZAN_DEBUG") != nullptr;
  for (const Sentence& sentence : sentences) {
    size_t first = mentions.size();
    FindMentions(sentence, mentions);
    if (trace) Trace(sentence, mentions, first);
    // Dates go to the nearest event of their sentence; places likewise, but
    // a visit keeps its own destination.
    // Each date goes to its nearest mention; a mention keeps its nearest date.
    // A date right next to a verb of saying dates the statement, not the
    // event ("الاثنين، ذكر أن اتصالا هاتفيا ... الأسبوع الماضي").
    for (const DateMention& date : sentence.dates) {
      bool of_saying = false;
      for (const CueMatch& cue : sentence.cues) {
        of_saying = of_saying || (cue.kind == CueKind::kSpeech && Distance(cue.span, date.span) < 16 &&
                                  CountWords(text_, cue.span.end <= date.span.begin
                                                        ? Span{cue.span.end, date.span.begin}
                                                        : Span{date.span.end, cue.span.begin}) == 0);
      }
      if (of_saying) continue;
      Mention* best = nullptr;
      for (size_t m = first; m < mentions.size(); ++m) {
        if (best == nullptr || Distance(date.span, mentions[m].trigger) < Distance(date.span, best->trigger)) {
          best = &mentions[m];
        }
      }
      if (best == nullptr) continue;
      for (size_t m = first; m < mentions.size(); ++m) {
        Mention& mention = mentions[m];
        if (mention.trigger != best->trigger) continue;
        if (!mention.date || Distance(date.span, mention.trigger) < Distance(mention.date->span, mention.trigger)) {
          mention.date = date;
        }
      }
    }
    for (const Place& place : sentence.places) {
      // A place counts only after a locative ("در پاریس", "في ستوكهولم"),
      // possibly through "the Swedish capital".
      bool located = false;
      for (const CueMatch& cue : sentence.cues) {
        if ((cue.kind == CueKind::kLocative) && cue.span.end <= place.span.begin &&
            CountWords(text_, {cue.span.end, place.span.begin}) <= 2) {
          located = true;
        }
      }
      if (!located) continue;
      Mention* best = nullptr;
      for (size_t m = first; m < mentions.size(); ++m) {
        if (mentions[m].mode == EventMode::kVisit || mentions[m].mode == EventMode::kPhone) continue;
        // A place inside a quotation belongs to the quotation's own story,
        // and one far from the trigger to another clause.
        if (QuoteOf(sentence, place.span) != QuoteOf(sentence, mentions[m].trigger)) continue;
        if (!Inside(place.span, ClauseWindow(sentence, mentions[m].trigger, 200, 200))) continue;
        if (best == nullptr || Distance(place.span, mentions[m].trigger) < Distance(place.span, best->trigger)) {
          best = &mentions[m];
        }
      }
      // A place after the trigger is where the event happened more often than
      // one before it ("…في شمال سوريا، خلال لقاء مع نظيره … في ماليزيا").
      if (best != nullptr && place.span.end <= best->trigger.begin) {
        bool later_place = false;
        for (const Place& other : sentence.places) {
          later_place = later_place || (other.span.begin >= best->trigger.end &&
                                        Inside(other.span, ClauseWindow(sentence, best->trigger, 200, 200)) &&
                                        QuoteOf(sentence, other.span) == QuoteOf(sentence, best->trigger));
        }
        if (later_place) continue;
      }
      if (best == nullptr) continue;
      for (size_t m = first; m < mentions.size(); ++m) {
        Mention& mention = mentions[m];
        if (mention.trigger != best->trigger || mention.city >= 0 || mention.country >= 0) continue;
        mention.city = place.city;
        mention.country = place.country;
      }
    }
    // Meetings during a trip reported in the same sentence took place at its destination.
    for (size_t m = first; m < mentions.size(); ++m) {
      if (mentions[m].mode != EventMode::kVisit) continue;
      for (size_t n = first; n < mentions.size(); ++n) {
        if (mentions[n].mode == EventMode::kMeet && mentions[n].city < 0 && mentions[n].country < 0) {
          mentions[n].city = mentions[m].city;
          mentions[n].country = mentions[m].country;
        }
      }
    }
  }
  // Unresolved visitors: a visit by an office without a country is dropped in ResolveSides.
  return Merge(mentions);
}

std::vector<Event> EventExtractor::Extract(const ArticleView& article, Segmenter& segmenter) const {
  ArticleAnalysis analysis(*kb_, *dates_, *cues_, article);
  return analysis.Run(segmenter);
}

}  // namespace rayzan
