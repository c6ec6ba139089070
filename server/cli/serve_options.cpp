#include "server/cli/serve_options.h"

#include <iostream>

#include <boost/asio/ip/address.hpp>
#include <boost/program_options.hpp>

#include "server/cli/command_line.h"

namespace cj::cli {

namespace po = boost::program_options;

std::optional<int> parse_serve_options(const std::vector<std::string>& args, ServeOptions& opts) {
  po::options_description desc("celljourney serve options");
  desc.add_options()("listen", po::value(&opts.listen)->default_value(opts.listen), "address to listen on")(
      "port", po::value(&opts.port)->default_value(opts.port), "TCP port (0: any free port)")(
      "threads", po::value(&opts.threads)->default_value(opts.threads), "network threads")(
      "db-workers", po::value(&opts.db_workers)->default_value(opts.db_workers), "database worker threads")(
      "sweep-interval", po::value(&opts.sweep_interval)->default_value(opts.sweep_interval),
      "seconds between deadline sweeps (OVERDUE deviations; the first at start-up); 0: no sweeps")(
      "no-demo", po::bool_switch(&opts.no_demo), "do not seed the demo (the default; kept for old scripts)")(
      "demo", po::bool_switch(&opts.demo),
      "seed the demo site, people (with a published password) and journeys into an empty database; "
      "listens on loopback only (scripts/run gives it)")(
      "centre-key-file", po::value(&opts.centre_key_file),
      "this centre's signing key (mode 0600): passports (GET /api/v1/users/{username}/passport) and "
      "signed audit checkpoints")(
      "checkpoint-interval", po::value(&opts.checkpoint_interval)->default_value(opts.checkpoint_interval),
      "seconds between signed audit checkpoints (with --centre-key-file; the first at start-up); 0: none")(
      "app-database", po::value(&opts.app_database),
      "how the server itself connects: as celljourney_server, which owns nothing (default: --database "
      "with that user and no password; migrations run as --database's user)")(
      "tls-cert", po::value(&opts.tls_cert),
      "HTTPS: the server's certificate, PEM (then any intermediates); needs --tls-key")(
      "tls-key", po::value(&opts.tls_key), "HTTPS: the certificate's private key, PEM")(
      "guess-limit-address", po::value(&opts.guess_limit_address)->default_value(opts.guess_limit_address),
      "failed logins and signature passwords per client address (15 min) before answers are delayed; 0: "
      "count per account only (behind a proxy on this machine every client has its address)")(
      "insecure-http", po::bool_switch(&opts.insecure_http),
      "allow plain HTTP on an address other than loopback (--listen); without TLS, passwords and "
      "station keys cross the network in clear")(
      "max-connections", po::value(&opts.max_connections)->default_value(opts.max_connections),
      "open connections at most (HTTP and live feed); more are answered 503 and closed")(
      "max-connections-per-address",
      po::value(&opts.max_connections_per_address)->default_value(opts.max_connections_per_address),
      "open connections at most from one client address")(
      "unauthenticated-timeout", po::value(&opts.unauthenticated_timeout)->default_value(opts.unauthenticated_timeout),
      "seconds a connection that has not yet sent a valid session or station key may take for each request")(
      "metrics-listen", po::value(&opts.metrics_listen),
      "ADDRESS:PORT (loopback only, e.g. 127.0.0.1:9464): serve GET /metrics there without a session, for a "
      "Prometheus scraper on this machine; on the main port /metrics needs an admin's or QA's session");
  add_database_options(desc, opts.database);
  po::variables_map vm;
  if (auto done = parse_command_line("serve", "usage: celljourney serve [OPTIONS]\n\n", args, desc, vm)) return done;
  if (opts.demo && opts.no_demo) {
    std::cerr << "celljourney serve: --demo and --no-demo contradict each other\n";
    return 1;
  }
  if (const std::string refusal = demo_listen_refusal(opts); !refusal.empty()) {
    std::cerr << "celljourney serve: " << refusal << "\n";
    return 2;
  }
  if (opts.tls_cert.empty() != opts.tls_key.empty()) {
    std::cerr << "celljourney serve: "
              << (opts.tls_cert.empty() ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key")
              << " (HTTPS takes both files, PEM)\n";
    return 2;
  }
  if (opts.max_connections == 0 || opts.max_connections_per_address == 0 || opts.unauthenticated_timeout == 0) {
    std::cerr << "celljourney serve: --max-connections, --max-connections-per-address and "
                 "--unauthenticated-timeout must be at least 1\n";
    return 2;
  }
  if (const std::string refusal = parse_metrics_listen(opts); !refusal.empty()) {
    std::cerr << "celljourney serve: " << refusal << "\n";
    return 2;
  }
  if (const std::string refusal = insecure_listen_refusal(opts); !refusal.empty()) {
    std::cerr << "celljourney serve: " << refusal << "\n";
    return 2;
  }
  return std::nullopt;
}

std::string parse_metrics_listen(ServeOptions& opts) {
  if (opts.metrics_listen.empty()) return {};
  const std::string& text = opts.metrics_listen;
  const auto colon = text.rfind(':');
  std::string address = colon == std::string::npos ? std::string() : text.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']')
    address = address.substr(1, address.size() - 2);
  const std::string port = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  const bool digits = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
  if (address.empty() || !digits || std::stoul(port) > 65535) {
    return "--metrics-listen wants ADDRESS:PORT (e.g. 127.0.0.1:9464), not '" + text + "'";
  }
  if (!is_loopback_address(address)) {
    return "--metrics-listen must be a loopback address (the metrics need no session there), not " + address;
  }
  opts.metrics_address = address == "localhost" ? "127.0.0.1" : address;
  opts.metrics_port = static_cast<unsigned short>(std::stoul(port));
  return {};
}

bool is_loopback_address(const std::string& address) {
  if (address == "localhost") return true;
  boost::system::error_code ec;
  const auto ip = boost::asio::ip::make_address(address, ec);
  if (ec) return false;
  if (ip.is_v6() && ip.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, ip.to_v6()).is_loopback();
  }
  return ip.is_loopback();
}

std::string demo_listen_refusal(const ServeOptions& opts) {
  if (!opts.demo || is_loopback_address(opts.listen)) return {};
  return "refusing --demo on " + opts.listen +
         ", which is not a loopback address: the demo's people share a published password, so a demo "
         "server listens on 127.0.0.1 or ::1 only (--listen 127.0.0.1)";
}

std::string insecure_listen_refusal(const ServeOptions& opts) {
  if (opts.tls() || opts.insecure_http || is_loopback_address(opts.listen)) return {};
  return "refusing plain HTTP on " + opts.listen +
         ", which is not a loopback address: give --tls-cert and --tls-key for HTTPS, or --insecure-http "
         "to serve plain HTTP anyway (behind a TLS proxy on this machine)";
}

}  // namespace cj::cli
