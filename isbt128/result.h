// Result<T>: either a value or an Error, for operations whose failure is the caller's business.
#pragma once

#include "base/result.h"
#include "isbt128/error.h"

namespace cj::isbt128 {

template <class T>
using Result = base::Result<T, Error>;

}  // namespace cj::isbt128
