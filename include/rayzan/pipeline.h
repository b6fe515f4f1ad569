// The pipeline: one article in, its consultation events out.
//
// Wires the stages together — normalization, clean-up of scraped text,
// language identification, the article's own date, sentence splitting, names,
// dates and event rules — and formats the result. The CLI, the benchmarks and
// later the database only call this.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "rayzan/article.h"
#include "rayzan/clean.h"
#include "rayzan/date.h"
#include "rayzan/events.h"
#include "rayzan/kb.h"
#include "rayzan/normalize.h"
#include "rayzan/segment.h"
#include "rayzan/status.h"

namespace rayzan {

struct PipelineOptions {
  // Folder with kb/, dates/, boilerplate/, events/ (see data/); empty = bundled.
  std::string data_directory;
  // Further knowledge-base folders, loaded after the bundled one (they win).
  std::vector<std::string> extra_kb_directories;
};

// An article after coding: the input, what the pipeline found about it, and
// its events. Keeps the original and normalized text for evidence output.
struct CodedArticle {
  Article article;
  Language language = Language::kUnknown;
  std::optional<CivilDate> published;
  NormalizedText normalized;
  std::vector<ClassifiedLine> lines;
  std::vector<Event> events;
};

class Pipeline {
 public:
  // Loads every data file. Fails naming the file that is missing or malformed.
  static Result<std::unique_ptr<const Pipeline>> Create(const PipelineOptions& options);

  // Per-thread scratch state (ICU break iterators).
  class Workspace {
   public:
    Segmenter segmenter;
  };

  // Thread-safe given one Workspace per thread.
  CodedArticle Code(Article article, Workspace& workspace) const;

  const KnowledgeBase& knowledge_base() const { return *kb_; }

 private:
  Pipeline() = default;
  std::shared_ptr<const KnowledgeBase> kb_;
  std::unique_ptr<DateLexicon> date_lexicon_;
  std::unique_ptr<DateFinder> dates_;
  std::unique_ptr<BoilerplateLexicon> boilerplate_;
  std::shared_ptr<const EventExtractor> events_;
};

// Codes every article `reader` yields on `threads` threads and hands the
// results to `on_article` in input order, and input errors to `on_error`, on
// the calling thread. At most a few articles per thread are in memory at once.
void CodeAll(const Pipeline& pipeline, ArticleReader& reader, int threads,
             const std::function<void(const CodedArticle&)>& on_article,
             const std::function<void(const InputError&)>& on_error);

// One JSON object (no newline) for `event` of `article`, in the format of
// docs/output.md: the gold fields (doc, type, mode, status, participants,
// date, location, evidence) and the enrichments (actors, language,
// published, evidence_spans in code points of the original text, cameo,
// confidence).
std::string EventToJson(const CodedArticle& article, const Event& event);

// A fixed-width table row per event (the --format table output) and its header.
std::string EventTableHeader();
std::string EventToTableRow(const CodedArticle& article, const Event& event);

}  // namespace rayzan
