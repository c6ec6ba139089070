// What every request handler shares: the database pool, the live feed, the server's identity.
// Owned by the serve command, outlives every session.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

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
  // The same key for signed audit checkpoints, for the areas below passport/: its public half
  // (32 raw bytes, empty without a key) and the detached signature of a message.
  std::string centre_public_key;
  std::function<std::string(std::string_view)> centre_sign;
  auth::SignIn* sign_in = nullptr;  // password checks (routes with Access::password)
  // Operators' proofs sealed offline at a station (libsodium sealed box): the X25519 form of the
  // centre key's public half (32 raw bytes, empty without a key), and the opener of a box given
  // as base64 (nullopt when it does not open), so that areas below passport/ need not see it.
  std::string sealing_public_key;
  std::function<std::optional<std::string>(std::string_view)> centre_unseal;
};

}  // namespace cj::api
