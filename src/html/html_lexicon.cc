#include "html/html_lexicon.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <utility>

#include <unicode/unistr.h>

#include "base/tsv.h"
#include "html/date_internal.h"
#include "rayzan/data_dir.h"
#include "rayzan/text.h"

namespace rayzan::internal {
namespace {

// The Matcher in class_words.cc indexes words with 16-bit positions.
constexpr size_t kMaxClassWords = 65535;
// IsStockLine never compares a line longer than this.
constexpr size_t kMaxStockLineBytes = 40;

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

bool HasUpperAscii(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

Status CheckUtf8(std::string_view cell) {
  if (FindInvalidUtf8(cell) >= 0) return Status::Error("not UTF-8");
  return Status();
}

Status ReadClassWords(const std::string& path, HtmlLexicon* lexicon) {
  const std::pair<std::string_view, std::vector<std::string>*> kinds[] = {
      {"positive", &lexicon->positive_class_words},
      {"negative", &lexicon->negative_class_words},
      {"negative-token", &lexicon->negative_class_tokens},
      {"published-time", &lexicon->published_time_class_words},
      {"updated-time", &lexicon->updated_time_class_words},
      {"lead", &lexicon->lead_class_words},
      {"lead-token", &lexicon->lead_class_tokens}};
  size_t count = 0;
  Status status = ReadTsv(path, {"kind", "words"}, [&](const TsvRow& row) -> Status {
    std::string_view kind = row.Get("kind");
    std::vector<std::string>* words = nullptr;
    for (const auto& [name, list] : kinds) {
      if (kind == name) words = list;
    }
    if (words == nullptr) {
      return Status::Error("unknown kind " + Quote(kind) +
                           " (expected positive, negative, negative-token, published-time, updated-time, lead or lead-token)");
    }
    if (Status s = CheckUtf8(row.Get("words")); !s.ok()) return s;
    std::vector<std::string_view> items = row.List("words");
    if (items.empty()) return Status::Error("no words");
    for (std::string_view w : items) {
      if (w.size() < 2) return Status::Error("class word " + Quote(w) + " is shorter than 2 bytes");
      if (HasUpperAscii(w)) return Status::Error("class word " + Quote(w) + " must be lower-case (class names are lowered before matching)");
      if (w.find(' ') != std::string_view::npos)
        return Status::Error("class word " + Quote(w) + " has a space (a class word is part of one class token)");
      words->emplace_back(w);
      if (++count > kMaxClassWords) return Status::Error("more than " + std::to_string(kMaxClassWords) + " class words");
    }
    return Status();
  });
  if (status.ok() && count == 0) return Status::Error(path + ": no words");
  return status;
}

// Reads a `lang  <column>` file of '|' lists into *out; check(item) returns
// the error for a bad item. A file without any item is an error too.
Status ReadLanguageLists(const std::string& path, const std::string& column,
                         const std::function<Status(std::string_view)>& check, std::vector<std::string>* out) {
  Status status = ReadTsv(path, {"lang", column}, [&](const TsvRow& row) -> Status {
    if (row.Get("lang").empty()) return Status::Error("no lang");
    if (Status s = CheckUtf8(row.Get(column)); !s.ok()) return s;
    std::vector<std::string_view> items = row.List(column);
    if (items.empty()) return Status::Error("no " + column);
    for (std::string_view item : items) {
      if (Status s = check(item); !s.ok()) return s;
      out->emplace_back(item);
    }
    return Status();
  });
  if (status.ok() && out->empty()) return Status::Error(path + ": no " + column);
  return status;
}

Status ReadStockLines(const std::string& path, HtmlLexicon* lexicon) {
  auto check = [](std::string_view l) -> Status {
    if (l.size() > kMaxStockLineBytes) {
      return Status::Error("stock line " + Quote(l) + " is longer than " + std::to_string(kMaxStockLineBytes) +
                           " bytes and would never match");
    }
    if (HasUpperAscii(l))
      return Status::Error("stock line " + Quote(l) + " must be lower-case (lines are lowered before matching)");
    if (l.back() == ':' || l.back() == '.')
      return Status::Error("stock line " + Quote(l) + " must not end in ':' or '.' (they are stripped before matching)");
    return Status();
  };
  return ReadLanguageLists(path, "lines", check, &lexicon->stock_lines);
}

Status ReadCallToAction(const std::string& path, HtmlLexicon* lexicon) {
  auto check = [](std::string_view p) -> Status {
    if (p.size() < 3) return Status::Error("phrase " + Quote(p) + " is shorter than 3 bytes");
    if (FoldCase(p) != p)
      return Status::Error("phrase " + Quote(p) + " must be lower-case (lines are case-folded before matching)");
    return Status();
  };
  return ReadLanguageLists(path, "phrases", check, &lexicon->call_to_action_phrases);
}

Status ReadBylines(const std::string& path, HtmlLexicon* lexicon) {
  Status status = ReadTsv(path, {"kind", "lang", "words"}, [&](const TsvRow& row) -> Status {
    std::string_view kind = row.Get("kind");
    std::vector<std::string>* words = kind == "label"         ? &lexicon->byline_labels
                                      : kind == "placeholder" ? &lexicon->byline_placeholders
                                                              : nullptr;
    if (words == nullptr) return Status::Error("unknown kind " + Quote(kind) + " (expected label or placeholder)");
    if (Status s = CheckUtf8(row.Get("words")); !s.ok()) return s;
    std::vector<std::string_view> items = row.List("words");
    if (items.empty()) return Status::Error("no words");
    for (std::string_view w : items) {
      if (HasUpperAscii(w)) return Status::Error(std::string(kind) + " " + Quote(w) + " must be lower-case");
      words->emplace_back(w);
    }
    return Status();
  });
  if (!status.ok()) return status;
  // "view all posts by" must be tried before "by".
  std::stable_sort(lexicon->byline_labels.begin(), lexicon->byline_labels.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return status;
}

Status ReadMonths(const std::string& path, HtmlLexicon* lexicon) {
  // Folded name -> (jalali, month, line): the same name in two months is an error.
  struct Seen {
    bool jalali;
    int month;
    int line;
  };
  std::map<std::u32string, Seen> seen;
  Status status = ReadTsv(path, {"calendar", "month", "names"}, [&](const TsvRow& row) -> Status {
    std::string_view calendar = row.Get("calendar");
    if (calendar != "gregorian" && calendar != "jalali")
      return Status::Error("calendar must be gregorian or jalali, not " + Quote(calendar));
    const bool jalali = calendar == "jalali";
    std::string_view month_cell = row.Get("month");
    int month = 0;
    auto [end, ec] = std::from_chars(month_cell.data(), month_cell.data() + month_cell.size(), month);
    if (ec != std::errc() || end != month_cell.data() + month_cell.size() || month < 1 || month > 12)
      return Status::Error("month must be 1-12, not " + Quote(month_cell));
    if (Status s = CheckUtf8(row.Get("names")); !s.ok()) return s;
    std::vector<std::string_view> names = row.List("names");
    if (names.empty()) return Status::Error("no names");
    for (std::string_view name : names) {
      std::u32string folded;
      if (Status s = FoldMonthName(name, &folded); !s.ok()) return s;
      auto [it, inserted] = seen.emplace(folded, Seen{jalali, month, row.line()});
      if (!inserted && (it->second.jalali != jalali || it->second.month != month)) {
        return Status::Error("month name " + Quote(name) + " is already " + (it->second.jalali ? "jalali" : "gregorian") +
                             " month " + std::to_string(it->second.month) + " (line " +
                             std::to_string(it->second.line) + ")");
      }
      lexicon->month_names.push_back({std::string(name), jalali, month});
    }
    return Status();
  });
  if (status.ok() && lexicon->month_names.empty()) return Status::Error(path + ": no month names");
  return status;
}

}  // namespace

Result<HtmlLexicon> LoadHtmlLexicon(const std::string& directory) {
  HtmlLexicon lexicon;
  if (Status s = ReadClassWords(directory + "/class_words.tsv", &lexicon); !s.ok()) return s;
  if (Status s = ReadStockLines(directory + "/stock_lines.tsv", &lexicon); !s.ok()) return s;
  if (Status s = ReadCallToAction(directory + "/call_to_action.tsv", &lexicon); !s.ok()) return s;
  if (Status s = ReadBylines(directory + "/bylines.tsv", &lexicon); !s.ok()) return s;
  if (Status s = ReadMonths(directory + "/months.tsv", &lexicon); !s.ok()) return s;
  return lexicon;
}

std::string FoldCase(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string folded;
  text.foldCase().toUTF8String(folded);
  return folded;
}

const Result<HtmlLexicon>& LoadedHtmlLexicon() {
  static const Result<HtmlLexicon> lexicon = LoadHtmlLexicon(DataDirectory() + "/html");
  return lexicon;
}

const HtmlLexicon& HtmlWords() {
  static const HtmlLexicon* const words = [] {
    const Result<HtmlLexicon>& loaded = LoadedHtmlLexicon();
    static const HtmlLexicon empty;
    return loaded.ok() ? &loaded.value() : &empty;
  }();
  return *words;
}

}  // namespace rayzan::internal
