// Reading articles: UTF-8 text files, folders of them, standard input, JSON
// Lines ({"id","url","title","published" or "date","lang","text"}), HTML
// pages (any charset; main text and metadata extracted, see html.h) and web
// archives (.warc, .warc.gz: every HTML response or resource record).
//
// The reader streams: it holds one article (or one JSON line) at a time, so a
// corpus of any size runs in bounded memory. A bad input never stops the
// batch: Next() reports it as an InputError naming the file (and line) and
// what is wrong, and the following articles are still read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rayzan {

struct Article {
  std::string doc;        // file name without extension, or the JSON "id"
  std::string source;     // file path (and ":line" for JSON Lines, ": offset N" for a WARC record)
  std::string url;
  std::string title;      // from JSON Lines; the text itself may also carry it
  std::string published;  // as given by the input ("2021-12-02", "2021-12-02T10:00:00Z"), or empty
  std::string language;   // as given by the input ("fa"), or empty
  std::string text;       // valid UTF-8

  // A page whose extraction the reader left to the caller
  // (ReaderOptions::defer_pages): text is empty until FinishPage runs.
  struct RawPage {
    std::string bytes;    // as read or as the archive's HTTP body gave them
    std::string charset;  // declared by the HTTP header, or empty
    bool in_archive = false;  // a page with no article text is skipped, not an error
  };
  std::optional<RawPage> page;
};

struct InputError {
  std::string source;   // "seeds/004.txt" or "corpus.jsonl:17"
  std::string message;  // "not UTF-8 (invalid byte at offset 1212)"
};

struct ReaderOptions {
  // Articles (or JSON lines) larger than this are rejected, not loaded.
  uint64_t max_article_bytes = 8u << 20;
  // Pages (HTML files, archive records) come back unextracted, in
  // Article::page, for FinishPage on another thread: extraction is most of
  // the cost of a crawl, and CodeAll spreads it over its workers.
  bool defer_pages = false;
};

// Extracts a deferred page's main text and metadata into *article (see
// html.h), as Next() would have. Returns false when there is no article: with
// *error set for a page that cannot be read or, from a page file, holds no
// article text; with no error for an archive's page without one (an index
// page), which the caller skips silently like Next() does.
bool FinishPage(Article* article, std::optional<InputError>* error);

class ArticleReader {
 public:
  // `paths`: files, folders (read recursively, files in name order), "-" for
  // standard input. Files ending in .jsonl or .ndjson hold one article a line;
  // .html/.htm files (or any file starting with markup) are pages; .warc and
  // .warc.gz files are archives, whose damaged records come back as errors
  // naming the file and offset while the rest is read.
  ArticleReader(std::vector<std::string> paths, ReaderOptions options = {});
  ~ArticleReader();
  ArticleReader(const ArticleReader&) = delete;
  ArticleReader& operator=(const ArticleReader&) = delete;

  // The next article or the next input error; nullopt-like false at the end.
  // Exactly one of *article / *error is filled when it returns true.
  bool Next(Article* article, std::optional<InputError>* error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rayzan
