// Clean-up of scraped article text: which lines are the article.
//
// Scraped pages carry more than the article: headline tickers above it,
// bylines and date lines, share bars, tags, "latest news" lists and comment
// sections below it, and sometimes the body pasted twice. CleanScrapedText
// classifies every line by generic signals (line shape, punctuation,
// repetition, and the phrase lists under data/boilerplate/), never by site.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rayzan/status.h"
#include "rayzan/text.h"

namespace rayzan {

enum class LineKind {
  kBody,         // title, lead and paragraphs of the article
  kMetadata,     // date lines, bylines, news codes: not body, but the date finder reads them
  kTicker,       // run-on headline tickers and "N minutes ago" lines
  kBoilerplate,  // share bars, tags, photo credits, section labels
  kFooter,       // everything after the end of the article: comments, related and latest news
  kDuplicate,    // a repeat of body text seen earlier in the article
  kBlank,
};

struct ClassifiedLine {
  Span span;  // the line in the text given, without its newline
  LineKind kind = LineKind::kBlank;
};

// Phrase lists that mark boilerplate, loaded from data/boilerplate/*.txt.
// Each file holds one normalized phrase a line, '#' starts a comment. See
// data/boilerplate/README.md for what each list means.
class BoilerplateLexicon {
 public:
  // Loads every list in `directory`. Fails naming the file that is missing or unreadable.
  static Result<BoilerplateLexicon> Load(const std::string& directory);

  // Phrases that start a footer: nothing after them is article text ("ارسال نظر", "آخرین اخبار").
  std::vector<std::string> footer_starts;
  // Phrases that mark a single boilerplate line ("برچسب ها", "تابعنا عبر", "کد خبر").
  std::vector<std::string> line_markers;
  // Labels of a metadata line ("تاریخ انتشار", "تاريخ النشر").
  std::vector<std::string> metadata_labels;
};

// Classifies each line of `normalized_text` (the output of Normalize()).
// Lines are returned in order and cover the whole text.
std::vector<ClassifiedLine> CleanScrapedText(std::string_view normalized_text,
                                             const BoilerplateLexicon& lexicon);

}  // namespace rayzan
