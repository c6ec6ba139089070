#include "server/serve/wiring.h"

#include "server/serve/feed_access.h"
#include "server/serve/router.h"

namespace cj::serve {

transport::Application make_application(api::AppContext& app) {
  transport::Application application;
  application.handle = [&app](api::Request req, transport::Respond respond) {
    route(app, std::move(req), std::move(respond));
  };
  application.open_feed = [&app](const api::Request& req, std::function<void(transport::FeedAccess)> done) {
    check_feed_access(app, req, std::move(done));
  };
  application.feed = app.feed;
  application.metrics = app.metrics;
  return application;
}

transport::Application make_metrics_application(api::AppContext& app) {
  transport::Application application;
  application.handle = [&app](api::Request req, transport::Respond respond) {
    route_metrics_port(app, std::move(req), std::move(respond));
  };
  return application;
}

}  // namespace cj::serve
