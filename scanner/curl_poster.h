// CurlPoster: POST /api/v1/scans over HTTP(S) with libcurl (chosen for TLS, proxies and timeouts
// as hospital networks need them), authenticated as the station: "Authorization: Station <key>".
// One connection kept alive between posts. Not thread-safe: one sender thread uses it.
// Call curl_global_init() once in main() before making one.
#pragma once

#include <chrono>
#include <string>

#include "scanner/poster.h"

namespace cj::scanner {

class CurlPoster : public Poster {
 public:
  // `server`: "http://127.0.0.1:8080" (with or without a trailing '/').
  CurlPoster(std::string server, std::string station_key, std::chrono::seconds timeout);
  ~CurlPoster() override;
  CurlPoster(const CurlPoster&) = delete;
  CurlPoster& operator=(const CurlPoster&) = delete;

  PostAnswer post_scan(const std::string& body) override;

 private:
  std::string url_;
  std::string authorization_;
  std::chrono::seconds timeout_;
  void* curl_ = nullptr;  // CURL*, kept out of this header
};

}  // namespace cj::scanner
