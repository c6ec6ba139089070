// The station's one config file: plain "key = value" lines, '#' comments, checked with line
// numbers (`celljourney-station --check-config FILE`). A flat file rather than YAML: it is what
// a hospital's IT edits under /etc, every error points at one line, and the station needs no
// YAML library. See docs/stations.md for an example and every key.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/local_check.h"

namespace cj::scanner {

// One input: "stdin", "evdev PATH [grab]", "serial PATH [BAUD]", "folder PATH", "camera PATH".
struct InputSpec {
  std::string kind;
  std::string path;
  int baud = 9600;
  bool grab = false;  // evdev: take the device for the station alone (EVIOCGRAB)
  int line = 0;
};

struct StationConfig {
  std::string server;   // "http://127.0.0.1:8080", "https://celljourney.hospital.example"
  std::string station;  // the station's code as registered ("AP-01")
  std::string key;      // its key (from key = or the file named by key_file =)
  std::string site;
  std::string room;
  std::string step;               // the fixed step; empty: the nurse chooses from `menu`
  std::vector<std::string> menu;  // steps offered when not fixed
  std::vector<InputSpec> inputs;
  std::map<std::string, std::vector<CodeKind>> needs;  // per step: what its scan set holds
  std::filesystem::path outbox;
  // HTTPS: the CA certificate(s), PEM, that the server's certificate must chain to; empty: the
  // system's CAs. The certificate and its host name are always verified.
  std::filesystem::path ca_file;
  int timeout_seconds = 10;    // per POST
  int retry_max_seconds = 30;  // backoff cap while the server does not answer
};

struct ConfigError {
  int line = 0;  // 1-based; 0 when the error is about the whole file
  std::string message;
};

struct ConfigResult {
  StationConfig config;
  std::vector<ConfigError> errors;  // empty: the config is usable
  bool ok() const { return errors.empty(); }
};

// Reads config text. key_file paths are read relative to `base_dir`.
ConfigResult read_config(std::string_view text, const std::filesystem::path& base_dir = ".");
// Reads the file at `path` (an unreadable file is one error at line 0).
ConfigResult load_config(const std::filesystem::path& path);

// The kinds a step's scan set needs: config `needs.<step>`, or a COI alone when not configured.
std::vector<CodeKind> needs_of(const StationConfig& config, const std::string& step);

}  // namespace cj::scanner
