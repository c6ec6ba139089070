#include "server/http/router.h"

#include <boost/url/parse.hpp>

#include "server/api/dispatch.h"
#include "server/http/health_handlers.h"
#include "server/http/static_files.h"

namespace cj::server {

namespace {

struct Route {
  std::string_view path;
  void (*handler)(AppContext&, const ReplyTo&, Respond);
};

// Read-only routes of this release; the full API arrives in a later one.
constexpr Route kGetRoutes[] = {
    {"/healthz", &handle_healthz},
    {"/api/v1/version", &handle_version},
    {"/metrics", &handle_metrics},
};

}  // namespace

void route(AppContext& app, Request&& req, Respond respond) {
  const ReplyTo to = ReplyTo::of(req);
  auto target = boost::urls::parse_origin_form(req.target());
  if (!target) {
    respond(error_response(to, http::status::bad_request, "BAD_TARGET", "The request target is not a valid path."));
    return;
  }
  const std::string path = target->path();
  for (const auto& r : kGetRoutes) {
    if (path != r.path) continue;
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      respond(error_response(to, http::status::method_not_allowed, "METHOD_NOT_ALLOWED",
                             "Only GET is allowed on " + path + "."));
      return;
    }
    r.handler(app, to, std::move(respond));
    return;
  }
  if (api::dispatch(app, req, path, respond)) return;
  // The browser pages (server/web): anything else that names an embedded file.
  if (auto page = static_file_response(req, path)) {
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      respond(error_response(to, http::status::method_not_allowed, "METHOD_NOT_ALLOWED",
                             "Only GET is allowed on " + path + "."));
      return;
    }
    respond(std::move(*page));
    return;
  }
  respond(error_response(to, http::status::not_found, "NOT_FOUND", "No resource at " + path + "."));
}

}  // namespace cj::server
