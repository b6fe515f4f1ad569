#include "serve/query_string.h"

#include "rayzan/text.h"

namespace rayzan::serve_internal {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      int low = high >= 0 ? HexValue(text[i + 2]) : -1;
      if (low < 0) return Status::Error("malformed percent escape at byte " + std::to_string(i));
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (out.find('\0') != std::string::npos) return Status::Error("NUL byte in the decoded text");
  if (int64_t bad = FindInvalidUtf8(out); bad >= 0) {
    return Status::Error("not UTF-8 after decoding (byte " + std::to_string(bad) + ")");
  }
  return out;
}

Result<QueryParameters> QueryParameters::Parse(std::string_view raw) {
  QueryParameters parameters;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view piece = raw.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    size_t equals = piece.find('=');
    std::string_view name = piece.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? std::string_view() : piece.substr(equals + 1);
    auto decoded_name = PercentDecode(name, true);
    if (!decoded_name.ok()) return Status::Error("query parameter name: " + decoded_name.status().message());
    auto decoded_value = PercentDecode(value, true);
    if (!decoded_value.ok()) {
      return Status::Error("query parameter '" + decoded_name.value() + "': " + decoded_value.status().message());
    }
    parameters.pairs_.emplace_back(std::move(decoded_name).value(), std::move(decoded_value).value());
  }
  return parameters;
}

std::vector<std::string> QueryParameters::All(std::string_view name, bool split_commas) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : pairs_) {
    if (key != name) continue;
    if (!split_commas) {
      values.push_back(value);
      continue;
    }
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      if (comma > start) values.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return values;
}

Result<std::string> QueryParameters::One(std::string_view name) const {
  const std::string* found = nullptr;
  for (const auto& [key, value] : pairs_) {
    if (key != name) continue;
    if (found != nullptr) return Status::Error("parameter '" + std::string(name) + "' is given more than once");
    found = &value;
  }
  return found ? *found : std::string();
}

bool QueryParameters::Has(std::string_view name) const {
  for (const auto& pair : pairs_) {
    if (pair.first == name) return true;
  }
  return false;
}

std::optional<std::string> QueryParameters::FirstUnknown(const std::vector<std::string_view>& known) const {
  for (const auto& pair : pairs_) {
    bool is_known = false;
    for (std::string_view name : known) is_known = is_known || pair.first == name;
    if (!is_known) return pair.first;
  }
  return std::nullopt;
}

}  // namespace rayzan::serve_internal
