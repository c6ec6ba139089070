// Problems and Result<T>: expected failures of loading and checking definitions, as values.
//
// A Problem names where it is (source name and 1-based line, 0 when unknown) and what is wrong in
// words a QA pharmacist can act on. Result<T> holds a T or at least one Problem.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

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

// Built from a T, from Problems (REQUIRES: not empty) or from a single Problem.
template <class T>
using Result = base::Result<T, Problems>;

}  // namespace cj::workflows
