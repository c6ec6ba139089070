#include "server/serve/feed_access.h"

#include <memory>

#include "base/failure.h"
#include "server/auth/authenticate.h"
#include "server/api/response.h"
#include "server/db/worker_pool.h"

namespace cj::serve {

using transport::FeedAccess;

namespace {

FeedAccess sites_for(const api::Principal& who, const std::string& site_code) {
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
    return {false,
            403,
            "FORBIDDEN",
            site_code.empty() ? "You hold no role at any site." : "You hold no role at site " + site_code + ".",
            {}};
  }
  access.allowed = true;
  return access;
}

}  // namespace

void check_feed_access(api::AppContext& app, const api::Request& req, std::function<void(FeedAccess)> done) {
  // The worker needs its own copy of the headers (and the token moved into one).
  auto headers = std::make_shared<api::Request>(req);
  const std::string token = req.query("token").value_or("");
  if (!token.empty() && !headers->has_header("Authorization")) headers->set_header("Authorization", "Bearer " + token);
  const std::string site = req.query("site").value_or("");
  auto job = [headers, site, done](pqxx::connection_base& db) {
    try {
      const auto who = auth::authenticate(*headers, db);
      auto access = sites_for(who, site);
      if (!who.is_station()) {
        access.user_id = who.id;
        access.session_id = who.session_id;
      }
      done(std::move(access));
    } catch (const base::Failure& e) {
      done({false, api::status_of(e.kind()), e.code(), e.what(), {}});
    }
  };
  auto failed = [done](const db::JobFailure& f) {
    done({false, 503, "DATABASE_UNAVAILABLE", "The database cannot be reached: " + f.message + ".", {}});
  };
  if (!app.db->post(std::move(job), std::move(failed))) {
    done({false, 503, "BUSY", "The server is busy; retry in a moment.", {}});
  }
}

}  // namespace cj::serve
