// CurlPoster: POST /api/v1/scans and the station's other calls over HTTP(S) with libcurl (chosen for TLS, proxies and
// timeouts as hospital networks need them), authenticated as the station: "Authorization: Station <key>". Over HTTPS
// the server's certificate and host name are always verified (libcurl's defaults, never turned off), against ca_file
// when given, else the system's CAs; a certificate that fails is no answer (status 0) with an error saying so, and the
// sender keeps the scan set and retries. One connection kept alive between posts. Not thread-safe: one sender thread
// uses it. Call curl_global_init() once in main() before making one.
#pragma once

#include <chrono>
#include <string>

#include "scanner/poster.h"

namespace cj::scanner {

class CurlPoster : public Poster {
 public:
  // `server`: "http://127.0.0.1:8080" (with or without a trailing '/').
  // `ca_file`: PEM CA certificate(s) the server's certificate must chain to; empty: the system's.
  CurlPoster(std::string server, std::string station_key, std::chrono::seconds timeout, std::string ca_file = {});
  ~CurlPoster() override;
  CurlPoster(const CurlPoster&) = delete;
  CurlPoster& operator=(const CurlPoster&) = delete;

  PostAnswer post_scan(const std::string& body) override;
  PostAnswer request(const std::string& method, const std::string& path, const std::string& body) override;

  // The message for a person when libcurl failed with `code` (a CURLcode) and `detail`: a TLS
  // failure says the server's certificate is not trusted and what to check.
  static std::string describe_failure(int code, const std::string& detail);

 private:
  std::string server_;  // without a trailing '/'
  std::string authorization_;
  std::chrono::seconds timeout_;
  std::string ca_file_;
  void* curl_ = nullptr;  // CURL*, kept out of this header
};

}  // namespace cj::scanner
