// Call: one API request on its way through its handler.
//
// API handlers run on a database worker thread with that worker's connection (libpqxx is
// blocking; the network threads never wait on the database). A handler reads what it needs from
// the Call, does its work in one transaction, and returns the response; to refuse, it throws
// base::Failure (see base/failure.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "server/api/app_context.h"
#include "server/api/principal.h"
#include "server/api/request.h"
#include "server/api/response.h"

namespace pqxx {
class connection_base;
}

namespace cj::api {

struct Call {
  AppContext& app;
  const Request& request;
  std::vector<std::string> params;     // the {placeholders} of the route's path, in order
  boost::json::value body;             // the parsed JSON body; null when the request has none
  std::optional<Principal> principal;  // set for every route that is not public
  /// For a route with Access::password: whether the body's "password" is the account's
  /// (checked on the hashing pool before the handler runs: server/serve/password_dispatch.h).
  bool password_matches = false;

  /// The principal. REQUIRES: the route is not public.
  const Principal& who() const { return *principal; }
  /// A query parameter's value, or nullopt.
  std::optional<std::string> query(std::string_view name) const { return request.query(name); }
  /// The body as an object; throws base::Failure (invalid) when it is not one.
  const boost::json::object& body_object() const;
  /// Answers 200/201/... with a JSON document.
  Response json(int status, const boost::json::value& document) const;
};

using Handler = Response (*)(Call& call, pqxx::connection_base& db);

/// A route's reading of its request (path ids, query parameters, JSON body fields), kept apart
/// from its database work: the handler calls the same code, and the fuzzer
/// (tests/fuzz/api_request_fuzz.cpp) runs it without a database. Throws base::Failure for what
/// the handler would refuse, and nothing else.
using Validator = void (*)(const Call& call);

/// Who may call a route. Public routes need no credentials; the others need a user session
/// (Authorization: Bearer <token>) holding one of `roles`, or, when `stations` is set, a station
/// key (Authorization: Station <key>).
struct Access {
  bool is_public = false;
  std::vector<api::Role> roles;  // empty and not public: any logged-in user
  bool stations = false;
  /// The body carries the caller's "password" (a login, a signature): it is checked before the
  /// handler runs, counted against guessing, and delayed beyond the limit (server/auth/guess_limiter.h).
  bool password = false;
  /// With password: the secret is a person's PIN ("pin"), the person the body's "badge" or
  /// "username" (an operator signing in at a station: server/auth/operator_token_routes.h).
  bool pin = false;

  static Access anyone() { return {true, {}, false, false, false}; }
};

struct Route {
  std::string_view method;   // "GET", "POST", "DELETE", ...
  std::string_view pattern;  // "/api/v1/journeys/{id}/events"
  Access access;
  Handler handler;
  Validator validate = nullptr;  // none: tests/fuzz/unvalidated_routes.h says why
};

}  // namespace cj::api
