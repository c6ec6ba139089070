#include "server/serve/router.h"

#include <boost/url/parse.hpp>

#include "server/serve/dispatch.h"
#include "server/serve/health_handlers.h"
#include "server/transport/static_files.h"

namespace cj::serve {

namespace {

struct Route {
  std::string_view path;
  void (*handler)(api::AppContext&, transport::Respond);
};

// The server's own state, outside the API's authentication (/metrics, which needs a session, is
// routed on its own).
constexpr Route kGetRoutes[] = {
    {"/healthz", &handle_healthz},
    {"/api/v1/version", &handle_version},
};

bool is_get(const api::Request& req) { return req.method == "GET" || req.method == "HEAD"; }

api::Response get_only(const std::string& path) {
  return api::error_response(405, "METHOD_NOT_ALLOWED", "Only GET is allowed on " + path + ".");
}

}  // namespace

std::optional<std::string> request_path(const api::Request& req) {
  auto target = boost::urls::parse_origin_form(req.target);
  if (!target) return std::nullopt;
  return target->path();
}

void route(api::AppContext& app, api::Request&& req, transport::Respond respond) {
  const auto decoded = request_path(req);
  if (!decoded) {
    respond(api::error_response(400, "BAD_TARGET", "The request target is not a valid path."));
    return;
  }
  const std::string& path = *decoded;
  for (const auto& r : kGetRoutes) {
    if (path != r.path) continue;
    if (!is_get(req)) return respond(get_only(path));
    r.handler(app, std::move(respond));
    return;
  }
  if (path == "/metrics") {
    if (!is_get(req)) return respond(get_only(path));
    return handle_metrics(app, req, std::move(respond));
  }
  if (dispatch(app, req, path, respond)) return;
  // The browser pages (server/web): anything else that names an embedded file.
  if (auto page = transport::static_file_response(req, path)) {
    if (!is_get(req)) return respond(get_only(path));
    respond(std::move(*page));
    return;
  }
  respond(api::error_response(404, "NOT_FOUND", "No resource at " + path + "."));
}

void route_metrics_port(api::AppContext& app, api::Request&& req, transport::Respond respond) {
  auto target = boost::urls::parse_origin_form(req.target);
  if (!target || target->path() != "/metrics") {
    return respond(api::error_response(404, "NOT_FOUND", "Only /metrics is served on this port."));
  }
  if (!is_get(req)) return respond(get_only("/metrics"));
  handle_open_metrics(app, std::move(respond));
}

}  // namespace cj::serve
