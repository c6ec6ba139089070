// What `celljourney serve` does before it listens: the signing key, the database (started,
// migrated, the board's rows filled in) and whether the demo is seeded.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "server/cli/database_options.h"
#include "server/cli/serve_options.h"
#include "server/passport/signing_key.h"

namespace cj::cli {

struct Prepared {
  std::optional<passport::SigningKey> centre_key;  // with --centre-key-file
  std::unique_ptr<OpenDatabase> database;          // stops the private cluster when destroyed
  bool seed_demo = false;                          // an empty demo database: seed it once listening
  bool demo_present = false;                       // the demo's logins are worth printing
};

/// On failure returns nullopt and writes what to do into error.
std::optional<Prepared> prepare(const ServeOptions& opts, std::string& error);

}  // namespace cj::cli
