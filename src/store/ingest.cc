// EventStore::Ingest: coded articles into the database, duplicate detection
// and the merging of mentions into real-world events (rules in
// docs/database.md).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "rayzan/normalize.h"
#include "rayzan/pipeline.h"
#include "rayzan/store.h"
#include "store/normalizing_tokenizer.h"
#include "store/shingle_signature.h"
#include "store/store_impl.h"

namespace rayzan {

using store_internal::Exec;
using store_internal::ShingleSignature;
using store_internal::SqliteError;
using store_internal::Statement;

namespace {

// Reports of one event published this many days after its last day still
// describe it (news of a meeting runs for about a week).
constexpr int kReportLagDays = 7;
// Two reports of one pair's meeting whose explicit dates are at most this
// far apart are one event with conflicting dates (a report dated by its
// publication day, a time-zone shift), not two meetings.
constexpr int kConflictingDateDays = 2;
// A date interval wider than this (a month, a year) is vague.
constexpr int kVagueDateDays = 7;
// Undated reports of one pair published within this many days are one event.
constexpr int kUndatedWindowDays = 3;
// A planned meeting links to one that occurs within this many days of the
// announcement when the announcement gives no date.
constexpr int kPlanHorizonDays = 60;
// Fewer shingles than this and a text is too short to call a near-duplicate.
constexpr int kMinimumShingles = 20;
// Articles remembered per LSH band key.
constexpr size_t kBandBucketLimit = 64;

struct Interval {
  int64_t from = 0;
  int64_t to = 0;
  bool operator==(const Interval&) const = default;
};

std::optional<Interval> DaysOf(const std::string& from, const std::string& to) {
  auto a = CivilDate::FromIso(from);
  if (!a) return std::nullopt;
  auto b = CivilDate::FromIso(to.empty() ? from : to);
  return Interval{a->ToDays(), b ? b->ToDays() : a->ToDays()};
}

std::optional<int64_t> DayOf(const std::string& date) {
  auto day = CivilDate::FromIso(date);
  if (!day) return std::nullopt;
  return day->ToDays();
}

uint64_t Fnv64(std::string_view text) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

std::string IsoOfDay(int64_t days) { return CivilDate::FromDays(days).ToIso(); }

std::string Hex(uint64_t value) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

// "www.aawsat.com" for a URL; the input's folder or file stem otherwise.
std::string OutletOf(const Article& article) {
  if (!article.url.empty()) {
    std::string_view url = article.url;
    size_t scheme = url.find("://");
    if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    url = url.substr(0, url.find(':'));
    if (url.substr(0, 4) == "www.") url.remove_prefix(4);
    std::string host(url);
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!host.empty()) return host;
  }
  std::string source = article.source;
  size_t colon = source.rfind(':');
  if (colon != std::string::npos && colon + 1 < source.size() &&
      std::all_of(source.begin() + colon + 1, source.end(), ::isdigit)) {
    source = source.substr(0, colon);  // "corpus.jsonl:17": the file names the outlet
    size_t slash = source.rfind('/');
    std::string name = slash == std::string::npos ? source : source.substr(slash + 1);
    return name.substr(0, name.find('.'));
  }
  size_t slash = source.rfind('/');
  if (slash == std::string::npos || slash == 0) return "local";
  size_t parent = source.rfind('/', slash - 1);
  return source.substr(parent == std::string::npos ? 0 : parent + 1, slash - (parent == std::string::npos ? 0 : parent + 1));
}

std::string ActorKey(const Actor& actor) {
  switch (actor.kind) {
    case Actor::Kind::kPerson:
      return actor.id.empty() ? "n:" + NormalizeForMatching(actor.name) : "p:" + actor.id;
    case Actor::Kind::kRole:
      return "r:" + actor.office + ":" + actor.jurisdiction;
    case Actor::Kind::kCountry:
      return "c:" + (actor.jurisdiction.empty() ? NormalizeForMatching(actor.name) : actor.jurisdiction);
    case Actor::Kind::kOrganization:
      return "o:" + (actor.id.empty() ? NormalizeForMatching(actor.name) : actor.id);
  }
  return "?:" + actor.name;
}

bool ModesCompatible(const std::string& a, const std::string& b) {
  if (a == b) return true;
  auto channel = [](const std::string& mode) { return mode == "meet" || mode == "phone"; };
  return (a == "contact" && channel(b)) || (b == "contact" && channel(a));
}

// One report of an event, as the merge sees it.
struct Report {
  std::string mode, status, date_from, date_to, city, country, published;
  bool has_role = false;
};

// A stored event that may be the same one.
struct Candidate {
  int64_t id = 0;
  std::string mode, date_from, date_to, city, country, first_reported;
};

struct Fit {
  bool ok = false;
  int conflicts = 0;
  int64_t distance = 0;  // days between the two dates, for ranking
};

Fit Compare(const Report& report, const Candidate& event) {
  Fit fit;
  if (!ModesCompatible(report.mode, event.mode)) return fit;
  bool planned = report.status == "planned";
  auto report_dates = DaysOf(report.date_from, report.date_to);
  auto event_dates = DaysOf(event.date_from, event.date_to);
  // A month or a year ("in March", "this year") says little about which
  // meeting it is: such a report is placed by its publication date instead.
  auto vague = [](const std::optional<Interval>& dates) {
    return dates && dates->to - dates->from > kVagueDateDays;
  };
  auto report_day = DayOf(report.published), event_day = DayOf(event.first_reported);
  // Is a report published on `published` about the dated `dates`?
  auto reports_on = [&](std::optional<int64_t> published, const Interval& dates) {
    if (!published) return true;
    int64_t lead = planned ? kPlanHorizonDays : 1;
    if (*published < dates.from - lead || *published > dates.to + kReportLagDays) return false;
    fit.distance = std::max<int64_t>(0, *published - dates.to);
    return true;
  };
  bool precise_overlap = false;
  int date_conflicts = 0;
  if (report_dates && event_dates) {
    bool overlap = report_dates->from <= event_dates->to && event_dates->from <= report_dates->to;
    if (!vague(report_dates) && !vague(event_dates)) {
      if (overlap) {
        precise_overlap = true;
      } else {
        int64_t gap = std::max(report_dates->from - event_dates->to, event_dates->from - report_dates->to);
        if (report.has_role || gap > kConflictingDateDays) return fit;
        date_conflicts = 1;
        fit.distance = gap;
      }
    } else if (!overlap) {
      return fit;
    } else if (vague(report_dates) && vague(event_dates)) {
      if (*report_dates != *event_dates) return fit;
    } else if (vague(report_dates) ? !reports_on(report_day, *event_dates) : !reports_on(event_day, *report_dates)) {
      return fit;
    }
  } else if (report.has_role) {
    return fit;  // unresolved roles merge only by office, country and date
  } else if ((report_dates && !vague(report_dates)) || (event_dates && !vague(event_dates))) {
    if (report_dates ? !reports_on(event_day, *report_dates) : !reports_on(report_day, *event_dates)) return fit;
  } else {
    if (report_day && event_day) {
      if (std::abs(*report_day - *event_day) > kUndatedWindowDays) return fit;
      fit.distance = std::abs(*report_day - *event_day);
    } else if (report_day || event_day) {
      return fit;
    }
  }
  bool place_conflict = (!report.city.empty() && !event.city.empty() && report.city != event.city) ||
                        (!report.country.empty() && !event.country.empty() && report.country != event.country);
  if (place_conflict && (!precise_overlap || date_conflicts)) return fit;
  fit.ok = true;
  fit.conflicts = date_conflicts + (place_conflict ? 1 : 0);
  return fit;
}

class Ingestor {
 public:
  Ingestor(sqlite3* db, const IngestOptions& options)
      : db_(db),
        options_(options),
        find_identity_(db, "SELECT id FROM articles WHERE identity = ?1"),
        load_signatures_(db,
                         "SELECT id, signature, coalesce(duplicate_of, id) FROM articles"
                         " WHERE signature IS NOT NULL AND duplicate_of IS NULL ORDER BY id"),
        find_hash_(db, "SELECT coalesce(duplicate_of, id) FROM articles WHERE content_hash = ?1 ORDER BY id LIMIT 1"),
        insert_article_(db,
                        "INSERT INTO articles(identity, doc, input_source, url, outlet, title, published, language,"
                        " text, content_hash, signature, duplicate_of, similarity, event_count)"
                        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"),
        insert_fts_(db, "INSERT INTO articles_fts(rowid, title, text) VALUES(?1, ?2, ?3)"),
        find_actor_(db, "SELECT id FROM actors WHERE key = ?1"),
        insert_actor_(db,
                      "INSERT INTO actors(key, kb_id, name, folded_name, kind, office, country)"
                      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        find_events_(db,
                     "SELECT id, mode, date_from, date_to, city, country, first_reported FROM events"
                     " WHERE actor_key = ?1 AND status = ?2 AND range_to >= ?3 AND range_from <= ?4"),
        insert_event_(db,
                      "INSERT INTO events(actor_key, type, mode, status, range_from, range_to)"
                      " VALUES(?1, 'CONSULT', ?2, ?3, '', '')"),
        insert_event_actor_(db, "INSERT OR IGNORE INTO event_actors(actor_id, event_id) VALUES(?1, ?2)"),
        count_actor_(db, "UPDATE actors SET event_count = event_count + 1 WHERE id = ?1"),
        fill_office_(db, "UPDATE actors SET office = ?2, country = ?3 WHERE id = ?1 AND office IS NULL"),
        count_pair_(db,
                    "INSERT INTO actor_pairs(first, second, event_count) VALUES(?1, ?2, 1)"
                    " ON CONFLICT(first, second) DO UPDATE SET event_count = event_count + 1"),
        insert_mention_(db,
                        "INSERT INTO mentions(event_id, article_id, ordinal, mode, status, date_from, date_to,"
                        " city, country, organization, target_country, evidence, spans, cameo, confidence)"
                        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
        event_mentions_(db,
                        "SELECT m.mode, m.date_from, m.date_to, m.city, m.country, m.organization,"
                        " m.target_country, m.cameo, m.confidence, m.evidence, r.id, coalesce(r.duplicate_of, r.id),"
                        " r.published, r.outlet, r.language, r.url"
                        " FROM mentions m JOIN articles r ON r.id = m.article_id WHERE m.event_id = ?1 ORDER BY m.id"),
        insert_place_(db, "INSERT OR IGNORE INTO places(city, country) VALUES(?1, ?2)"),
        find_place_(db, "SELECT id FROM places WHERE city = ?1 AND country = ?2"),
        update_event_(db,
                      "UPDATE events SET mode = ?2, date_from = ?3, date_to = ?4, range_from = ?5, range_to = ?6,"
                      " place_id = ?7, city = ?8, country = ?9, organization = ?10, target_country = ?11,"
                      " cameo = ?12, confidence = ?13, mention_count = ?14, article_count = ?15,"
                      " source_count = ?16, outlets = ?17, languages = ?18, first_reported = ?19,"
                      " first_article_id = ?20, first_url = ?21, evidence = ?22, conflicting_dates = ?23,"
                      " conflicting_places = ?24 WHERE id = ?1"),
        event_state_(db,
                     "SELECT actor_key, mode, status, range_from, range_to, date_from, date_to, first_reported,"
                     " occurred_event_id FROM events WHERE id = ?1"),
        find_occurred_(db,
                       "SELECT id, mode FROM events WHERE actor_key = ?1 AND status = 'occurred'"
                       " AND range_to >= ?2 AND range_from <= ?3 ORDER BY range_from, id"),
        find_planned_(db,
                      "SELECT id, mode, date_from, date_to, first_reported FROM events WHERE actor_key = ?1"
                      " AND status = 'planned' AND occurred_event_id IS NULL AND range_from <= ?2"
                      " AND range_to >= ?3 ORDER BY id"),
        link_plan_(db, "UPDATE events SET occurred_event_id = ?2 WHERE id = ?1") {
    // The LSH index lives in memory (rebuilt from the stored signatures at
    // every start): as an SQLite table its random keys dirtied most of its
    // pages in every batch and multiplied the bytes written tenfold.
    while (load_signatures_.Step()) {
      Known known;
      if (!ShingleSignature::Parse(load_signatures_.Blob(1), &known.signature)) continue;
      known.root = load_signatures_.Int(2);
      Remember(load_signatures_.Int(0), known);
    }
    load_signatures_.Reset();
  }

  IngestSummary& summary() { return summary_; }

  // Adds one coded article inside the open transaction.
  void Add(const CodedArticle& coded) {
    ++summary_.articles_read;
    const Article& article = coded.article;
    uint64_t hash = store_internal::ContentHash(coded.normalized.text);
    // Same URL (or document id without one) and same text: the same input.
    int64_t identity = static_cast<int64_t>(
        Fnv64((article.url.empty() ? "doc:" + article.doc : article.url) + "#" + Hex(hash)));
    find_identity_.Bind(1, identity);
    bool present = find_identity_.Step();
    find_identity_.Reset();
    if (present) {
      ++summary_.articles_present;
      return;
    }
    ShingleSignature signature = ShingleSignature::Of(coded.normalized.text);
    int64_t duplicate_of = 0;
    double similarity = 0.0;
    if (signature.shingles() > 0) {
      find_hash_.Bind(1, static_cast<int64_t>(hash));
      if (find_hash_.Step()) {
        duplicate_of = find_hash_.Int(0);
        similarity = 1.0;
      }
      find_hash_.Reset();
    }
    bool indexed = signature.shingles() >= kMinimumShingles;
    if (!duplicate_of && indexed) {
      std::set<int64_t> candidates;
      for (int64_t band : signature.BandKeys()) {
        auto bucket = bands_.find(band);
        if (bucket != bands_.end()) candidates.insert(bucket->second.begin(), bucket->second.end());
      }
      for (int64_t candidate : candidates) {
        const Known& other = known_.at(candidate);
        double estimate = signature.Similarity(other.signature);
        // 1.0 is kept for word-for-word copies (equal content hash): an
        // estimate of 1 from 64 minima is "at least ~0.95", not identity.
        estimate = std::min(estimate, 0.99);
        if (estimate >= options_.near_duplicate_threshold && estimate > similarity) {
          similarity = estimate;
          duplicate_of = other.root;
        }
      }
    }
    std::string published = coded.published ? coded.published->ToIso()
                                            : (CivilDate::FromIso(article.published) ? article.published.substr(0, 10)
                                                                                     : std::string());
    std::string language(LanguageCode(coded.language));
    std::string serialized = signature.Serialize();
    insert_article_.Bind(1, identity)
        .Bind(2, article.doc)
        .Bind(3, article.source)
        .BindOrNull(4, article.url)
        .Bind(5, OutletOf(article))
        .BindOrNull(6, article.title)
        .BindOrNull(7, published)
        .Bind(8, language)
        .Bind(9, article.text)
        .Bind(10, static_cast<int64_t>(hash))
        ;
    if (indexed) {
      insert_article_.BindBlob(11, serialized.data(), static_cast<int>(serialized.size()));
    } else {
      insert_article_.BindNull(11);
    }
    if (duplicate_of) {
      insert_article_.Bind(12, duplicate_of);
    } else {
      insert_article_.BindNull(12);
    }
    insert_article_.Bind(13, similarity).Bind(14, static_cast<int64_t>(coded.events.size()));
    insert_article_.Run();
    int64_t article_id = sqlite3_last_insert_rowid(db_);
    ++summary_.articles_added;
    if (duplicate_of) ++(similarity >= 1.0 ? summary_.exact_duplicates : summary_.near_duplicates);
    // Only originals are indexed: a copy's later copies match its original
    // too, and on real feeds copies are a fifth to most of the articles.
    if (indexed && !duplicate_of) Remember(article_id, Known{signature, article_id});
    {
      struct HintScope {  // cleared even when the insert throws
        HintScope(std::string_view text, const NormalizedText* normalized) {
          store_internal::SetNormalizedHint(text, normalized);
        }
        ~HintScope() { store_internal::SetNormalizedHint({}, nullptr); }
      } hint(article.text, &coded.normalized);
      insert_fts_.Bind(1, article_id).Bind(2, article.title).Bind(3, article.text).Run();
    }

    std::set<int64_t> touched;
    int ordinal = 0;
    for (const Event& event : coded.events) {
      int64_t event_id = AddMention(coded, event, article_id, ordinal++, published);
      touched.insert(event_id);
    }
    for (int64_t event_id : touched) Recompute(event_id);
    for (int64_t event_id : touched) LinkPlans(event_id);
  }

 private:
  struct Known {
    ShingleSignature signature;
    int64_t root = 0;  // the original this article copies, or itself
  };

  void Remember(int64_t article, const Known& known) {
    for (int64_t band : known.signature.BandKeys()) {
      std::vector<int64_t>& bucket = bands_[band];
      // A band shared by hundreds of articles is boilerplate, not a story.
      if (bucket.size() < kBandBucketLimit) bucket.push_back(article);
    }
    known_.emplace(article, known);
  }

  int64_t ActorId(const Actor& actor, const std::string& key) {
    auto cached = actor_ids_.find(key);
    int64_t id = cached != actor_ids_.end() ? cached->second : 0;
    if (!id) {
      find_actor_.Bind(1, key);
      if (find_actor_.Step()) id = find_actor_.Int(0);
      find_actor_.Reset();
    }
    if (id) {
      // The office shown is that of the first event that names one.
      if (!actor.office.empty()) {
        fill_office_.Bind(1, id).Bind(2, actor.office).BindOrNull(3, actor.jurisdiction).Run();
      }
    } else {
      insert_actor_.Bind(1, key)
          .BindOrNull(2, actor.id)
          .Bind(3, actor.name)
          .Bind(4, NormalizeForMatching(actor.name))
          .Bind(5, ActorKindName(actor.kind))
          .BindOrNull(6, actor.office)
          .BindOrNull(7, actor.jurisdiction)
          .Run();
      id = sqlite3_last_insert_rowid(db_);
    }
    actor_ids_.emplace(key, id);
    return id;
  }

  int64_t AddMention(const CodedArticle& coded, const Event& event, int64_t article_id, int ordinal,
                     const std::string& published) {
    std::vector<std::pair<std::string, const Actor*>> keyed;
    bool has_role = false;
    for (const Actor& actor : event.actors) {
      keyed.emplace_back(ActorKey(actor), &actor);
      has_role = has_role || actor.kind == Actor::Kind::kRole;
    }
    std::sort(keyed.begin(), keyed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    keyed.erase(std::unique(keyed.begin(), keyed.end(),
                            [](const auto& a, const auto& b) { return a.first == b.first; }),
                keyed.end());
    std::string actor_key;
    for (const auto& [key, actor] : keyed) actor_key += (actor_key.empty() ? "" : "|") + key;
    if (event.mode == EventMode::kVisit) actor_key += ">" + event.target_country;

    Report report;
    report.mode = EventModeName(event.mode);
    report.status = EventStatusName(event.status);
    if (event.date) {
      report.date_from = event.date->from.ToIso();
      report.date_to = event.date->to.ToIso();
    }
    report.city = event.city;
    report.country = event.country;
    report.published = published;
    report.has_role = has_role;

    // The window of stored events worth comparing.
    std::string low = "", high = "~";
    if (auto dates = DaysOf(report.date_from, report.date_to)) {
      low = IsoOfDay(dates->from - kConflictingDateDays - kReportLagDays);
      high = IsoOfDay(dates->to + kPlanHorizonDays);
    } else if (auto day = DayOf(published)) {
      low = IsoOfDay(*day - kPlanHorizonDays - kReportLagDays);
      high = IsoOfDay(*day + kPlanHorizonDays);
    }
    find_events_.Bind(1, actor_key).Bind(2, report.status).Bind(3, low).Bind(4, high);
    int64_t best = 0;
    Fit best_fit;
    while (find_events_.Step()) {
      Candidate candidate{find_events_.Int(0), find_events_.Text(1), find_events_.Text(2), find_events_.Text(3),
                          find_events_.Text(4), find_events_.Text(5), find_events_.Text(6)};
      Fit fit = Compare(report, candidate);
      if (!fit.ok) continue;
      if (!best || std::tie(fit.conflicts, fit.distance) < std::tie(best_fit.conflicts, best_fit.distance)) {
        best = candidate.id;
        best_fit = fit;
      }
    }
    find_events_.Reset();

    if (best) {
      ++summary_.mentions_merged;
    } else {
      insert_event_.Bind(1, actor_key).Bind(2, report.mode).Bind(3, report.status).Run();
      best = sqlite3_last_insert_rowid(db_);
      ++summary_.events_created;
      std::vector<int64_t> actor_ids;
      for (const auto& [key, actor] : keyed) actor_ids.push_back(ActorId(*actor, key));
      std::sort(actor_ids.begin(), actor_ids.end());
      for (int64_t actor : actor_ids) {
        insert_event_actor_.Bind(1, actor).Bind(2, best).Run();
        count_actor_.Bind(1, actor).Run();
      }
      for (size_t i = 0; i < actor_ids.size(); ++i) {
        for (size_t j = i + 1; j < actor_ids.size(); ++j) count_pair_.Bind(1, actor_ids[i]).Bind(2, actor_ids[j]).Run();
      }
    }

    std::string evidence, spans;
    for (size_t i = 0; i < event.evidence.size(); ++i) {
      Span source = coded.normalized.ToSource(event.evidence[i]);
      if (i == 0) evidence = std::string(Slice(coded.article.text, source));
      if (!spans.empty()) spans += ' ';
      spans += std::to_string(CodePointOffset(coded.article.text, source.begin)) + "-" +
               std::to_string(CodePointOffset(coded.article.text, source.end));
    }
    insert_mention_.Bind(1, best)
        .Bind(2, article_id)
        .Bind(3, ordinal)
        .Bind(4, report.mode)
        .Bind(5, report.status)
        .BindOrNull(6, report.date_from)
        .BindOrNull(7, report.date_to)
        .BindOrNull(8, event.city)
        .BindOrNull(9, event.country)
        .BindOrNull(10, event.organization)
        .BindOrNull(11, event.target_country)
        .Bind(12, evidence)
        .Bind(13, spans)
        .Bind(14, event.cameo)
        .Bind(15, event.confidence)
        .Run();
    ++summary_.mentions_added;
    return best;
  }

  // Recomputes the merged fields of an event from all its mentions: the
  // date and place most independent sources give, conflicts, counts, the
  // earliest report.
  void Recompute(int64_t event_id) {
    struct Row {
      std::string mode, date_from, date_to, city, country, organization, target, cameo, evidence;
      double confidence;
      int64_t article, root;
      std::string published, outlet, language, url;
    };
    std::vector<Row> rows;
    event_mentions_.Bind(1, event_id);
    while (event_mentions_.Step()) {
      const Statement& s = event_mentions_;
      rows.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7),
                      s.Text(9), s.Double(8), s.Int(10), s.Int(11), s.Text(12), s.Text(13), s.Text(14), s.Text(15)});
    }
    event_mentions_.Reset();
    if (rows.empty()) return;
    std::set<int64_t> articles, roots;
    std::set<std::string> outlets, languages;
    std::map<std::string, std::set<int64_t>> modes;
    std::map<std::pair<std::string, std::string>, std::set<int64_t>> dates, places;
    const Row* first = nullptr;
    const Row* best = nullptr;
    std::string organization, target;
    for (const Row& row : rows) {
      articles.insert(row.article);
      roots.insert(row.root);
      outlets.insert(row.outlet);
      languages.insert(row.language);
      if (row.mode != "contact") modes[row.mode].insert(row.root);
      if (!row.date_from.empty()) dates[{row.date_from, row.date_to}].insert(row.root);
      if (!row.city.empty() || !row.country.empty()) places[{row.city, row.country}].insert(row.root);
      if (organization.empty()) organization = row.organization;
      if (target.empty()) target = row.target;
      auto report_key = [](const Row& r) { return std::make_pair(r.published.empty() ? "~" : r.published, r.article); };
      if (!first || report_key(row) < report_key(*first)) first = &row;
      if (!best || row.confidence > best->confidence) best = &row;
    }
    std::string mode = rows.front().mode;
    size_t mode_votes = 0;
    for (const auto& [name, voters] : modes) {
      if (voters.size() > mode_votes) {
        mode = name;
        mode_votes = voters.size();
      }
    }
    // Date: most independent sources; then the narrowest; then the earliest.
    std::pair<std::string, std::string> date;
    size_t date_votes = 0;
    int64_t date_width = 0;
    for (const auto& [value, voters] : dates) {
      auto days = DaysOf(value.first, value.second);
      int64_t width = days ? days->to - days->from : 0;
      if (voters.size() > date_votes || (voters.size() == date_votes && width < date_width)) {
        date = value;
        date_votes = voters.size();
        date_width = width;
      }
    }
    bool conflicting_dates = false;
    if (auto chosen = DaysOf(date.first, date.second)) {
      for (const auto& [value, voters] : dates) {
        auto days = DaysOf(value.first, value.second);
        if (days && (days->to < chosen->from || days->from > chosen->to)) conflicting_dates = true;
      }
    }
    // Place: most independent sources; a named city over a bare country.
    std::pair<std::string, std::string> place;
    size_t place_votes = 0;
    for (const auto& [value, voters] : places) {
      bool better_specific = place.first.empty() && !value.first.empty() &&
                             (place.second.empty() || place.second == value.second);
      if (voters.size() > place_votes || better_specific) {
        place = value;
        place_votes = voters.size();
      }
    }
    bool conflicting_places = false;
    for (const auto& [value, voters] : places) {
      if ((!value.first.empty() && !place.first.empty() && value.first != place.first) ||
          (!value.second.empty() && !place.second.empty() && value.second != place.second)) {
        conflicting_places = true;
      }
    }
    int64_t place_id = 0;
    if (!place.first.empty() || !place.second.empty()) {
      insert_place_.Bind(1, place.first).Bind(2, place.second).Run();
      find_place_.Bind(1, place.first).Bind(2, place.second);
      if (find_place_.Step()) place_id = find_place_.Int(0);
      find_place_.Reset();
    }
    std::string range_from = date.first.empty() ? first->published : date.first;
    std::string range_to = date.first.empty() ? first->published : (date.second.empty() ? date.first : date.second);
    update_event_.Bind(1, event_id)
        .Bind(2, mode)
        .BindOrNull(3, date.first)
        .BindOrNull(4, date.second)
        .Bind(5, range_from)
        .Bind(6, range_to);
    if (place_id) {
      update_event_.Bind(7, place_id);
    } else {
      update_event_.BindNull(7);
    }
    update_event_.BindOrNull(8, place.first)
        .BindOrNull(9, place.second)
        .BindOrNull(10, organization)
        .BindOrNull(11, target)
        .Bind(12, best->cameo)
        .Bind(13, best->confidence)
        .Bind(14, static_cast<int64_t>(rows.size()))
        .Bind(15, static_cast<int64_t>(articles.size()))
        .Bind(16, static_cast<int64_t>(roots.size()))
        .Bind(17, store_internal::JoinWords({outlets.begin(), outlets.end()}))
        .Bind(18, store_internal::JoinWords({languages.begin(), languages.end()}))
        .BindOrNull(19, first->published)
        .Bind(20, first->article)
        .BindOrNull(21, first->url)
        .Bind(22, best->evidence)
        .Bind(23, static_cast<int64_t>(conflicting_dates))
        .Bind(24, static_cast<int64_t>(conflicting_places))
        .Run();
  }

  // Links planned events to the meeting that later occurred: same
  // participants, a compatible mode, on the announced dates (or within
  // kPlanHorizonDays of the announcement when it gave none).
  void LinkPlans(int64_t event_id) {
    event_state_.Bind(1, event_id);
    if (!event_state_.Step()) {
      event_state_.Reset();
      return;
    }
    std::string key = event_state_.Text(0), mode = event_state_.Text(1), status = event_state_.Text(2);
    std::string range_from = event_state_.Text(3), range_to = event_state_.Text(4);
    std::string date_from = event_state_.Text(5), date_to = event_state_.Text(6);
    std::string first_reported = event_state_.Text(7);
    bool linked = !event_state_.IsNull(8);
    event_state_.Reset();
    auto window_of_plan = [](const std::string& from, const std::string& to,
                             const std::string& reported) -> std::optional<Interval> {
      if (auto dates = DaysOf(from, to)) return Interval{dates->from - 1, dates->to + 1};
      if (auto day = DayOf(reported)) return Interval{*day, *day + kPlanHorizonDays};
      return std::nullopt;
    };
    if (status == "planned") {
      if (linked) return;
      auto window = window_of_plan(date_from, date_to, first_reported);
      if (!window) return;
      find_occurred_.Bind(1, key).Bind(2, IsoOfDay(window->from)).Bind(3, IsoOfDay(window->to));
      int64_t occurred = 0;
      while (find_occurred_.Step()) {
        if (ModesCompatible(mode, find_occurred_.Text(1)) || mode == "contact") {
          occurred = find_occurred_.Int(0);
          break;
        }
      }
      find_occurred_.Reset();
      if (occurred) link_plan_.Bind(1, event_id).Bind(2, occurred).Run();
      return;
    }
    auto day_from = DayOf(range_from), day_to = DayOf(range_to);
    if (!day_from || !day_to) return;
    // Plans announced up to kPlanHorizonDays before this event.
    find_planned_.Bind(1, key).Bind(2, range_to).Bind(3, IsoOfDay(*day_from - kPlanHorizonDays - 1));
    std::vector<int64_t> plans;
    while (find_planned_.Step()) {
      std::string plan_mode = find_planned_.Text(1);
      auto window = window_of_plan(find_planned_.Text(2), find_planned_.Text(3), find_planned_.Text(4));
      if (!window || window->to < *day_from || window->from > *day_to) continue;
      if (ModesCompatible(plan_mode, mode) || plan_mode == "contact") plans.push_back(find_planned_.Int(0));
    }
    find_planned_.Reset();
    for (int64_t plan : plans) link_plan_.Bind(1, plan).Bind(2, event_id).Run();
  }

  sqlite3* db_;
  const IngestOptions& options_;
  IngestSummary summary_;
  std::unordered_map<std::string, int64_t> actor_ids_;
  std::unordered_map<int64_t, std::vector<int64_t>> bands_;  // LSH band key -> articles
  std::unordered_map<int64_t, Known> known_;                 // article -> signature
  Statement find_identity_, load_signatures_, find_hash_, insert_article_, insert_fts_,
      find_actor_, insert_actor_, find_events_, insert_event_, insert_event_actor_, count_actor_, fill_office_,
      count_pair_,
      insert_mention_, event_mentions_, insert_place_, find_place_, update_event_, event_state_, find_occurred_,
      find_planned_, link_plan_;
};

double ThreadCpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

int64_t CountEvents(sqlite3* db) {
  Statement count(db, "SELECT count(*) FROM events");
  return count.Step() ? count.Int(0) : 0;
}

}  // namespace

Result<IngestSummary> EventStore::Ingest(const Pipeline& pipeline, ArticleReader& reader,
                                         const IngestOptions& options) {
  if (!impl_->writer) return Status::Error(path_ + ": opened read-only");
  sqlite3* db = impl_->writer;
  auto start = std::chrono::steady_clock::now();
  try {
    Ingestor ingestor(db, options);
    int64_t events_before = CountEvents(db);
    bool in_transaction = false;
    int in_batch = 0;
    std::string failure;
    auto commit = [&]() {
      if (!in_transaction) return;
      Exec(db, "COMMIT");
      in_transaction = false;
      in_batch = 0;
      IngestSummary& summary = ingestor.summary();
      ++summary.batches;
      if (options.on_progress) {
        IngestProgress progress;
        progress.articles_read = summary.articles_read;
        progress.articles_added = summary.articles_added;
        progress.events = events_before + summary.events_created;
        progress.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        progress.articles_per_second = progress.seconds > 0 ? summary.articles_read / progress.seconds : 0;
        options.on_progress(progress);
      }
    };
    CodeAll(
        pipeline, reader, std::max(1, options.threads),
        [&](const CodedArticle& coded) {
          if (!failure.empty()) return;  // the database failed: drain the input without writing
          double write_start = ThreadCpuSeconds();
          try {
            if (!in_transaction) {
              Exec(db, "BEGIN IMMEDIATE");
              in_transaction = true;
            }
            ingestor.Add(coded);
            if (++in_batch >= std::max(1, options.batch_articles)) commit();
          } catch (const SqliteError& error) {
            failure = error.what();
          }
          ingestor.summary().write_seconds += ThreadCpuSeconds() - write_start;
        },
        [&](const InputError& error) {
          ++ingestor.summary().input_errors;
          if (options.on_error) options.on_error(error);
        });
    if (!failure.empty()) throw SqliteError(failure);
    commit();
    IngestSummary summary = ingestor.summary();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
  } catch (const SqliteError& error) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return Status::Error(path_ + ": " + error.what());
  }
}

}  // namespace rayzan
