// Result<T> and Error of the labels library: bad label data, a symbol that cannot hold its text,
// a file that cannot be written. Values the caller must look at, never exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cj::labels {

struct Error {
  std::string message;  // for the person printing: what is wrong
  std::string field;    // the data field at fault ("din.sequence"), empty when none
  bool operator==(const Error&) const = default;
};

template <class T>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES ok() (throws std::bad_variant_access otherwise).
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  // REQUIRES !ok().
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing on success.
struct Done {};
using Status = Result<Done>;

}  // namespace cj::labels
