// celljourney-station: the scanning station program (docs/stations.md).
//   celljourney-station --config /etc/celljourney/station.conf
//   celljourney-station --check-config /etc/celljourney/station.conf
#include <curl/curl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "scanner/config.h"
#include "scanner/curl_poster.h"
#include "scanner/inputs.h"
#include "scanner/outbox.h"
#include "scanner/screen.h"
#include "scanner/station.h"

namespace {

constexpr const char* kUsage =
    "usage: celljourney-station --config FILE [--ca-file FILE] [--exit-when-done]\n"
    "       celljourney-station --check-config FILE\n"
    "  --config FILE        run the station (see docs/stations.md for the file)\n"
    "  --check-config FILE  check FILE, print every error with its line, exit 0 when usable\n"
    "  --ca-file FILE       HTTPS: trust the server's certificate when it chains to these CA\n"
    "                       certificates (PEM); overrides ca_file in the config\n"
    "  --exit-when-done     stop once every input has ended and every scan set is answered\n";

bool env_flag(const char* name) {
  const char* value = std::getenv(name);
  return value && std::strcmp(value, "1") == 0;
}

int print_errors(const std::string& file, const cj::scanner::ConfigResult& result) {
  for (const auto& error : result.errors) {
    std::cerr << file;
    if (error.line > 0) std::cerr << ':' << error.line;
    std::cerr << ": " << error.message << "\n";
  }
  return result.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_file;
  bool check_only = false;
  bool exit_when_done = false;
  std::string ca_file;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--config" || arg == "--check-config") && i + 1 < argc) {
      config_file = argv[++i];
      check_only = arg == "--check-config";
    } else if (arg == "--ca-file" && i + 1 < argc) {
      ca_file = argv[++i];
    } else if (arg == "--exit-when-done") {
      exit_when_done = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else {
      std::cerr << "unknown argument '" << arg << "'\n" << kUsage;
      return 2;
    }
  }
  if (config_file.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  auto loaded = cj::scanner::load_config(config_file);
  if (!ca_file.empty()) {
    if (!std::ifstream(ca_file)) {
      std::cerr << "cannot read the CA file " << ca_file << " (--ca-file)\n";
      return 2;
    }
    loaded.config.ca_file = ca_file;
  }
  if (check_only) {
    const int rc = print_errors(config_file, loaded);
    if (rc == 0) std::cout << config_file << ": OK (station " << loaded.config.station << ")\n";
    return rc;
  }
  if (!loaded.ok()) return print_errors(config_file, loaded);

  // The screen owns stdout; logs go to stderr (the journal under systemd).
  spdlog::set_default_logger(spdlog::stderr_color_mt("station"));
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int rc = 0;
  try {
    const auto& config = loaded.config;
    cj::scanner::Outbox outbox(config.outbox);
    if (outbox.dropped_lines() > 0) spdlog::warn("outbox: {} unreadable line(s) dropped", outbox.dropped_lines());
    cj::scanner::CurlPoster poster(config.server, config.key, std::chrono::seconds(config.timeout_seconds),
                                   config.ca_file.string());
    // The station's own calls (sign-in, forms) on their own connection: the sender's is its thread's.
    cj::scanner::CurlPoster api(config.server, config.key, std::chrono::seconds(config.timeout_seconds),
                                config.ca_file.string());
    cj::scanner::SenderOptions sender;
    sender.max_backoff = std::chrono::seconds(config.retry_max_seconds);
    // Test hooks (docs/stations.md "Testing"): hold everything in the outbox, or die right
    // after an answer and before recording it.
    sender.hold = env_flag("CELLJOURNEY_STATION_TEST_HOLD");
    sender.kill_after_answer = env_flag("CELLJOURNEY_STATION_TEST_KILL_AFTER_ANSWER");
    cj::scanner::Screen screen(STDOUT_FILENO);
    cj::scanner::Station station(config, cj::scanner::make_inputs(config), outbox, poster, api, sender, screen,
                                 {exit_when_done});
    rc = station.run();
  } catch (const std::exception& e) {
    spdlog::critical("station stopped: {}", e.what());
    rc = 1;
  }
  curl_global_cleanup();
  return rc;
}
