// libFuzzer target: the server's reading of a request, from raw bytes to each route's validate
// step, without a database.
//
// The bytes are what a client sends on a connection: Beast's parser reads them as
// http_session does (same body limit; up to a few pipelined requests), transport::to_api turns
// each into an api::Request, and then the router's own steps run: request_path(), the health
// and static-page paths, match_route() over serve::all_routes(), request_body(), and the matched
// route's `validate` (server/api/call.h) with a principal: a station when the request says
// "Authorization: Station ...", else a user holding every role at two sites. Every answer on
// the way (a refusal or an error) is turned into a wire response as the session would.
//
// A bug is: a crash or a sanitizer report; an exception other than base::Failure out of a
// validate step (the documented refusal: 4xx with a code); a Failure that would answer 5xx.
//
// The database work that follows validate in each handler is not run: validate is the part of
// the handler that reads the request (the handler calls the same functions), split off for this.
// Routes without one are listed, with the reason, in unvalidated_routes.h.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http.hpp>

#include "base/failure.h"
#include "server/api/call.h"
#include "server/serve/dispatch.h"
#include "server/serve/router.h"
#include "server/serve/routes.h"
#include "server/transport/static_files.h"
#include "server/transport/wire.h"
#include "tests/fuzz/unvalidated_routes.h"

namespace {

namespace http = boost::beast::http;
using namespace cj;

constexpr std::uint64_t kBodyLimit = 1024 * 1024;  // as server/transport/http_session.cpp
constexpr int kMaxPipelined = 4;

std::string_view g_input;  // the whole input, for reports

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "api_request_fuzz: %s\ninput (%zu bytes): %.*s\n", what.c_str(), g_input.size(),
               static_cast<int>(g_input.size()), g_input.data());
  std::abort();
}

const std::vector<api::Route>& routes() {
  static const std::vector<api::Route> all = [] {
    auto table = serve::all_routes();
    // The list of routes without a validate step must match the table (also a unit test).
    for (const auto& route : table) {
      if (route.validate) continue;
      bool listed = false;
      for (const auto& u : fuzz::kUnvalidatedRoutes) listed |= u.method == route.method && u.pattern == route.pattern;
      if (!listed) {
        std::fprintf(stderr, "route %.*s %.*s has no validate step and is not in unvalidated_routes.h\n",
                     static_cast<int>(route.method.size()), route.method.data(), static_cast<int>(route.pattern.size()),
                     route.pattern.data());
        std::abort();
      }
    }
    return table;
  }();
  return all;
}

api::Principal principal_for(const api::Request& req) {
  api::Principal who;
  if (req.header("Authorization").starts_with("Station ")) {
    who.kind = api::Principal::Kind::kStation;
    who.id = 7;
    who.name = "AP-01";
    who.station_site_id = 1;
    return who;
  }
  who.id = 3;
  who.name = "fuzz";
  who.session_id = 11;
  for (const auto& [id, code] : {std::pair<std::int64_t, const char*>{1, "NORTH"}, {2, "SOUTH"}}) {
    for (auto role : {api::Role::kApheresis, api::Role::kCellLab, api::Role::kClinical, api::Role::kPhysician,
                      api::Role::kCoordinator, api::Role::kQa, api::Role::kAdmin}) {
      who.roles.push_back({id, code, role});
    }
  }
  return who;
}

// The session writes every answer; its conversion must hold for whatever the request carried.
void answer(api::Response&& res, const transport::ReplyTo& to) {
  auto wire = transport::to_wire(std::move(res), to);
  (void)wire;
}

void refused(const base::Failure& e, const api::Route& route, const transport::ReplyTo& to) {
  const int status = api::status_of(e.kind());
  if (status < 400 || status >= 500 || e.code().empty()) {
    bug("route " + std::string(route.pattern) + " refused with status " + std::to_string(status) + " code '" +
        e.code() + "': " + e.what());
  }
  answer(api::error_response(e.error()), to);
}

void handle(transport::WireRequest&& wire) {
  const auto to = transport::ReplyTo::of(wire);
  api::Request req = transport::to_api(std::move(wire));
  const auto path = serve::request_path(req);
  if (!path) return answer(api::error_response(400, "BAD_TARGET", "not a path"), to);
  if (*path == "/healthz" || *path == "/metrics" || *path == "/api/v1/version") return;  // no request reading
  if (path->rfind("/api/v1/", 0) != 0) {
    if (auto page = transport::static_file_response(req, *path)) answer(std::move(*page), to);
    return;
  }
  const auto match = serve::match_route(routes(), req.method, *path);
  if (!match.route) return answer(api::error_response(404, "NOT_FOUND", "No resource at " + *path + "."), to);
  std::optional<api::Response> refusal;
  auto body = serve::request_body(req, refusal);
  if (refusal) return answer(std::move(*refusal), to);
  if (!match.route->validate) return;
  api::AppContext app;  // no database, no feed: validate steps must not need them
  api::Call call{app, req, match.params, std::move(body), principal_for(req)};
  try {
    match.route->validate(call);
  } catch (const base::Failure& e) {
    refused(e, *match.route, to);
  } catch (const std::exception& e) {
    bug("route " + std::string(match.route->method) + " " + std::string(match.route->pattern) +
        " threw a non-Failure exception: " + e.what());
  } catch (...) {
    bug("route " + std::string(match.route->pattern) + " threw something that is not an exception");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  g_input = std::string_view(reinterpret_cast<const char*>(data), size);
  (void)routes();
  boost::asio::const_buffer rest(data, size);
  for (int n = 0; n < kMaxPipelined && rest.size() > 0; ++n) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kBodyLimit);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done()) {
      const std::size_t used = parser.put(rest, ec);
      rest += used;
      if (ec == http::error::need_more) {
        if (rest.size() > 0 && used > 0) continue;
        parser.put_eof(ec);  // the connection ends here: complete or not
      }
      break;
    }
    // A request that does not read gets 400 (413 over the limit) and the connection closes.
    if (ec || !parser.is_done()) return 0;
    handle(parser.release());
  }
  return 0;
}
