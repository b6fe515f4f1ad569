#include "store/normalizing_tokenizer.h"

#include <unicode/uchar.h>

#include <cstring>
#include <string>

#include "rayzan/text.h"
#include "store/sqlite.h"

namespace rayzan::store_internal {

namespace {

struct Hint {
  std::string_view text;
  const NormalizedText* normalized = nullptr;
};
thread_local Hint hint;

bool IsWordCharacter(char32_t c) {
  if (c < 0x80) return (c | 0x20) - 'a' < 26u || c - '0' < 10u;
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
}

// A tokenizer has no per-instance state; FTS5 still wants a non-null handle.
Fts5Tokenizer* const kInstance = reinterpret_cast<Fts5Tokenizer*>(const_cast<char*>("rayzan"));

int Create(void*, const char**, int, Fts5Tokenizer** out) {
  *out = kInstance;
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer*) {}

int Tokenize(Fts5Tokenizer*, void* context, int, const char* text, int size,
             int (*emit)(void*, int, const char*, int, int, int)) {
  if (size <= 0) return SQLITE_OK;
  std::string_view source(text, static_cast<size_t>(size));
  NormalizedText own;
  const NormalizedText* normalized = nullptr;
  if (hint.normalized && hint.text.size() == source.size() &&
      (hint.text.data() == source.data() || std::memcmp(hint.text.data(), source.data(), source.size()) == 0)) {
    normalized = hint.normalized;
  } else {
    if (FindInvalidUtf8(source) >= 0) return SQLITE_OK;  // nothing searchable in it
    own = Normalize(source);
    normalized = &own;
  }
  int code = SQLITE_OK;
  ForEachNormalizedToken(*normalized, [&](std::string_view token, uint32_t begin, uint32_t end) {
    if (code != SQLITE_OK) return;
    code = emit(context, 0, token.data(), static_cast<int>(token.size()), static_cast<int>(begin),
                static_cast<int>(end));
  });
  return code;
}

}  // namespace

void ForEachNormalizedToken(const NormalizedText& normalized,
                            const std::function<void(std::string_view, uint32_t, uint32_t)>& on_token) {
  const std::string& text = normalized.text;
  uint32_t offset = 0, word_begin = 0;
  bool in_word = false;
  while (offset < text.size()) {
    uint32_t start = offset;
    char32_t c = static_cast<unsigned char>(text[offset]) < 0x80 ? static_cast<unsigned char>(text[offset++])
                                                                  : DecodeUtf8(text, &offset);
    if (IsWordCharacter(c)) {
      if (!in_word) word_begin = start;
      in_word = true;
    } else if (in_word) {
      on_token(std::string_view(text).substr(word_begin, start - word_begin), normalized.source_offset[word_begin],
               normalized.source_offset[start]);
      in_word = false;
    }
  }
  if (in_word) {
    on_token(std::string_view(text).substr(word_begin), normalized.source_offset[word_begin],
             normalized.source_offset[text.size()]);
  }
}

void SetNormalizedHint(std::string_view text, const NormalizedText* normalized) {
  hint.text = text;
  hint.normalized = normalized;
}

void RegisterNormalizingTokenizer(sqlite3* db) {
  fts5_api* api = nullptr;
  {
    Statement statement(db, "SELECT fts5(?1)");
    Check(db, sqlite3_bind_pointer(statement.get(), 1, &api, "fts5_api_ptr", nullptr), "fts5");
    statement.Step();
  }
  if (!api || api->iVersion < 2) throw SqliteError("SQLite lacks FTS5");
  fts5_tokenizer tokenizer{Create, Delete, Tokenize};
  Check(db, api->xCreateTokenizer(api, "rayzan", nullptr, &tokenizer, nullptr), "fts5 tokenizer");
}

}  // namespace rayzan::store_internal
