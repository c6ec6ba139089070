// Result<T> and Error of the labels library: bad label data, a symbol that cannot hold its text,
// a file that cannot be written. Values the caller must look at, never exceptions.
#pragma once

#include <string>

#include "base/result.h"

namespace cj::labels {

struct Error {
  std::string message;  // for the person printing: what is wrong
  std::string field;    // the data field at fault ("din.sequence"), empty when none
  bool operator==(const Error&) const = default;
};

template <class T>
using Result = base::Result<T, Error>;

// For operations that return nothing on success.
using Done = base::Done;
using Status = base::DoneOr<Error>;

}  // namespace cj::labels
