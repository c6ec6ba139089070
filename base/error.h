// Error: the one expected failure of the server's domain, as the API reports it
// ({"error": {"code": ..., "message": ..., "field": ...}}), to be held in a base::Result or
// thrown as a base::Failure (failure.h).
//
// The kind says what sort of failure it is, in the domain's words; only the HTTP layer turns a
// kind into a status (server/api/error_status.h), and the CLI prints the message.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace cj::base {

enum class ErrorKind {
  invalid,            // the request itself is wrong: a missing or malformed field
  unauthenticated,    // nobody is signed in, or the sign-in failed
  forbidden,          // signed in, but this person or station may not do this
  not_found,          // what the request names does not exist where the caller may see it
  conflict,           // the request is well formed, but the state it meets refuses it
  unprocessable,      // the request is well formed, but the data it needs cannot be used
  unsupported_media,  // the body is not in a form the server reads
};

// "invalid", "not_found", ... as written above (logs and tests).
std::string_view kind_name(ErrorKind kind);

struct Error {
  std::string code;     // stable, for machines: "NOT_FOUND", "INVALID_FIELD", ... (SCREAMING_SNAKE)
  std::string message;  // for the person: what is wrong, in words they can act on
  std::string field;    // the request field at fault ("patient.mrn"), empty when none
  ErrorKind kind = ErrorKind::invalid;
  bool operator==(const Error&) const = default;
};

inline std::string_view kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return "invalid";
    case ErrorKind::unauthenticated:
      return "unauthenticated";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::unprocessable:
      return "unprocessable";
    case ErrorKind::unsupported_media:
      return "unsupported_media";
  }
  return "invalid";
}

}  // namespace cj::base
