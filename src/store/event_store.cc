// EventStore: opening the database and every read-only query.
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "rayzan/kb.h"
#include "rayzan/normalize.h"
#include "rayzan/store.h"
#include "rayzan/text.h"
#include "store/normalizing_tokenizer.h"
#include "store/store_impl.h"

namespace rayzan {

using store_internal::Check;
using store_internal::Exec;
using store_internal::SqliteError;
using store_internal::Statement;

namespace store_internal {

namespace {

constexpr int kSchemaVersion = 1;

// The schema, documented column by column in docs/database.md.
constexpr char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
  id INTEGER PRIMARY KEY,
  identity INTEGER NOT NULL UNIQUE,
  doc TEXT NOT NULL, input_source TEXT, url TEXT, outlet TEXT NOT NULL, title TEXT,
  published TEXT, language TEXT NOT NULL, text TEXT NOT NULL,
  content_hash INTEGER NOT NULL, signature BLOB,
  duplicate_of INTEGER, similarity REAL NOT NULL DEFAULT 0,
  event_count INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet, published);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS actors(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kb_id TEXT, name TEXT NOT NULL,
  folded_name TEXT NOT NULL, kind TEXT NOT NULL, office TEXT, country TEXT,
  event_count INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS actors_kb ON actors(kb_id);
CREATE INDEX IF NOT EXISTS actors_count ON actors(event_count DESC);
CREATE TABLE IF NOT EXISTS places(
  id INTEGER PRIMARY KEY, city TEXT NOT NULL, country TEXT NOT NULL, UNIQUE(city, country));
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY, actor_key TEXT NOT NULL, type TEXT NOT NULL, mode TEXT NOT NULL,
  status TEXT NOT NULL, date_from TEXT, date_to TEXT,
  range_from TEXT NOT NULL, range_to TEXT NOT NULL,
  place_id INTEGER, city TEXT, country TEXT, organization TEXT, target_country TEXT,
  cameo TEXT, confidence REAL NOT NULL DEFAULT 0,
  mention_count INTEGER NOT NULL DEFAULT 0, article_count INTEGER NOT NULL DEFAULT 0,
  source_count INTEGER NOT NULL DEFAULT 0, outlets TEXT, languages TEXT,
  first_reported TEXT, first_article_id INTEGER, first_url TEXT, evidence TEXT,
  conflicting_dates INTEGER NOT NULL DEFAULT 0, conflicting_places INTEGER NOT NULL DEFAULT 0,
  occurred_event_id INTEGER);
CREATE INDEX IF NOT EXISTS events_key ON events(actor_key, status, range_from);
CREATE INDEX IF NOT EXISTS events_range ON events(range_from);
CREATE INDEX IF NOT EXISTS events_sources ON events(source_count DESC);
CREATE INDEX IF NOT EXISTS events_first ON events(first_reported);
CREATE INDEX IF NOT EXISTS events_occurred ON events(occurred_event_id) WHERE occurred_event_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS event_actors(
  actor_id INTEGER NOT NULL, event_id INTEGER NOT NULL, PRIMARY KEY(actor_id, event_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);
CREATE TABLE IF NOT EXISTS actor_pairs(
  first INTEGER NOT NULL, second INTEGER NOT NULL, event_count INTEGER NOT NULL,
  PRIMARY KEY(first, second)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_pairs_count ON actor_pairs(event_count DESC);
CREATE INDEX IF NOT EXISTS actor_pairs_second ON actor_pairs(second);
CREATE TABLE IF NOT EXISTS mentions(
  id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL, article_id INTEGER NOT NULL,
  ordinal INTEGER NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
  date_from TEXT, date_to TEXT, city TEXT, country TEXT, organization TEXT, target_country TEXT,
  evidence TEXT, spans TEXT, cameo TEXT, confidence REAL NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, text, content='articles', content_rowid='id', tokenize='rayzan');
)sql";

}  // namespace

void CreateSchema(sqlite3* db) {
  Exec(db, "BEGIN IMMEDIATE");
  try {
    {
      Statement version(db, "SELECT value FROM meta WHERE key='schema'");
      if (version.Step()) {
        if (version.Text(0) != std::to_string(kSchemaVersion)) {
          throw SqliteError("schema version " + version.Text(0) + ", this rayzan reads " +
                            std::to_string(kSchemaVersion));
        }
      }
    }
  } catch (const SqliteError& error) {
    // No meta table yet: a new database.
    if (std::string(error.what()).find("no such table") == std::string::npos) {
      Exec(db, "ROLLBACK");
      throw;
    }
  }
  Exec(db, kSchema);
  Exec(db, "INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '" + std::to_string(kSchemaVersion) + "')");
  Exec(db, "COMMIT");
}

const char kEventColumns[] =
    "e.id, e.type, e.mode, e.status, e.date_from, e.date_to, e.city, e.country, e.organization, "
    "e.target_country, e.cameo, e.confidence, e.mention_count, e.article_count, e.source_count, e.outlets, "
    "e.languages, e.first_reported, e.first_article_id, e.first_url, e.evidence, e.conflicting_dates, "
    "e.conflicting_places, e.occurred_event_id";

const char kActorColumns[] = "a.id, a.kb_id, a.name, a.kind, a.office, a.country";

StoredActor ActorFrom(const Statement& row, int c) {
  StoredActor actor;
  actor.id = row.Int(c);
  actor.kb_id = row.Text(c + 1);
  actor.name = row.Text(c + 2);
  actor.kind = row.Text(c + 3);
  actor.office = row.Text(c + 4);
  actor.country = row.Text(c + 5);
  return actor;
}

EventRecord EventRecordFrom(sqlite3* db, const Statement& row) {
  EventRecord event;
  event.id = row.Int(0);
  event.type = row.Text(1);
  event.mode = row.Text(2);
  event.status = row.Text(3);
  event.date_from = row.Text(4);
  event.date_to = row.Text(5);
  event.city = row.Text(6);
  event.country = row.Text(7);
  event.organization = row.Text(8);
  event.target_country = row.Text(9);
  event.cameo = row.Text(10);
  event.confidence = row.Double(11);
  event.mention_count = static_cast<int>(row.Int(12));
  event.article_count = static_cast<int>(row.Int(13));
  event.source_count = static_cast<int>(row.Int(14));
  event.outlets = SplitWords(row.Text(15));
  event.languages = SplitWords(row.Text(16));
  event.first_reported = row.Text(17);
  event.first_article_id = row.Int(18);
  event.first_url = row.Text(19);
  event.evidence = row.Text(20);
  event.conflicting_dates = row.Int(21) != 0;
  event.conflicting_places = row.Int(22) != 0;
  event.occurred_event_id = row.Int(23);
  Statement actors(db, std::string("SELECT ") + kActorColumns +
                           " FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = ?1"
                           " ORDER BY a.id");
  actors.Bind(1, event.id);
  while (actors.Step()) event.actors.push_back(ActorFrom(actors, 0));
  return event;
}

const char kArticleColumns[] =
    "r.id, r.doc, r.input_source, r.url, r.outlet, r.title, r.published, r.language, r.content_hash, "
    "r.duplicate_of, r.similarity, r.event_count";

ArticleRecord ArticleRecordFrom(const Statement& row) {
  ArticleRecord article;
  article.id = row.Int(0);
  article.doc = row.Text(1);
  article.input_source = row.Text(2);
  article.url = row.Text(3);
  article.outlet = row.Text(4);
  article.title = row.Text(5);
  article.published = row.Text(6);
  article.language = row.Text(7);
  article.content_hash = static_cast<uint64_t>(row.Int(8));
  article.duplicate_of = row.Int(9);
  article.similarity = row.Double(10);
  article.event_count = static_cast<int>(row.Int(11));
  return article;
}

const char kMentionColumns[] =
    "m.id, m.event_id, m.article_id, r.doc, r.url, r.outlet, r.language, r.published, m.mode, m.status, "
    "m.date_from, m.date_to, m.city, m.country, m.evidence, m.spans, m.confidence, "
    "coalesce(r.duplicate_of, r.id)";

MentionRecord MentionRecordFrom(const Statement& row) {
  MentionRecord mention;
  mention.id = row.Int(0);
  mention.event_id = row.Int(1);
  mention.article_id = row.Int(2);
  mention.doc = row.Text(3);
  mention.url = row.Text(4);
  mention.outlet = row.Text(5);
  mention.language = row.Text(6);
  mention.published = row.Text(7);
  mention.mode = row.Text(8);
  mention.status = row.Text(9);
  mention.date_from = row.Text(10);
  mention.date_to = row.Text(11);
  mention.city = row.Text(12);
  mention.country = row.Text(13);
  mention.evidence = row.Text(14);
  // spans: "start-end start-end"
  for (const std::string& span : SplitWords(row.Text(15))) {
    size_t dash = span.find('-');
    if (dash == std::string::npos) continue;
    mention.evidence_spans.push_back({std::stoll(span.substr(0, dash)), std::stoll(span.substr(dash + 1))});
  }
  mention.confidence = row.Double(16);
  mention.original_article_id = row.Int(17);
  return mention;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

}  // namespace store_internal

using store_internal::ActorFrom;
using store_internal::ArticleRecordFrom;
using store_internal::EventRecordFrom;
using store_internal::kActorColumns;
using store_internal::kArticleColumns;
using store_internal::kEventColumns;
using store_internal::kMentionColumns;
using store_internal::MentionRecordFrom;

// ---------------------------------------------------------------------------
// Connections.

EventStore::Impl::~Impl() {
  for (sqlite3* db : idle_readers) sqlite3_close_v2(db);
  if (writer) {
    sqlite3_exec(writer, "PRAGMA optimize", nullptr, nullptr, nullptr);
    sqlite3_close_v2(writer);
  }
}

sqlite3* EventStore::Impl::Connect(bool write) const {
  sqlite3* db = nullptr;
  int flags = (write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
  int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close_v2(db);
    throw SqliteError(message);
  }
  try {
    sqlite3_busy_timeout(db, options.busy_timeout_ms);
    store_internal::RegisterNormalizingTokenizer(db);
    if (write) {
      Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
               "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=4000");
    } else {
      Exec(db, "PRAGMA cache_size=-16384; PRAGMA temp_store=MEMORY");
    }
  } catch (...) {
    sqlite3_close_v2(db);
    throw;
  }
  return db;
}

EventStore::Impl::Lease::Lease(const Impl& impl) : impl_(impl) {
  {
    std::lock_guard<std::mutex> lock(impl.pool_mutex);
    if (!impl.idle_readers.empty()) {
      db_ = impl.idle_readers.back();
      impl.idle_readers.pop_back();
      return;
    }
  }
  db_ = impl.Connect(false);
}

EventStore::Impl::Lease::~Lease() {
  std::lock_guard<std::mutex> lock(impl_.pool_mutex);
  impl_.idle_readers.push_back(db_);
}

EventStore::~EventStore() = default;

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path, StoreOptions options) {
  std::unique_ptr<EventStore> store(new EventStore());
  store->path_ = path;
  store->impl_ = std::make_unique<Impl>();
  store->impl_->path = path;
  store->impl_->options = std::move(options);
  try {
    if (store->impl_->options.read_only) {
      struct stat info;
      if (stat(path.c_str(), &info) != 0) return Status::Error(path + ": no such database");
      Impl::Lease lease(*store->impl_);
      Statement version(lease.db(), "SELECT value FROM meta WHERE key='schema'");
      if (!version.Step()) throw SqliteError("not a Rayzan database");
    } else {
      store->impl_->writer = store->impl_->Connect(true);
      store_internal::CreateSchema(store->impl_->writer);
    }
  } catch (const SqliteError& error) {
    std::string message = error.what();
    if (message.find("no such table") != std::string::npos) message = "not a Rayzan database";
    return Status::Error(path + ": " + message);
  }
  return store;
}

