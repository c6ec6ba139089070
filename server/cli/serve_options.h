// `celljourney serve`'s options, and reading them from the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/cli/database_options.h"

namespace cj::cli {

struct ServeOptions {
  DatabaseChoice database;
  std::string listen = "127.0.0.1";
  unsigned short port = 8080;
  unsigned threads = 2;
  unsigned db_workers = 4;
  unsigned sweep_interval = 60;  // seconds between deadline sweeps; 0: none
  bool no_demo = false;          // never seed the demo (server/demo/demo.h)
  bool demo = false;             // seed it on an empty --database too
  std::string centre_key_file;   // the passport signing key (docs/passport.md); empty: none
};

/// Reads args (what follows `serve`) into opts. Returns the exit code when the command is
/// already done: 0 after --help, 2 after a usage error (both printed); nullopt to go on.
std::optional<int> parse_serve_options(const std::vector<std::string>& args, ServeOptions& opts);

}  // namespace cj::cli
