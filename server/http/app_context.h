// What every request handler shares: the database pool and the server's identity.
// Owned by the serve command, outlives every session.
#pragma once

#include <string>

namespace cj::db {
class WorkerPool;
}

namespace cj::server {

struct AppContext {
  db::WorkerPool* db = nullptr;
  int schema_version_known = 0;  // the newest migration this binary carries
};

}  // namespace cj::server
