// Running a route whose body carries the caller's password (Access::password: logging in,
// signing), so that guessing is slowed down and hashing never holds a database worker:
//
//   1. on a database worker: authenticate (unless public) and read the account's stored hash
//      (the username typed for a login, the signer for a signature);
//   2. wait out the guessing delay on a timer (auth::GuessLimiter; zero below the limit);
//   3. on the hashing pool: verify the password (against a dummy hash for an unknown name, so
//      the answer and its timing do not tell names apart); a full pool answers 503 BUSY;
//   4. on a database worker: run the handler with call.password_matches, count the outcome, and
//      log a wrong signature password in admin_log (a login logs its own attempts).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "server/api/call.h"
#include "server/transport/application.h"

namespace pqxx {
class connection_base;
}

namespace cj::serve {

/// Answers request through respond, from whichever thread ends it. REQUIRES: app.sign_in.
void dispatch_password_route(api::AppContext& app, const api::Route& route, std::shared_ptr<api::Request> request,
                             std::vector<std::string> params, boost::json::value body, transport::Respond respond);

/// Authenticates and authorises call for route (no-op for a public route); throws base::Failure.
void authenticate_call(const api::Route& route, api::Call& call, pqxx::connection_base& db);
/// Authenticates, authorises and runs the handler; every failure becomes an error response.
api::Response run_handler(const api::Route& route, api::Call& call, pqxx::connection_base& db);

}  // namespace cj::serve
