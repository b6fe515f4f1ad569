// The html stage's word lists (internal): class/id words, stock lines,
// call-to-action phrases, byline labels and month names, read from data/html/ (see data/html/README.md) once, at first
// use, and kept for the life of the process.
#pragma once

#include <string>
#include <vector>

#include "rayzan/status.h"

namespace rayzan::internal {

struct HtmlLexicon {
  // class_words.tsv, by kind, in file order. Every word is at least 2 bytes,
  // has no upper-case ASCII letter and no space.
  std::vector<std::string> positive_class_words;       // kind positive: substrings
  std::vector<std::string> negative_class_words;       // kind negative: substrings
  std::vector<std::string> negative_class_tokens;      // kind negative-token: whole tokens only
  std::vector<std::string> published_time_class_words; // kind published-time
  std::vector<std::string> updated_time_class_words;   // kind updated-time
  std::vector<std::string> lead_class_words;           // kind lead: substrings
  std::vector<std::string> lead_class_tokens;          // kind lead-token: whole tokens only

  // stock_lines.tsv: lower-case, at most 40 bytes, no trailing ':' '.' or space.
  std::vector<std::string> stock_lines;

  // call_to_action.tsv: phrases ("subscribe", "follow us", "únete") that
  // make a short closing line of an article a call to action. Case-folded
  // (FoldCase), matched as substrings of the case-folded line.
  std::vector<std::string> call_to_action_phrases;

  // bylines.tsv: labels that open a byline ("by", "view all posts by",
  // "بقلم"), longest first, and whole values that name nobody ("null",
  // "no author"). Lower-case ASCII, no surrounding spaces.
  std::vector<std::string> byline_labels;
  std::vector<std::string> byline_placeholders;

  // months.tsv, one entry per name, in file order (the first row of a name
  // wins; a name in two months is a load error).
  struct MonthName {
    std::string name;  // as written: one word or two split by one space
    bool jalali = false;
    int month = 0;     // 1-12
  };
  std::vector<MonthName> month_names;
};

// Reads class_words.tsv, stock_lines.tsv, call_to_action.tsv, bylines.tsv
// and months.tsv from directory.
// Errors name the file and, for a bad row, the line: "<dir>/months.tsv:14:
// month must be 1-12, not '13'".
Result<HtmlLexicon> LoadHtmlLexicon(const std::string& directory);

// LoadHtmlLexicon(DataDirectory() + "/html"), run once (thread-safe) on the
// first call. ExtractPage fails with its status when it is not ok().
const Result<HtmlLexicon>& LoadedHtmlLexicon();

// Unicode case folding (ICU), as phrases and lines are compared: "Únete"
// and "ÚNETE" give "únete"; Arabic and Persian letters are unchanged.
std::string FoldCase(std::string_view utf8);

// The loaded lexicon, or an empty one when loading failed (callers that
// cannot report an error; ExtractPage checks LoadedHtmlLexicon first).
const HtmlLexicon& HtmlWords();

}  // namespace rayzan::internal
