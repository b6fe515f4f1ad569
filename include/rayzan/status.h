// Status and Result: how every stage reports failure on bad input.
//
// Functions that can fail because of their input return a Status or a
// Result<T>; the message names the input ("seeds/004.txt: not UTF-8 at byte
// 1212") so a user can act on it. Exceptions never cross a module boundary.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace rayzan {

class Status {
 public:
  Status() = default;  // success
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return ok_; }
  // Empty when ok().
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : ok_(false), message_(std::move(message)) {}
  bool ok_ = true;
  std::string message_;
};

// Either a value or a failed Status.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status error) : state_(std::move(error)) {}      // NOLINT: precondition !error.ok()

  bool ok() const { return std::holds_alternative<T>(state_); }
  // Precondition for value(): ok().
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  // Success when ok().
  Status status() const { return ok() ? Status() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace rayzan
