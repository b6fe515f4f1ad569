// The event database: coded articles in, the stream of real-world events out.
//
// An EventStore is one embedded SQLite file (WAL mode) holding
//   articles  every article ingested: outlet, URL, dates, language, text,
//             content hash, and the original it copies when it is a repost;
//   mentions  each event as one article reports it, with its evidence;
//   events    the real-world event after merging the mentions of every
//             article and language that report it;
//   actors    the participants (knowledge-base people, unresolved roles, ...);
//   places    the cities and countries events happen in.
// The schema and the merge rules are documented in docs/database.md.
//
// Writing: Ingest() codes articles through the Pipeline and commits them in
// batched transactions. An article already in the database (same URL or
// document id, same text) is skipped, so re-ingesting adds nothing; a killed
// ingest leaves the last committed batch and the same command completes it.
// Only one process may ingest into a file at a time.
//
// Reading: every query method returns plain structs and is thread-safe; any
// number of threads (and processes, e.g. an HTTP server beside an ingest) may
// query one file at once. Dates are ISO strings "YYYY-MM-DD", empty when
// unknown; ids are the database's positive integer row ids, stable for the
// life of the file.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rayzan/article.h"
#include "rayzan/status.h"

namespace rayzan {

class KnowledgeBase;
class Pipeline;

// ---------------------------------------------------------------------------
// Records returned by queries.

// A participant as stored.
struct StoredActor {
  int64_t id = 0;
  std::string kb_id;    // knowledge-base id ("Q154830"); empty when not in the base
  std::string name;     // canonical name, or "foreign_minister of IT" for a role
  std::string kind;     // "person", "role", "country", "organization"
  std::string office;   // office at the first event that gives one ("foreign_minister"), if any
  std::string country;  // jurisdiction of that office (ISO 3166 alpha-2)
};

// One real-world event after merging.
struct EventRecord {
  int64_t id = 0;
  std::string type = "CONSULT";  // PLOVER type
  std::string mode;              // "meet", "phone", "contact", "visit", "multilateral"
  std::string status;            // "occurred", "planned"
  std::string date_from;         // the date most independent sources give; empty if none
  std::string date_to;
  std::string city;              // English name; empty when no report names one
  std::string country;           // ISO 3166 alpha-2 of the place
  std::string organization;      // forum of a multilateral event
  std::string target_country;    // for visits
  std::string cameo;             // CAMEO code of the best mention
  double confidence = 0.0;       // highest mention confidence
  std::vector<StoredActor> actors;
  int mention_count = 0;         // every report, copies included
  int article_count = 0;         // distinct articles reporting it
  int source_count = 0;          // independent sources: copies of one story count once
  std::vector<std::string> outlets;    // distinct outlets (host names), sorted
  std::vector<std::string> languages;  // distinct report languages ("ar", "fa"), sorted
  std::string first_reported;    // earliest publication date of a report (ISO; may be empty)
  int64_t first_article_id = 0;  // the earliest report
  std::string first_url;
  std::string evidence;          // the best mention's evidence sentence (original spelling)
  // True when reports disagree on the date or the place; EventDetail lists them.
  bool conflicting_dates = false;
  bool conflicting_places = false;
  // A planned event: the event that later occurred (0 if none yet).
  // An occurred event: 0; see EventDetail::planned_by.
  int64_t occurred_event_id = 0;
};

// One report of an event in one article.
struct MentionRecord {
  int64_t id = 0;
  int64_t event_id = 0;
  int64_t article_id = 0;
  std::string doc;             // the article's document id
  std::string url;
  std::string outlet;          // host name of the URL, or the input's folder name
  std::string language;
  std::string published;       // the article's date (ISO), may be empty
  // What this report says (may differ from the merged event: see conflicts).
  std::string mode;
  std::string status;
  std::string date_from;
  std::string date_to;
  std::string city;
  std::string country;
  std::string evidence;        // the evidence sentence in the article's spelling
  struct Offsets {
    int64_t start = 0;         // code points into the article's original text
    int64_t end = 0;
  };
  std::vector<Offsets> evidence_spans;
  double confidence = 0.0;
  int64_t original_article_id = 0;  // the story this article copies (itself if original)
};

// One source of an event: an outlet and the articles it published about it.
struct EventSource {
  std::string outlet;
  std::vector<int64_t> article_ids;
  bool independent = false;  // at least one of its articles is not a copy
};

// A value reports disagree on, with the mentions that give it.
struct ReportVariant {
  std::string what;   // "date" or "place"
  std::string value;  // "2021-12-02" / "2021-12-02..2021-12-03" / "Stockholm, SE"
  std::vector<int64_t> mention_ids;
};

struct EventDetail {
  EventRecord event;
  std::vector<MentionRecord> mentions;  // by publication date, then id
  std::vector<EventSource> sources;     // by outlet
  std::vector<ReportVariant> variants;  // empty unless reports conflict
  std::vector<int64_t> planned_by;      // planned events that announced this one
};

struct ArticleRecord {
  int64_t id = 0;
  std::string doc;
  std::string input_source;  // file path (":line" for JSON Lines) it was read from
  std::string url;
  std::string outlet;
  std::string title;
  std::string published;     // ISO date, may be empty
  std::string language;
  uint64_t content_hash = 0; // of the normalized text
  // 0 for an original; otherwise the article this one copies, and how alike
  // they are (1.0 for an exact copy, estimated Jaccard of shingles otherwise).
  int64_t duplicate_of = 0;
  double similarity = 0.0;
  int event_count = 0;       // mentions in this article
};

struct ArticleDetail {
  ArticleRecord article;
  std::string text;                     // the original text as read
  std::vector<MentionRecord> mentions;  // in the article's order
  std::vector<EventRecord> events;      // the merged events of those mentions
  std::vector<ArticleRecord> copies;    // articles that copy this one
};

struct ActorSummary {
  StoredActor actor;
  int event_count = 0;
  std::string first_date;  // earliest / latest event date (or first report)
  std::string last_date;
};

struct ActorPair {
  StoredActor first;   // first.id < second.id
  StoredActor second;
  int event_count = 0;
  std::string first_date;
  std::string last_date;
};

struct ActorDetail {
  ActorSummary summary;
  std::vector<ActorPair> partners;  // who this actor meets, most events first
  std::vector<std::pair<std::string, int>> events_per_month;  // "2021-12", count; ascending
};

struct SearchHit {
  ArticleRecord article;
  std::string snippet;  // original text around the match, matches wrapped in [ ]
  double rank = 0.0;    // FTS5 bm25; lower is better
  std::vector<EventRecord> events;
};

struct StoreStats {
  int64_t articles = 0;
  int64_t exact_duplicates = 0;
  int64_t near_duplicates = 0;
  int64_t mentions = 0;
  int64_t events = 0;
  int64_t actors = 0;
  int64_t places = 0;
  int64_t conflicting_events = 0;
  std::vector<std::pair<std::string, int64_t>> articles_per_language;
  std::vector<std::pair<std::string, int64_t>> events_per_mode;
  std::vector<std::pair<std::string, int64_t>> events_per_month;  // ascending "YYYY-MM"
  std::vector<ActorSummary> top_actors;                           // most events first
  std::vector<ActorPair> top_pairs;                               // most events first
  int64_t file_bytes = 0;
};

// ---------------------------------------------------------------------------
// Queries.

// Filters of an event list. Empty fields do not filter; all given filters
// must hold.
struct EventQuery {
  // Every actor listed must take part (two = a pair). Each is a row id
  // ("#12"), a knowledge-base id ("Q154830"), or any spelling the knowledge
  // base knows ("لاوروف", "Lavrov"), else a case-insensitive part of a
  // stored name. An actor that resolves to nothing yields no events.
  std::vector<std::string> actors;
  std::string country;                // a participant's country or the place's (ISO alpha-2)
  std::vector<std::string> modes;     // any of
  std::vector<std::string> statuses;  // any of
  std::string type;                   // "CONSULT"
  std::string date_from;              // events whose date (or first report) overlaps
  std::string date_to;                //   [date_from, date_to]; either may be empty
  std::string language;               // reported in this language
  std::string outlet;                 // reported by this outlet (host name)
  int min_sources = 0;                // at least this many independent sources
  enum class Sort { kDateAscending, kDateDescending, kSourcesDescending, kFirstReported };
  Sort sort = Sort::kDateAscending;
  int64_t offset = 0;
  int64_t limit = 100;                // at most 10,000
};

struct EventPage {
  std::vector<EventRecord> events;
  int64_t total = 0;  // events matching, regardless of offset/limit
};

struct ActorQuery {
  std::string text;  // spelling, id or part of a name; empty = all
  std::string kind;  // "person", "role", ...; empty = all
  int64_t offset = 0;
  int64_t limit = 50;
};

struct ArticleQuery {
  std::string outlet;
  std::string language;
  std::string date_from;
  std::string date_to;
  bool originals_only = false;  // leave out copies
  bool with_events_only = false;
  int64_t offset = 0;
  int64_t limit = 100;
};

struct SearchQuery {
  // Words to find, normalized like the pipeline (ی/ي, ک/ك, ZWNJ, diacritics,
  // digits). FTS5 syntax is allowed: "quoted phrases", OR, NOT, prefix*.
  std::string text;
  std::string language;
  int64_t offset = 0;
  int64_t limit = 20;
};

struct StoreOptions {
  bool read_only = false;
  // Resolves actor spellings in queries. Without it, actors are matched by
  // row id, knowledge-base id and stored name only.
  std::shared_ptr<const KnowledgeBase> knowledge_base;
  int busy_timeout_ms = 5000;
};

// ---------------------------------------------------------------------------
// Ingesting.

struct IngestProgress {
  int64_t articles_read = 0;
  int64_t articles_added = 0;
  int64_t events = 0;          // events in the database
  double seconds = 0.0;
  double articles_per_second = 0.0;
};

struct IngestOptions {
  int threads = 2;                // coding threads
  int batch_articles = 500;       // articles per transaction
  // Near-duplicate threshold on the estimated Jaccard similarity of word
  // 5-shingles (docs/database.md tells how it was measured).
  double near_duplicate_threshold = 0.5;
  // Called on the calling thread after every committed batch.
  std::function<void(const IngestProgress&)> on_progress;
  // Input errors (unreadable files, bad JSON lines); the ingest goes on.
  std::function<void(const InputError&)> on_error;
};

struct IngestSummary {
  int64_t articles_read = 0;
  int64_t articles_added = 0;
  int64_t articles_present = 0;   // already in the database: skipped
  int64_t exact_duplicates = 0;   // added, linked to their original
  int64_t near_duplicates = 0;
  int64_t input_errors = 0;
  int64_t mentions_added = 0;
  int64_t events_created = 0;
  int64_t mentions_merged = 0;    // mentions that joined an existing event
  int64_t batches = 0;
  double seconds = 0.0;
  double write_seconds = 0.0;     // CPU seconds of the calling thread's database work
};

class EventStore {
 public:
  // Opens (creating unless read_only) the database at `path`. Fails naming
  // the file when it cannot be opened or is not a Rayzan database.
  static Result<std::unique_ptr<EventStore>> Open(const std::string& path, StoreOptions options = {});
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Codes every article of `reader` and adds it. Not thread-safe against
  // another Ingest on the same file; queries may run meanwhile.
  Result<IngestSummary> Ingest(const Pipeline& pipeline, ArticleReader& reader, const IngestOptions& options);

