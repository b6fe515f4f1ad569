// Sentence splitting and tokenization with ICU break iteration.
//
// Works on normalized text (see normalize.h). Sentences never cross a line
// break. On top of ICU's rules, the Persian and Arabic question mark ؟ and the
// full stop ۔ end a sentence; « » “ ” ، ؛ : are tokens of their own so that the
// event rules can see quotations and clause boundaries.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "rayzan/text.h"

namespace rayzan {

enum class TokenKind { kWord, kNumber, kPunctuation };

struct Token {
  Span span;  // into the text given to the Segmenter
  TokenKind kind = TokenKind::kWord;
};

// Holds ICU break iterators; create one per thread (not thread-safe).
class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Sentences inside `region` of `text`, trimmed of surrounding spaces, in order.
  std::vector<Span> Sentences(std::string_view text, Span region);
  // Word, number and punctuation tokens inside `region`; spaces are dropped.
  std::vector<Token> Tokens(std::string_view text, Span region);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rayzan