// ---------------------------------------------------------------------------
// Queries.

namespace {

template <typename T, typename Body>
Result<T> Query(const EventStore::Impl& impl, Body body) {
  try {
    EventStore::Impl::Lease lease(impl);
    Exec(lease.db(), "BEGIN");
    try {
      T result = body(lease.db());
      Exec(lease.db(), "COMMIT");
      return result;
    } catch (...) {
      sqlite3_exec(lease.db(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  } catch (const SqliteError& error) {
    return Status::Error(impl.path + ": " + error.what());
  } catch (const std::exception& error) {
    return Status::Error(impl.path + ": " + error.what());
  }
}

std::string ClampDate(const std::string& date, bool end) {
  if (date.empty()) return date;
  // "2021" and "2021-12" widen to the year's / month's bounds.
  if (date.size() == 4) return date + (end ? "-12-31" : "-01-01");
  if (date.size() == 7) return date + (end ? "-31" : "-01");
  return date.substr(0, 10);
}

// Actor ids `text` denotes (see EventQuery::actors).
std::vector<int64_t> ResolveActorIn(sqlite3* db, const KnowledgeBase* kb, const std::string& raw) {
  std::string text = raw;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  std::vector<int64_t> ids;
  if (text.empty()) return ids;
  auto collect = [&](Statement& statement) {
    while (statement.Step()) ids.push_back(statement.Int(0));
  };
  if (text[0] == '#' && text.size() > 1 && std::all_of(text.begin() + 1, text.end(), ::isdigit)) {
    Statement statement(db, "SELECT id FROM actors WHERE id = ?1");
    statement.Bind(1, static_cast<int64_t>(std::stoll(text.substr(1))));
    collect(statement);
    return ids;
  }
  {
    Statement statement(db, "SELECT id FROM actors WHERE kb_id = ?1 OR key = ?1");
    statement.Bind(1, text);
    collect(statement);
  }
  if (!ids.empty()) return ids;
  if (FindInvalidUtf8(text) >= 0) return ids;
  std::string folded = NormalizeForMatching(text);
  if (kb) {
    std::vector<NameMatch> matches = kb->FindNames(folded, Span{0, static_cast<uint32_t>(folded.size())});
    std::set<std::string> kb_ids, countries;
    for (const NameMatch& match : matches) {
      // Only a name that is the whole query: "Lavrov" names Lavrov, "Lavrov
      // said" is not a spelling.
      if (match.span.begin > 1 || match.span.end + 1 < folded.size()) continue;
      for (const EntityRef& entity : match.entities) {
        if (entity.kind == EntityKind::kPerson) kb_ids.insert(kb->person(entity.index).id);
        if (entity.kind == EntityKind::kCountry) countries.insert(kb->country(entity.index).iso2);
      }
    }
    for (const std::string& id : kb_ids) {
      Statement statement(db, "SELECT id FROM actors WHERE kb_id = ?1");
      statement.Bind(1, id);
      collect(statement);
    }
    for (const std::string& iso2 : countries) {
      Statement statement(db, "SELECT id FROM actors WHERE kind = 'country' AND country = ?1");
      statement.Bind(1, iso2);
      collect(statement);
    }
    if (!kb_ids.empty() || !countries.empty()) return ids;
  }
  Statement statement(db, "SELECT id FROM actors WHERE instr(folded_name, ?1) > 0 ORDER BY event_count DESC LIMIT 200");
  statement.Bind(1, folded);
  collect(statement);
  return ids;
}

std::string IdList(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::string InList(sqlite3* db, const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out += ',';
    char* quoted = sqlite3_mprintf("%Q", value.c_str());
    out += quoted;
    sqlite3_free(quoted);
  }
  return out;
}

std::string DateSpanOf(const std::string& from, const std::string& to) {
  if (from.empty()) return {};
  return from == to || to.empty() ? from : from + ".." + to;
}

void FillActorDates(sqlite3* db, ActorSummary* summary) {
  Statement dates(db,
                  "SELECT min(e.range_from), max(e.range_to) FROM event_actors ea JOIN events e ON e.id = ea.event_id"
                  " WHERE ea.actor_id = ?1");
  dates.Bind(1, summary->actor.id);
  if (dates.Step()) {
    summary->first_date = dates.Text(0);
    summary->last_date = dates.Text(1);
  }
}

StoredActor ActorById(sqlite3* db, int64_t id) {
  Statement statement(db, std::string("SELECT ") + kActorColumns + " FROM actors a WHERE a.id = ?1");
  statement.Bind(1, id);
  if (!statement.Step()) throw SqliteError("no actor " + std::to_string(id));
  return ActorFrom(statement, 0);
}

std::vector<ActorPair> TopPairsIn(sqlite3* db, int64_t actor, int64_t limit) {
  std::vector<ActorPair> pairs;
  std::string sql = "SELECT first, second, event_count FROM actor_pairs";
  if (actor) sql += " WHERE first = ?1 OR second = ?1";
  sql += " ORDER BY event_count DESC, first, second LIMIT ?2";
  Statement statement(db, sql);
  if (actor) statement.Bind(1, actor);
  statement.Bind(2, limit);
  Statement dates(db,
                  "SELECT min(e.range_from), max(e.range_to) FROM event_actors x JOIN event_actors y"
                  " ON y.event_id = x.event_id AND y.actor_id = ?2 JOIN events e ON e.id = x.event_id"
                  " WHERE x.actor_id = ?1");
  while (statement.Step()) {
    ActorPair pair;
    pair.first = ActorById(db, statement.Int(0));
    pair.second = ActorById(db, statement.Int(1));
    pair.event_count = static_cast<int>(statement.Int(2));
    dates.Bind(1, pair.first.id).Bind(2, pair.second.id);
    if (dates.Step()) {
      pair.first_date = dates.Text(0);
      pair.last_date = dates.Text(1);
    }
    dates.Reset();
    pairs.push_back(pair);
  }
  return pairs;
}

std::vector<EventRecord> EventsOfArticle(sqlite3* db, int64_t article) {
  std::vector<EventRecord> events;
  Statement statement(db, std::string("SELECT ") + kEventColumns +
                              " FROM events e WHERE e.id IN (SELECT event_id FROM mentions WHERE article_id = ?1)"
                              " ORDER BY e.range_from, e.id");
  statement.Bind(1, article);
  while (statement.Step()) events.push_back(EventRecordFrom(db, statement));
  return events;
}

}  // namespace

Result<std::vector<int64_t>> EventStore::ResolveActor(const std::string& text) const {
  return Query<std::vector<int64_t>>(
      *impl_, [&](sqlite3* db) { return ResolveActorIn(db, impl_->options.knowledge_base.get(), text); });
}

Result<EventPage> EventStore::FindEvents(const EventQuery& query) const {
  return Query<EventPage>(*impl_, [&](sqlite3* db) {
    EventPage page;
    std::string where = "1";
    for (const std::string& actor : query.actors) {
      std::vector<int64_t> ids = ResolveActorIn(db, impl_->options.knowledge_base.get(), actor);
      if (ids.empty()) return page;
      if (ids.size() == 1) {
        where += " AND EXISTS(SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.actor_id = " +
                 std::to_string(ids[0]) + ")";
      } else {
        where += " AND EXISTS(SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.actor_id IN (" +
                 IdList(ids) + "))";
      }
    }
    if (!query.country.empty()) {
      std::string quoted = InList(db, {query.country});
      where += " AND (e.country = " + quoted +
               " OR EXISTS(SELECT 1 FROM event_actors x JOIN actors a ON a.id = x.actor_id"
               " WHERE x.event_id = e.id AND a.country = " + quoted + "))";
    }
    if (!query.modes.empty()) where += " AND e.mode IN (" + InList(db, query.modes) + ")";
    if (!query.statuses.empty()) where += " AND e.status IN (" + InList(db, query.statuses) + ")";
    if (!query.type.empty()) where += " AND e.type = " + InList(db, {query.type});
    if (!query.date_from.empty()) where += " AND e.range_to >= " + InList(db, {ClampDate(query.date_from, false)});
    if (!query.date_to.empty()) where += " AND e.range_from <= " + InList(db, {ClampDate(query.date_to, true)});
    if (!query.language.empty() || !query.outlet.empty()) {
      where += " AND EXISTS(SELECT 1 FROM mentions m JOIN articles r ON r.id = m.article_id WHERE m.event_id = e.id";
      if (!query.language.empty()) where += " AND r.language = " + InList(db, {query.language});
      if (!query.outlet.empty()) where += " AND r.outlet = " + InList(db, {query.outlet});
      where += ")";
    }
    if (query.min_sources > 0) where += " AND e.source_count >= " + std::to_string(query.min_sources);
    {
      Statement count(db, "SELECT count(*) FROM events e WHERE " + where);
      if (count.Step()) page.total = count.Int(0);
    }
    std::string order;
    switch (query.sort) {
      // Events with neither a date nor a dated report go last either way.
      case EventQuery::Sort::kDateAscending: order = "e.range_from = '', e.range_from, e.id"; break;
      case EventQuery::Sort::kDateDescending: order = "e.range_from = '', e.range_from DESC, e.id DESC"; break;
      case EventQuery::Sort::kSourcesDescending: order = "e.source_count DESC, e.range_from, e.id"; break;
      case EventQuery::Sort::kFirstReported: order = "e.first_reported, e.id"; break;
    }
    Statement list(db, std::string("SELECT ") + kEventColumns + " FROM events e WHERE " + where + " ORDER BY " +
                           order + " LIMIT ?1 OFFSET ?2");
    list.Bind(1, std::clamp<int64_t>(query.limit, 0, 10000)).Bind(2, std::max<int64_t>(0, query.offset));
    while (list.Step()) page.events.push_back(EventRecordFrom(db, list));
    return page;
  });
}

Result<EventDetail> EventStore::GetEvent(int64_t id) const {
  return Query<EventDetail>(*impl_, [&](sqlite3* db) {
    EventDetail detail;
    {
      Statement statement(db, std::string("SELECT ") + kEventColumns + " FROM events e WHERE e.id = ?1");
      statement.Bind(1, id);
      if (!statement.Step()) throw SqliteError("no event " + std::to_string(id));
      detail.event = EventRecordFrom(db, statement);
    }
    Statement mentions(db, std::string("SELECT ") + kMentionColumns +
                               " FROM mentions m JOIN articles r ON r.id = m.article_id WHERE m.event_id = ?1"
                               " ORDER BY coalesce(r.published, '9999'), m.id");
    mentions.Bind(1, id);
    std::map<std::string, EventSource> sources;
    std::map<std::pair<std::string, std::string>, std::vector<int64_t>> dates, places;
    while (mentions.Step()) {
      MentionRecord mention = MentionRecordFrom(mentions);
      EventSource& source = sources[mention.outlet];
      source.outlet = mention.outlet;
      if (std::find(source.article_ids.begin(), source.article_ids.end(), mention.article_id) ==
          source.article_ids.end()) {
        source.article_ids.push_back(mention.article_id);
      }
      if (mention.original_article_id == mention.article_id) source.independent = true;
      if (!mention.date_from.empty()) dates[{mention.date_from, mention.date_to}].push_back(mention.id);
      if (!mention.city.empty() || !mention.country.empty()) places[{mention.city, mention.country}].push_back(mention.id);
      detail.mentions.push_back(std::move(mention));
    }
    for (auto& [outlet, source] : sources) detail.sources.push_back(std::move(source));
    if (detail.event.conflicting_dates) {
      for (auto& [date, ids] : dates) detail.variants.push_back({"date", DateSpanOf(date.first, date.second), ids});
    }
    if (detail.event.conflicting_places) {
      for (auto& [place, ids] : places) {
        std::string value = place.first.empty() ? place.second : place.first + ", " + place.second;
        detail.variants.push_back({"place", value, ids});
      }
    }
    Statement planned(db, "SELECT id FROM events WHERE occurred_event_id = ?1 ORDER BY id");
    planned.Bind(1, id);
    while (planned.Step()) detail.planned_by.push_back(planned.Int(0));
    return detail;
  });
}

Result<std::vector<ActorSummary>> EventStore::FindActors(const ActorQuery& query) const {
  return Query<std::vector<ActorSummary>>(*impl_, [&](sqlite3* db) {
    std::vector<ActorSummary> actors;
    std::string sql = std::string("SELECT ") + kActorColumns + ", a.event_count FROM actors a WHERE 1";
    if (!query.text.empty()) {
      std::vector<int64_t> ids = ResolveActorIn(db, impl_->options.knowledge_base.get(), query.text);
      if (ids.empty()) return actors;
      sql += " AND a.id IN (" + IdList(ids) + ")";
    }
    if (!query.kind.empty()) sql += " AND a.kind = " + InList(db, {query.kind});
    sql += " ORDER BY a.event_count DESC, a.id LIMIT ?1 OFFSET ?2";
    Statement statement(db, sql);
    statement.Bind(1, std::clamp<int64_t>(query.limit, 0, 10000)).Bind(2, std::max<int64_t>(0, query.offset));
    while (statement.Step()) {
      ActorSummary summary;
      summary.actor = ActorFrom(statement, 0);
      summary.event_count = static_cast<int>(statement.Int(6));
      FillActorDates(db, &summary);
      actors.push_back(std::move(summary));
    }
    return actors;
  });
}

Result<ActorDetail> EventStore::GetActor(int64_t id) const {
  return Query<ActorDetail>(*impl_, [&](sqlite3* db) {
    ActorDetail detail;
    detail.summary.actor = ActorById(db, id);
    {
      Statement count(db, "SELECT event_count FROM actors WHERE id = ?1");
      count.Bind(1, id);
      if (count.Step()) detail.summary.event_count = static_cast<int>(count.Int(0));
    }
    FillActorDates(db, &detail.summary);
    detail.partners = TopPairsIn(db, id, 50);
    Statement months(db,
                     "SELECT substr(e.range_from, 1, 7) AS month, count(*) FROM event_actors ea"
                     " JOIN events e ON e.id = ea.event_id WHERE ea.actor_id = ?1 AND e.range_from != ''"
                     " GROUP BY month ORDER BY month");
    months.Bind(1, id);
    while (months.Step()) detail.events_per_month.emplace_back(months.Text(0), static_cast<int>(months.Int(1)));
    return detail;
  });
}

Result<std::vector<ActorPair>> EventStore::TopPairs(int64_t actor, int64_t limit) const {
  return Query<std::vector<ActorPair>>(*impl_, [&](sqlite3* db) { return TopPairsIn(db, actor, limit); });
}

Result<std::vector<ArticleRecord>> EventStore::FindArticles(const ArticleQuery& query) const {
  return Query<std::vector<ArticleRecord>>(*impl_, [&](sqlite3* db) {
    std::vector<ArticleRecord> articles;
    std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles r WHERE 1";
    if (!query.outlet.empty()) sql += " AND r.outlet = " + InList(db, {query.outlet});
    if (!query.language.empty()) sql += " AND r.language = " + InList(db, {query.language});
    if (!query.date_from.empty()) sql += " AND r.published >= " + InList(db, {ClampDate(query.date_from, false)});
    if (!query.date_to.empty()) sql += " AND r.published <= " + InList(db, {ClampDate(query.date_to, true) + "~"});
    if (query.originals_only) sql += " AND r.duplicate_of IS NULL";
    if (query.with_events_only) sql += " AND r.event_count > 0";
    sql += " ORDER BY r.published, r.id LIMIT ?1 OFFSET ?2";
    Statement statement(db, sql);
    statement.Bind(1, std::clamp<int64_t>(query.limit, 0, 10000)).Bind(2, std::max<int64_t>(0, query.offset));
    while (statement.Step()) articles.push_back(ArticleRecordFrom(statement));
    return articles;
  });
}

Result<ArticleDetail> EventStore::GetArticle(int64_t id) const {
  return Query<ArticleDetail>(*impl_, [&](sqlite3* db) {
    ArticleDetail detail;
    {
      Statement statement(db, std::string("SELECT ") + kArticleColumns + ", r.text FROM articles r WHERE r.id = ?1");
      statement.Bind(1, id);
      if (!statement.Step()) throw SqliteError("no article " + std::to_string(id));
      detail.article = ArticleRecordFrom(statement);
      detail.text = statement.Text(12);
    }
    Statement mentions(db, std::string("SELECT ") + kMentionColumns +
                               " FROM mentions m JOIN articles r ON r.id = m.article_id WHERE m.article_id = ?1"
                               " ORDER BY m.ordinal");
    mentions.Bind(1, id);
    while (mentions.Step()) detail.mentions.push_back(MentionRecordFrom(mentions));
    detail.events = EventsOfArticle(db, id);
    Statement copies(db, std::string("SELECT ") + kArticleColumns + " FROM articles r WHERE r.duplicate_of = ?1"
                                                                     " ORDER BY r.id");
    copies.Bind(1, id);
    while (copies.Step()) detail.copies.push_back(ArticleRecordFrom(copies));
    return detail;
  });
}

Result<std::vector<SearchHit>> EventStore::Search(const SearchQuery& query) const {
  if (FindInvalidUtf8(query.text) >= 0) return Status::Error("search text is not UTF-8");
  return Query<std::vector<SearchHit>>(*impl_, [&](sqlite3* db) {
    std::vector<SearchHit> hits;
    std::string sql = std::string("SELECT ") + kArticleColumns +
                      ", snippet(articles_fts, -1, '[', ']', '…', 24), bm25(articles_fts)"
                      " FROM articles_fts JOIN articles r ON r.id = articles_fts.rowid WHERE articles_fts MATCH ?1";
    if (!query.language.empty()) sql += " AND r.language = " + InList(db, {query.language});
    sql += " ORDER BY bm25(articles_fts) LIMIT ?2 OFFSET ?3";
    Statement statement(db, sql);
    statement.Bind(1, query.text)
        .Bind(2, std::clamp<int64_t>(query.limit, 0, 1000))
        .Bind(3, std::max<int64_t>(0, query.offset));
    while (statement.Step()) {
      SearchHit hit;
      hit.article = ArticleRecordFrom(statement);
      hit.snippet = statement.Text(12);
      hit.rank = statement.Double(13);
      hits.push_back(std::move(hit));
    }
    for (SearchHit& hit : hits) {
      if (hit.article.event_count > 0) hit.events = EventsOfArticle(db, hit.article.id);
    }
    return hits;
  });
}

Result<StoreStats> EventStore::Stats(int64_t top) const {
  return Query<StoreStats>(*impl_, [&](sqlite3* db) {
    StoreStats stats;
    auto scalar = [&](const char* sql) {
      Statement statement(db, sql);
      return statement.Step() ? statement.Int(0) : 0;
    };
    auto counts = [&](const char* sql) {
      std::vector<std::pair<std::string, int64_t>> out;
      Statement statement(db, sql);
      while (statement.Step()) out.emplace_back(statement.Text(0), statement.Int(1));
      return out;
    };
    stats.articles = scalar("SELECT count(*) FROM articles");
    stats.exact_duplicates = scalar("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL AND similarity >= 1");
    stats.near_duplicates = scalar("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL AND similarity < 1");
    stats.mentions = scalar("SELECT count(*) FROM mentions");
    stats.events = scalar("SELECT count(*) FROM events");
    stats.actors = scalar("SELECT count(*) FROM actors");
    stats.places = scalar("SELECT count(*) FROM places");
    stats.conflicting_events = scalar("SELECT count(*) FROM events WHERE conflicting_dates OR conflicting_places");
    stats.articles_per_language = counts("SELECT language, count(*) FROM articles GROUP BY language ORDER BY 2 DESC");
    stats.events_per_mode = counts("SELECT mode, count(*) FROM events GROUP BY mode ORDER BY 2 DESC");
    stats.events_per_month = counts(
        "SELECT substr(range_from, 1, 7) AS month, count(*) FROM events WHERE range_from != ''"
        " GROUP BY month ORDER BY month");
    {
      Statement statement(db, std::string("SELECT ") + kActorColumns +
                                  ", a.event_count FROM actors a ORDER BY a.event_count DESC, a.id LIMIT ?1");
      statement.Bind(1, top);
      while (statement.Step()) {
        ActorSummary summary;
        summary.actor = ActorFrom(statement, 0);
        summary.event_count = static_cast<int>(statement.Int(6));
        FillActorDates(db, &summary);
        stats.top_actors.push_back(std::move(summary));
      }
    }
    stats.top_pairs = TopPairsIn(db, 0, top);
    struct stat info;
    if (stat(impl_->path.c_str(), &info) == 0) stats.file_bytes = info.st_size;
    std::string wal = impl_->path + "-wal";
    if (stat(wal.c_str(), &info) == 0) stats.file_bytes += info.st_size;
    return stats;
  });
}

}  // namespace rayzan
