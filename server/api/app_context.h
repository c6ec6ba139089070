// What every request handler shares: the database pool, the live feed, the server's identity.
// Owned by the serve command, outlives every session.
#pragma once

#include <string>

namespace cj::auth {
class SignIn;
}
namespace cj::db {
class WorkerPool;
}
namespace cj::feed {
class FeedHub;
}
namespace cj::passport {
class SigningKey;
}

namespace cj::api {

class Metrics;

struct AppContext {
  db::WorkerPool* db = nullptr;
  feed::FeedHub* feed = nullptr;
  Metrics* metrics = nullptr;
  int schema_version_known = 0;                      // the newest migration this binary carries
  const passport::SigningKey* centre_key = nullptr;  // passport signing (serve --centre-key-file)
  auth::SignIn* sign_in = nullptr;                   // password checks (routes with Access::password)
};

}  // namespace cj::api
