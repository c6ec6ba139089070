// Result<T>: either a value or an Error, for operations whose failure is the caller's business.
#pragma once

#include <utility>
#include <variant>

#include "isbt128/error.h"

namespace cj::isbt128 {

template <class T>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES ok(); otherwise throws std::bad_variant_access (a programming error).
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }

  // REQUIRES !ok(); otherwise throws std::bad_variant_access.
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace cj::isbt128
