#include "server/feed/feed_access.h"

#include <memory>

#include <boost/url/parse.hpp>

#include "server/api/api_error.h"
#include "server/auth/authenticate.h"
#include "server/db/worker_pool.h"

namespace cj::feed {

namespace {

std::string query_value(const server::Request& req, std::string_view name) {
  auto target = boost::urls::parse_origin_form(req.target());
  if (!target) return {};
  auto params = target->params();
  auto it = params.find(name);
  return it == params.end() ? std::string() : std::string((*it).value);
}

FeedAccess sites_for(const auth::Principal& who, const std::string& site_code) {
  FeedAccess access;
  if (site_code.empty()) {
    access.site_ids = who.site_ids();
  } else {
    for (const auto& r : who.roles) {
      if (r.site_code == site_code) {
        access.site_ids.push_back(r.site_id);
        break;
      }
    }
  }
  if (access.site_ids.empty()) {
    return {false, 403, "FORBIDDEN", site_code.empty() ? "You hold no role at any site." : "You hold no role at site " + site_code + ".", {}};
  }
  access.allowed = true;
  return access;
}

}  // namespace

void check_feed_access(server::AppContext& app, const server::Request& req, std::function<void(FeedAccess)> done) {
  // The worker needs its own copy of the headers (and the token moved into one).
  auto headers = std::make_shared<server::Request>(req.method(), req.target(), req.version());
  for (const auto& field : req) headers->set(field.name_string(), field.value());
  const std::string token = query_value(req, "token");
  if (!token.empty() && headers->find(server::http::field::authorization) == headers->end()) {
    headers->set(server::http::field::authorization, "Bearer " + token);
  }
  const std::string site = query_value(req, "site");
  auto job = [headers, site, done](pqxx::connection_base& db) {
    try {
      done(sites_for(auth::authenticate(*headers, db), site));
    } catch (const api::ApiError& e) {
      done({false, e.status(), e.code(), e.what(), {}});
    }
  };
  auto failed = [done](const db::JobFailure& f) {
    done({false, 503, "DATABASE_UNAVAILABLE", "The database cannot be reached: " + f.message + ".", {}});
  };
  if (!app.db->post(std::move(job), std::move(failed))) {
    done({false, 503, "BUSY", "The server is busy; retry in a moment.", {}});
  }
}

}  // namespace cj::feed
