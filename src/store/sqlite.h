// A thin RAII layer over the SQLite C API for the store's own use.
//
// Errors inside the store are thrown as SqliteError and caught at the
// EventStore boundary, where they become a Status naming the database file;
// nothing thrown here leaves the store.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rayzan::store_internal {

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws SqliteError with sqlite3_errmsg when `code` is not one of the ok codes.
void Check(sqlite3* db, int code, std::string_view what);

// Executes one or more statements without results.
void Exec(sqlite3* db, const std::string& sql);

// A prepared statement. Bind* take 1-based parameter indexes; the column
// getters 0-based column indexes.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);  // copied
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& BindBlob(int index, const void* data, int size);  // copied
  Statement& BindNull(int index);
  // Binds NULL for an empty string.
  Statement& BindOrNull(int index, std::string_view value) {
    return value.empty() ? BindNull(index) : Bind(index, value);
  }

  // Advances to the next row; false when done. Throws on error.
  bool Step();
  // Steps to completion (statements without rows), then resets.
  void Run();
  void Reset();

  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;  // "" for NULL
  std::string_view Blob(int column) const;
  bool IsNull(int column) const;

  sqlite3_stmt* get() const { return statement_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace rayzan::store_internal
