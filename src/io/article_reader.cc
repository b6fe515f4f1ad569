#include "rayzan/article.h"

#include <algorithm>
#include <cstring>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "rayzan/html.h"
#include "rayzan/text.h"
#include "rayzan/warc.h"

namespace rayzan {

namespace fs = std::filesystem;

namespace {

bool IsJsonLines(const std::string& path) {
  return path.ends_with(".jsonl") || path.ends_with(".ndjson");
}

bool IsWarc(const std::string& path) {
  return path.ends_with(".warc") || path.ends_with(".warc.gz") || path.ends_with(".arc.gz");
}

bool IsHtmlName(const std::string& path) {
  return path.ends_with(".html") || path.ends_with(".htm") || path.ends_with(".xhtml") || path.ends_with(".shtml");
}

// Markup at the start of a file makes it a page whatever its name.
bool LooksLikeHtml(std::string_view bytes) {
  size_t start = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start == std::string_view::npos) return false;
  std::string head(bytes.substr(start, 64));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head") ||
         head.starts_with("<!--") || head.starts_with("<meta");
}

// A page's doc id: the last segment of its URL's path, without extension
// ("https://x.org/news/004.html" -> "004"), else the whole URL.
std::string DocIdFromUrl(std::string_view url) {
  std::string_view path = url;
  if (size_t scheme = path.find("://"); scheme != std::string_view::npos) path.remove_prefix(scheme + 3);
  if (size_t query = path.find_first_of("?#"); query != std::string_view::npos) path = path.substr(0, query);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (size_t dot = last.rfind('.'); dot != std::string_view::npos && dot > 0) last = last.substr(0, dot);
  return last.empty() ? std::string(url) : std::string(last);
}

// Fills *article from an extracted page; the title leads the text when the
// page body does not already start with it, because headlines report events
// too. The page's canonical URL wins over the archive's record URI.
void FillFromPage(ExtractedPage page, Article* article) {
  if (!page.canonical_url.empty()) article->url = page.canonical_url.value;
  article->title = page.title.value;
  article->published = page.published.value;
  article->language = page.language.value;
  if (!page.title.empty() && page.text.find(page.title.value) != 0) {
    article->text = page.title.value + "\n" + page.text;
  } else {
    article->text = std::move(page.text);
  }
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

  // The web archive being read, if any, and the warnings it raised that
  // have not been reported yet.
  std::unique_ptr<WarcReader> warc;
  std::string warc_path;
  std::deque<std::string> warc_warnings;

  ~Impl() { CloseLines(); }

  bool NextFromWarc(Article* article, std::optional<InputError>* error) {
    WarcRecord record;
    while (true) {
      if (!warc_warnings.empty()) {
        // The sink already names the file and offset.
        std::string line = warc_warnings.front();
        warc_warnings.pop_front();
        std::string prefix = warc_path + ": ";
        *error = InputError{warc_path, line.starts_with(prefix) ? line.substr(prefix.size()) : line};
        return true;
      }
      if (!warc->Next(&record)) {
        if (!warc_warnings.empty()) continue;
        warc.reset();
        return false;
      }
      if (record.type != "response" && record.type != "resource") continue;
      if (!record.IsHtml() || (record.http_status != 0 && record.http_status != 200)) continue;
      std::string source = warc_path + ": offset " + std::to_string(record.offset);
      if (record.body.size() > options.max_article_bytes) {
        *error = InputError{source, "page larger than " + std::to_string(options.max_article_bytes >> 20) + " MB, skipped"};
        return true;
      }
      Article result;
      result.source = std::move(source);
      result.doc = DocIdFromUrl(record.target_uri);
      result.url = record.target_uri;
      result.page = Article::RawPage{std::move(record.body), std::move(record.charset), /*in_archive=*/true};
      if (options.defer_pages) {
        *article = std::move(result);
        return true;
      }
      if (FinishPage(&result, error)) {
        *article = std::move(result);
        return true;
      }
      if (error->has_value()) return true;
      // A page with no article (a menu, an index): the next record.
    }
  }

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
    if (!text.empty() && (IsHtmlName(path) || LooksLikeHtml(text))) {
      // A page: any charset, main text and metadata extracted.
      Article result;
      result.source = path;
      result.doc = DocIdFromPath(path);
      result.page = Article::RawPage{std::move(text), "", /*in_archive=*/false};
      if (options.defer_pages || FinishPage(&result, error)) *article = std::move(result);
      return true;
    }
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
    if (impl_->warc != nullptr) {
      if (impl_->NextFromWarc(article, error)) return true;
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
    if (IsWarc(path)) {
      Impl* impl = impl_.get();
      auto warc = WarcReader::Open(path, [impl](const std::string& warning) { impl->warc_warnings.push_back(warning); });
      if (!warc.ok()) {
        *error = InputError{path, warc.status().message()};
        return true;
      }
      impl_->warc = std::move(warc).value();
      impl_->warc_path = path;
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

bool FinishPage(Article* article, std::optional<InputError>* error) {
  if (!article->page) return true;
  Article::RawPage page = std::move(*article->page);
  article->page.reset();
  auto extracted = ExtractPageFromBytes(page.bytes, article->url, page.charset);
  if (!extracted.ok()) {
    *error = InputError{article->source, extracted.status().message()};
    return false;
  }
  if (extracted.value().text.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (!page.in_archive) *error = InputError{article->source, "no article text found in the page"};
    return false;
  }
  FillFromPage(std::move(extracted).value(), article);
  return true;
}

}  // namespace rayzan
