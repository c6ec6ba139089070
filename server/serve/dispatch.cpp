#include "server/serve/dispatch.h"

#include <memory>

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/auth/authenticate.h"
#include "server/db/worker_pool.h"
#include "server/serve/password_dispatch.h"
#include "server/serve/routes.h"

namespace cj::serve {

using base::Failure;
using api::Call;
using api::Response;
using api::Route;

namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Response error(int status, std::string_view code, std::string_view message, std::string_view field = {}) {
  return api::error_response(status, code, message, field);
}

// Only the principal's roles decide here; which sites they may touch is the handler's business.
void authorise(const Route& route, const api::Principal& who) {
  if (who.is_station()) {
    if (!route.access.stations) throw Failure::forbidden("Stations may not use this resource.");
    return;
  }
  if (route.access.roles.empty()) return;
  for (auto role : route.access.roles) {
    if (who.has_role(role)) return;
  }
  std::string names;
  for (auto role : route.access.roles) names += (names.empty() ? "" : ", ") + std::string(api::role_name(role));
  throw Failure::forbidden("This needs one of the roles: " + names + ".");
}

// A commit whose answer never came (the connection broke while COMMIT was in flight): the change
// may or may not be in the database. Only the client can settle it, by replaying with its key.
Response outcome_unknown(const Route& route, const std::exception& e) {
  spdlog::error("api {} {}: the connection broke during commit; outcome unknown: {}", route.method, route.pattern,
                e.what());
  return error(503, "OUTCOME_UNKNOWN",
               "The outcome is unknown: the database connection broke while the change was being committed. Send "
               "the request again with the same idempotency key.");
}

Response run_handler(const Route& route, Call& call, pqxx::connection_base& db, bool& authenticated);

}  // namespace

void authenticate_call(const Route& route, Call& call, pqxx::connection_base& db) {
  if (route.access.is_public) return;
  call.principal = auth::authenticate(call.request, db);
  authorise(route, *call.principal);
}

Response run_handler(const Route& route, Call& call, pqxx::connection_base& db) {
  bool authenticated = false;
  return run_handler(route, call, db, authenticated);
}

namespace {

Response run_handler(const Route& route, Call& call, pqxx::connection_base& db, bool& authenticated) {
  try {
    if (!route.access.is_public) {
      call.principal = auth::authenticate(call.request, db);
      authenticated = true;
      authorise(route, *call.principal);
    }
    return route.handler(call, db);
  } catch (const Failure& e) {
    return api::error_response(e.error());
  } catch (const pqxx::unique_violation& e) {
    return error(409, "CONFLICT", "That already exists.");
  } catch (const pqxx::in_doubt_error& e) {
    // The worker reconnects for its next job (the connection is closed).
    return outcome_unknown(route, e);
  } catch (const pqxx::broken_connection&) {
    throw;  // before any commit: the pool answers 503 (nothing recorded) and reconnects
  } catch (const pqxx::sql_error& e) {
    spdlog::error("api {} {}: database error {}: {}", route.method, route.pattern, e.sqlstate(), e.what());
    return error(500, "INTERNAL", "The request failed inside the server; nothing was recorded.");
  }
}

}  // namespace

RouteMatch match_route(const std::vector<Route>& routes, std::string_view method, std::string_view path) {
  RouteMatch result;
  const auto want = segments(path);
  for (const auto& route : routes) {
    const auto have = segments(route.pattern);
    if (have.size() != want.size()) continue;
    std::vector<std::string> params;
    bool same = true;
    for (std::size_t i = 0; i < have.size() && same; ++i) {
      if (have[i].size() > 1 && have[i].front() == '{' && have[i].back() == '}') {
        if (want[i].empty()) same = false;
        else params.emplace_back(want[i]);
      } else {
        same = have[i] == want[i];
      }
    }
    if (!same) continue;
    result.path_known = true;
    if (route.method != method) continue;
    result.route = &route;
    result.params = std::move(params);
    return result;
  }
  return result;
}

boost::json::value request_body(const api::Request& req, std::optional<Response>& refusal) {
  // A text/csv body (a logger's file) is the handler's to read; every other body is JSON.
  const bool csv = req.header("Content-Type").starts_with("text/csv");
  if (req.body.empty() || csv) return nullptr;
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(req.body, ec);
  if (ec) refusal = error(400, "BAD_JSON", "The body is not valid JSON: " + ec.message() + ".");
  return body;
}

bool dispatch(api::AppContext& app, api::Request& req, const std::string& path, transport::Respond& respond) {
  if (path.rfind("/api/v1/", 0) != 0) return false;
  static const std::vector<Route> routes = all_routes();
  RouteMatch match = match_route(routes, req.method, path);
  if (!match.route) {
    if (match.path_known) {
      respond(error(405, "METHOD_NOT_ALLOWED", req.method + " is not allowed on " + path + "."));
    } else {
      respond(error(404, "NOT_FOUND", "No resource at " + path + "."));
    }
    return true;
  }
  std::optional<Response> refusal;
  boost::json::value body = request_body(req, refusal);
  if (refusal) {
    respond(std::move(*refusal));
    return true;
  }
  // The request moves to the worker with the job; the Call refers to it there.
  auto request = std::make_shared<api::Request>(std::move(req));
  const Route* route = match.route;
  if (route->access.password) {
    dispatch_password_route(app, *route, request, std::move(match.params), std::move(body), respond);
    return true;
  }
  auto job = [&app, request, route, params = std::move(match.params), body = std::move(body),
              respond](pqxx::connection_base& db) mutable {
    Call call{app, *request, std::move(params), std::move(body), std::nullopt};
    bool authenticated = false;
    Response response = run_handler(*route, call, db, authenticated);
    response.authenticated = authenticated;
    respond(std::move(response));
  };
  auto failed = [respond](const db::JobFailure& f) {
    if (f.kind == db::JobFailure::Kind::kUnavailable) {
      respond(error(503, "DATABASE_UNAVAILABLE",
                    "The database is unavailable (" + f.message + "); nothing was recorded. Retry later."));
    } else {
      respond(error(500, "INTERNAL", "The request failed inside the server; nothing was recorded."));
    }
  };
  if (!app.db->post(std::move(job), std::move(failed))) {
    respond(error(503, "BUSY", "The server is busy; retry in a moment."));
  }
  return true;
}

}  // namespace cj::serve
