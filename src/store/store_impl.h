// What the EventStore's translation units share: the connections, the
// schema and the row readers. Internal to src/store.
#pragma once

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <vector>

#include "rayzan/store.h"
#include "store/sqlite.h"

namespace rayzan {

struct EventStore::Impl {
  std::string path;
  StoreOptions options;
  sqlite3* writer = nullptr;  // null when read_only
  mutable std::mutex pool_mutex;
  mutable std::vector<sqlite3*> idle_readers;

  ~Impl();
  // Opens a connection with the tokenizer registered and pragmas set.
  sqlite3* Connect(bool write) const;

  // A read connection borrowed from the pool for one query.
  class Lease {
   public:
    explicit Lease(const Impl& impl);
    ~Lease();
    sqlite3* db() const { return db_; }

   private:
    const Impl& impl_;
    sqlite3* db_;
  };
};

namespace store_internal {

// Creates the tables when missing; throws when the file is another schema.
void CreateSchema(sqlite3* db);

// The columns of `events` EventRecordFrom reads, in order, for "SELECT ... FROM events e".
extern const char kEventColumns[];
// Reads an event row selected with kEventColumns starting at column 0, and its actors.
EventRecord EventRecordFrom(sqlite3* db, const Statement& row);
extern const char kArticleColumns[];
ArticleRecord ArticleRecordFrom(const Statement& row);
extern const char kMentionColumns[];
MentionRecord MentionRecordFrom(const Statement& row);
extern const char kActorColumns[];
StoredActor ActorFrom(const Statement& row, int first_column);

// "a b c" <-> {"a","b","c"}.
std::string JoinWords(const std::vector<std::string>& words);
std::vector<std::string> SplitWords(const std::string& text);

}  // namespace store_internal
}  // namespace rayzan
