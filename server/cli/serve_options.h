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
  unsigned sweep_interval = 60;         // seconds between deadline sweeps; 0: none
  unsigned checkpoint_interval = 3600;  // seconds between signed audit checkpoints; 0: none
  std::string app_database;             // the server's own login (celljourney_server); empty: derived
  bool no_demo = false;                 // the default: no demo (accepted for old scripts)
  bool demo = false;                    // seed the demo (server/demo/demo.h) into an empty database
  std::string centre_key_file;          // the passport signing key (docs/passport.md); empty: none
  std::string tls_cert;                 // HTTPS: the PEM certificate (chain); with tls_key, or neither
  std::string tls_key;                  // HTTPS: its PEM private key
  bool insecure_http = false;           // allow plain HTTP on an address other than loopback
  unsigned guess_limit_address = 20;    // failed passwords per client address before delays; 0: not counted
  // A client must not be able to take the server down (docs/security.md, "Denial of service").
  unsigned max_connections = 1024;            // open connections in all (HTTP and live feed)
  unsigned max_connections_per_address = 64;  // from one client address
  unsigned unauthenticated_timeout = 10;      // seconds for each request of a connection not yet authenticated
  std::string metrics_listen;                 // "127.0.0.1:PORT": GET /metrics there, open; empty: none
  std::string metrics_address;                // metrics_listen's address, and its port (0: any)
  unsigned short metrics_port = 0;
  bool tls() const { return !tls_cert.empty(); }
};

/// Whether address (an IP address or "localhost") reaches this machine only: 127.0.0.0/8, ::1,
/// ::ffff:127.x.y.z, localhost. An address that is not one of those, or not an address, is not.
bool is_loopback_address(const std::string& address);

/// Why these options must not start a server, or empty: plain HTTP (no --tls-cert) on an address
/// other than loopback, unless --insecure-http says so (station keys and passwords would cross the
/// network in clear).
std::string insecure_listen_refusal(const ServeOptions& opts);

/// Why these options must not start a server, or empty: --demo on an address other than
/// loopback (the demo people's password is printed and documented).
std::string demo_listen_refusal(const ServeOptions& opts);

/// Splits "ADDRESS:PORT" ("[::1]:PORT" for IPv6) into opts.metrics_address and metrics_port;
/// why not (it is not of that form, or the address is not loopback), else empty.
std::string parse_metrics_listen(ServeOptions& opts);

/// Reads args (what follows `serve`) into opts. Returns the exit code when the command is
/// already done: 0 after --help, 2 after a usage error (both printed; among them --tls-cert
/// without --tls-key or the other way, demo_listen_refusal() and insecure_listen_refusal());
/// nullopt to go on.
std::optional<int> parse_serve_options(const std::vector<std::string>& args, ServeOptions& opts);

}  // namespace cj::cli
