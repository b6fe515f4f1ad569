// Parsing of URL query strings and paths for the API router.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rayzan/status.h"

namespace rayzan::serve_internal {

// Decodes %XY escapes (and '+' as a space when `plus_is_space`). Fails on a
// truncated or non-hex escape, a NUL byte, or a result that is not UTF-8.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// The parameters of a raw query string ("actor=%D9%84&mode=meet"), decoded,
// in order. Empty pieces ("a=1&&b=2") are skipped; a name without '=' has an
// empty value. Fails naming the first malformed parameter.
class QueryParameters {
 public:
  static Result<QueryParameters> Parse(std::string_view raw);

  // Every value given for `name`, in order; comma-separated values are split
  // when `split_commas`.
  std::vector<std::string> All(std::string_view name, bool split_commas = false) const;
  // The value of `name`, or "" when absent. Fails when given more than once.
  Result<std::string> One(std::string_view name) const;
  bool Has(std::string_view name) const;
  // The first parameter whose name is not in `known`; nullopt when all are.
  std::optional<std::string> FirstUnknown(const std::vector<std::string_view>& known) const;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace rayzan::serve_internal
