// Class and id words: what a page's class names and ids say about an
// element (internal to the html stage). One table serves the main-text
// walker, the <time> reader and the markup filter, so the filter never drops
// a class word a reader looks for. The words are read from
// data/html/class_words.tsv (html_lexicon.h) at first use.
#pragma once

#include <string_view>

namespace rayzan::internal {

struct ClassVerdict {
  bool negative = false;  // boilerplate: share bar, related list, comments, ads, menus ...
  bool positive = false;  // content: "article", "story", "entry", "matn" ...
  bool lead = false;      // a standfirst under the headline: "intro", "chapo", "perex", "lead" ...
};

// Judges a lower-case "class id" string. Long words match as substrings
// ("comments-list" is negative); short ones ("ad", "nav", "tags") only as
// whole tokens between spaces, '-' or '_', so "read", "header" and "canvas"
// do not trip them.
ClassVerdict JudgeClass(std::string_view lower_class_and_id);

enum class TimeClass { kNone, kPublished, kUpdated };

// What the class of a <time> element says its datetime is ("publish",
// "pub", "posted" before "updat", "modif"), in any case.
TimeClass JudgeTimeClass(std::string_view time_class);

// The kinds of word JudgeClass and JudgeTimeClass look for.
enum ClassWordBits : unsigned {
  kPositiveClassWord = 1,
  kNegativeClassWord = 2,
  kPublishedTimeClassWord = 4,
  kUpdatedTimeClassWord = 8,
  kLeadClassWord = 16,
};

// The ClassWordBits of the words one whitespace-separated class or id token
// (any case) holds; 0 for most ("col-md-6", "flex"). Short boilerplate words
// count only as whole parts of the token, as JudgeClass counts them. The
// markup filter keeps one token per kind: the others cannot change a verdict.
unsigned ClassTokenWords(std::string_view token);

}  // namespace rayzan::internal