  // Query methods: thread-safe. They fail only on a broken database or a
  // malformed search expression; a filter that matches nothing is an empty
  // result, and a missing id is an error "no event 12".
  Result<EventPage> FindEvents(const EventQuery& query) const;
  Result<EventDetail> GetEvent(int64_t id) const;
  Result<std::vector<ActorSummary>> FindActors(const ActorQuery& query) const;
  Result<ActorDetail> GetActor(int64_t id) const;
  // Row ids of the actors `text` denotes (the resolution EventQuery::actors uses).
  Result<std::vector<int64_t>> ResolveActor(const std::string& text) const;
  // Pairs of actors by number of shared events; with `actor` != 0 only its pairs.
  Result<std::vector<ActorPair>> TopPairs(int64_t actor, int64_t limit) const;
  Result<std::vector<ArticleRecord>> FindArticles(const ArticleQuery& query) const;
  Result<ArticleDetail> GetArticle(int64_t id) const;
  Result<std::vector<SearchHit>> Search(const SearchQuery& query) const;
  Result<StoreStats> Stats(int64_t top = 20) const;

  const std::string& path() const { return path_; }

  struct Impl;  // defined in store.cc

 private:
  EventStore() = default;
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------
// Export formats of event lists (docs/database.md documents every column).

enum class EventFormat {
  kTable,      // fixed-width, one line per event
  kCsv,        // RFC 4180, header line
  kJsonLines,  // one EventRecord as JSON per line
  kPlover,     // PLOVER-style JSON object per line (event_type, mode, actors, date, ...)
  kGdelt,      // GDELT-style tab-separated columns, header line
};

// Parses "table", "csv", "jsonl", "plover", "gdelt".
Result<EventFormat> EventFormatFromName(const std::string& name);
// The header line of the format (empty for JSON formats), without newline.
std::string EventHeader(EventFormat format);
// One line for the event, without newline.
std::string FormatEvent(const EventRecord& event, EventFormat format);

}  // namespace rayzan
