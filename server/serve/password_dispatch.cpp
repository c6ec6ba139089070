#include "server/serve/password_dispatch.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/audit/admin_log.h"
#include "server/auth/badge_key.h"
#include "server/auth/secrets.h"
#include "server/auth/sign_in.h"
#include "server/auth/stored_hash.h"
#include "server/db/worker_pool.h"

namespace cj::serve {

namespace {

namespace json = boost::json;
using Outcome = auth::GuessLimiter::Outcome;

// One attempt on its way through the steps; shared by the jobs that carry it on.
struct Attempt {
  api::AppContext& app;
  const api::Route& route;
  std::shared_ptr<api::Request> request;
  std::vector<std::string> params;
  json::value body;
  transport::Respond respond;
  std::string account;      // the username typed (login) or the signer's
  std::string password;     // the body's "password"
  std::string stored_hash;  // empty: no such account
  bool matches = false;
  bool counting = false;  // limiter.begin() called, end() still owed

  api::Call call() const { return api::Call{app, *request, params, body, std::nullopt}; }
  void end(Outcome outcome) {
    if (!counting) return;
    counting = false;
    app.sign_in->limiter().end(account, request->peer, outcome);
  }
  void fail(api::Response response) {
    end(Outcome::kNeither);
    respond(std::move(response));
  }
};

using AttemptPtr = std::shared_ptr<Attempt>;

std::string string_field(const json::value& body, std::string_view name) {
  const auto* object = body.if_object();
  const auto* field = object ? object->if_contains(name) : nullptr;
  return (field && field->is_string()) ? std::string(field->as_string()) : std::string();
}

api::Response busy() { return api::error_response(503, "BUSY", "The server is busy; retry in a moment."); }

api::Response unavailable(const db::JobFailure& f) {
  if (f.kind == db::JobFailure::Kind::kUnavailable) {
    return api::error_response(503, "DATABASE_UNAVAILABLE",
                               "The database cannot be reached: " + f.message + ". Retry later.");
  }
  return api::error_response(500, "INTERNAL", "The request failed inside the server; nothing was recorded.");
}

// A wrong signature password is an attempt on the account like a failed login; the handler's
// refusal rolled its own transaction back, so this one records it.
void log_signature_refusal(const Attempt& a, pqxx::connection_base& db) {
  pqxx::work tx(db);
  audit::log_action(tx, a.account, "signature.refused", a.account,
                    json::object{{"route", std::string(a.route.pattern)}, {"address", a.request->peer}});
  tx.commit();
}

// Step 4, on a database worker.
void run(const AttemptPtr& a, pqxx::connection_base& db) {
  api::Call call = a->call();
  call.password_matches = a->matches;
  api::Response response = run_handler(a->route, call, db);
  const Outcome outcome = !a->matches             ? Outcome::kFailure
                          : response.status < 400 ? Outcome::kSuccess
                                                  : Outcome::kNeither;
  // A login and an operator's sign-in log their own attempts.
  if (outcome == Outcome::kFailure && !a->route.access.is_public && !a->route.access.pin) {
    try {
      log_signature_refusal(*a, db);
    } catch (const std::exception& e) {
      spdlog::error("admin_log: cannot record a refused signature of {}: {}", a->account, e.what());
    }
  }
  a->end(outcome);
  a->respond(std::move(response));
}

// Step 3, on the hashing pool.
void verify(const AttemptPtr& a) {
  if (a->stored_hash.empty()) {
    auth::verify_against_dummy(a->password);
    a->matches = false;
  } else {
    a->matches = auth::verify_password(a->password, a->stored_hash);
  }
  if (!a->app.db->post([a](pqxx::connection_base& db) { run(a, db); },
                       [a](const db::JobFailure& f) { a->fail(unavailable(f)); })) {
    a->fail(busy());
  }
}

// Step 1, on a database worker.
void look_up(const AttemptPtr& a, pqxx::connection_base& db) {
  api::Call call = a->call();
  try {
    authenticate_call(a->route, call, db);
  } catch (const base::Failure& e) {
    return a->respond(api::error_response(e.error()));
  }
  if (a->route.access.pin) {
    // An operator signing in: the person the badge (or username) names, and their PIN.
    const std::string badge = string_field(a->body, "badge");
    const auto key = badge.empty() ? std::optional<std::string>("") : auth::badge_key(badge);
    const std::string username = string_field(a->body, "username");
    a->password = string_field(a->body, "pin");
    if (!key || (key->empty() && username.empty()) || a->password.empty()) {
      return a->respond(run_handler(a->route, call, db));
    }
    pqxx::read_transaction tx(db);
    auto pin = auth::stored_pin_hash(tx, *key, username);
    a->account = std::move(pin.account);
    a->stored_hash = std::move(pin.hash);
  } else {
    a->account = a->route.access.is_public ? string_field(a->body, "username") : call.who().name;
    a->password = string_field(a->body, "password");
    // Nothing to check (a malformed body): the handler says what is wrong, at once.
    if (a->account.empty() || a->password.empty()) return a->respond(run_handler(a->route, call, db));
    pqxx::read_transaction tx(db);
    a->stored_hash = auth::stored_password_hash(tx, a->account).value_or("");
  }
  const auto delay = a->app.sign_in->limiter().begin(a->account, a->request->peer);
  a->counting = true;
  if (delay > decltype(delay)::zero()) {
    spdlog::info("sign-in: an attempt on {} from {} waits {} ms (repeated failures)", a->account, a->request->peer,
                 std::chrono::duration_cast<std::chrono::milliseconds>(delay).count());
  }
  a->app.sign_in->after(delay, [a] {
    if (!a->app.sign_in->hashes().post([a] { verify(a); })) a->fail(busy());
  });
}

}  // namespace

void dispatch_password_route(api::AppContext& app, const api::Route& route, std::shared_ptr<api::Request> request,
                             std::vector<std::string> params, json::value body, transport::Respond respond) {
  auto a = std::make_shared<Attempt>(Attempt{app,
                                             route,
                                             std::move(request),
                                             std::move(params),
                                             std::move(body),
                                             std::move(respond),
                                             {},
                                             {},
                                             {},
                                             false,
                                             false});
  if (!app.db->post([a](pqxx::connection_base& db) { look_up(a, db); },
                    [a](const db::JobFailure& f) { a->respond(unavailable(f)); })) {
    a->respond(busy());
  }
}

}  // namespace cj::serve
