// Error: the one expected failure of the server's domain, as the API reports it
// ({"error": {"code": ..., "message": ..., "field": ...}}), to be held in a base::Result.
#pragma once

#include <string>

#include "base/result.h"

namespace cj::base {

struct Error {
  std::string code;     // stable, for machines: "NOT_FOUND", "INVALID_FIELD", ... (SCREAMING_SNAKE)
  std::string message;  // for the person: what is wrong, in words they can act on
  std::string field;    // the request field at fault ("patient.mrn"), empty when none
  bool operator==(const Error&) const = default;
};

}  // namespace cj::base
