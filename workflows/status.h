// Problems and Result<T>: expected failures of loading and checking definitions, as values.
//
// A Problem names where it is (source name and 1-based line, 0 when unknown) and what is wrong in
// words a QA pharmacist can act on. Result<T> holds a T or at least one Problem.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cj::workflows {

struct Problem {
  std::string source;  // "products/kymriah.yaml", "site.yaml"
  int line = 0;        // 1-based; 0 when the problem has no single place
  std::string message;

  // "products/kymriah.yaml:12: message" (no ":line" when line is 0).
  std::string to_string() const;
  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  // REQUIRES !problems.empty().
  Result(Problems problems) : state_(std::in_place_index<1>, std::move(problems)) {}
  Result(Problem problem) : state_(std::in_place_index<1>, Problems{std::move(problem)}) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES ok(); throws std::bad_variant_access otherwise (a programming error).
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }

  // REQUIRES !ok().
  const Problems& problems() const { return std::get<1>(state_); }

 private:
  std::variant<T, Problems> state_;
};

}  // namespace cj::workflows
