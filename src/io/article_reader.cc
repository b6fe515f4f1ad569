#include "rayzan/article.h"

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "rayzan/text.h"

namespace rayzan {

namespace fs = std::filesystem;

namespace {

bool IsJsonLines(const std::string& path) {
  return path.ends_with(".jsonl") || path.ends_with(".ndjson");
}

std::string DocIdFromPath(const std::string& path) {
  return fs::path(path).stem().string();
}

// Why text is not an article, or empty when it is fine.
std::string CheckText(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return "empty";
  if (text.find('\0') != std::string_view::npos) return "binary data (NUL bytes), not text";
  int64_t invalid = FindInvalidUtf8(text);
  if (invalid >= 0) return "not UTF-8 (invalid byte at offset " + std::to_string(invalid) + ")";
  return "";
}

std::string TakeString(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

struct ArticleReader::Impl {
  ReaderOptions options;
  std::deque<std::string> pending;  // paths not yet opened
  // The JSON Lines file being read, if any.
  std::FILE* lines = nullptr;
  bool lines_is_stdin = false;
  std::string lines_path;
  uint64_t line_number = 0;

  ~Impl() { CloseLines(); }

  void CloseLines() {
    if (lines != nullptr && !lines_is_stdin) std::fclose(lines);
    lines = nullptr;
    buffer_begin = buffer_end = 0;
  }

  // Buffered reading of the JSON Lines file: memchr over 1 MB blocks.
  std::vector<char> buffer = std::vector<char>(1 << 20);
  size_t buffer_begin = 0, buffer_end = 0;

  // Reads one line of at most max_article_bytes; a longer line is skipped to
  // its end and reported. Returns false at end of file.
  bool ReadLine(std::string* line, bool* too_long) {
    line->clear();
    *too_long = false;
    bool any = false;
    while (true) {
      if (buffer_begin == buffer_end) {
        buffer_begin = 0;
        buffer_end = std::fread(buffer.data(), 1, buffer.size(), lines);
        if (buffer_end == 0) return any;
      }
      any = true;
      const char* start = buffer.data() + buffer_begin;
      size_t available = buffer_end - buffer_begin;
      const char* newline = static_cast<const char*>(std::memchr(start, '\n', available));
      size_t take = newline ? static_cast<size_t>(newline - start) : available;
      if (line->size() + take <= options.max_article_bytes) {
        line->append(start, take);
      } else {
        *too_long = true;
        line->clear();
      }
      buffer_begin += take + (newline ? 1 : 0);
      if (newline) return true;
    }
  }

  bool NextFromLines(Article* article, std::optional<InputError>* error) {
    std::string line;
    bool too_long = false;
    while (ReadLine(&line, &too_long)) {
      ++line_number;
      std::string source = lines_path + ":" + std::to_string(line_number);
      if (too_long) {
        *error = InputError{source, "line longer than " + std::to_string(options.max_article_bytes >> 20) +
                                        " MB, skipped"};
        return true;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (object.is_discarded() || !object.is_object()) {
        *error = InputError{source, "not a JSON object"};
        return true;
      }
      Article result;
      result.source = source;
      result.doc = TakeString(object, "id");
      if (result.doc.empty()) result.doc = TakeString(object, "doc");
      if (result.doc.empty()) result.doc = DocIdFromPath(lines_path) + "-" + std::to_string(line_number);
      result.url = TakeString(object, "url");
      result.title = TakeString(object, "title");
      result.published = TakeString(object, "published");
      if (result.published.empty()) result.published = TakeString(object, "date");
      result.language = TakeString(object, "lang");
      result.text = TakeString(object, "text");
      if (std::string why = CheckText(result.text); !why.empty()) {
        *error = InputError{source, "\"text\" is " + why};
        return true;
      }
      *article = std::move(result);
      return true;
    }
    if (std::ferror(lines)) *error = InputError{lines_path, "read error"};
    CloseLines();
    return error->has_value();
  }

  void OpenFolder(const std::string& path) {
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && it->path().filename().string().front() != '.') files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    pending.insert(pending.begin(), files.begin(), files.end());
  }

  bool NextFromFile(const std::string& path, Article* article, std::optional<InputError>* error) {
    std::error_code ec;
    uint64_t size = fs::file_size(path, ec);
    if (ec) {
      *error = InputError{path, "cannot read: " + ec.message()};
      return true;
    }
    if (size > options.max_article_bytes) {
      *error = InputError{path, "larger than " + std::to_string(options.max_article_bytes >> 20) + " MB, skipped"};
      return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      *error = InputError{path, "cannot open"};
      return true;
    }
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<size_t>(in.gcount()));
    if (std::string why = CheckText(text); !why.empty()) {
      *error = InputError{path, why};
      return true;
    }
    // A byte-order mark is not part of the article.
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    Article result;
    result.source = path;
    result.doc = DocIdFromPath(path);
    result.text = std::move(text);
    *article = std::move(result);
    return true;
  }

  bool NextFromStdin(Article* article, std::optional<InputError>* error) {
    std::string text;
    char buffer[1 << 16];
    size_t n;
    bool too_large = false;
    while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
      if (text.size() + n > options.max_article_bytes) too_large = true;
      if (!too_large) text.append(buffer, n);
    }
    if (too_large) {
      *error = InputError{"-", "standard input larger than " + std::to_string(options.max_article_bytes >> 20) + " MB"};
      return true;
    }
    if (std::string why = CheckText(text); !why.empty()) {
      *error = InputError{"-", why};
      return true;
    }
    article->source = "-";
    article->doc = "stdin";
    article->text = std::move(text);
    return true;
  }
};

ArticleReader::ArticleReader(std::vector<std::string> paths, ReaderOptions options) : impl_(new Impl) {
  impl_->options = options;
  impl_->pending.assign(paths.begin(), paths.end());
}

ArticleReader::~ArticleReader() = default;

bool ArticleReader::Next(Article* article, std::optional<InputError>* error) {
  error->reset();
  while (true) {
    if (impl_->lines != nullptr) {
      if (impl_->NextFromLines(article, error)) return true;
      continue;
    }
    if (impl_->pending.empty()) return false;
    std::string path = impl_->pending.front();
    impl_->pending.pop_front();
    if (path == "-") return impl_->NextFromStdin(article, error);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      *error = InputError{path, "no such file or folder"};
      return true;
    }
    if (fs::is_directory(status)) {
      impl_->OpenFolder(path);
      continue;
    }
    if (IsJsonLines(path)) {
      impl_->lines = std::fopen(path.c_str(), "rb");
      if (impl_->lines == nullptr) {
        *error = InputError{path, "cannot open"};
        return true;
      }
      impl_->lines_is_stdin = false;
      impl_->lines_path = path;
      impl_->line_number = 0;
      continue;
    }
    return impl_->NextFromFile(path, article, error);
  }
}

}  // namespace rayzan
