// Poster: how the station reaches the server. post_scan() is the sender's one call (POST
// /api/v1/scans); request() is every other call the station makes (signing people in and out,
// the sealing key, the step forms, a journey's next steps). Kept small so the HTTP library stays
// behind it (curl_poster.h is the real one). Neither call throws for network failures.
#pragma once

#include <string>

namespace cj::scanner {

struct PostAnswer {
  int status = 0;     // HTTP status; 0 when no answer came (refused, timeout, cut off)
  std::string body;   // the answer's body
  std::string error;  // why no answer came
};

class Poster {
 public:
  virtual ~Poster() = default;
  // Sends one event (the JSON body, idempotency key inside). Never throws for network failures.
  virtual PostAnswer post_scan(const std::string& body) = 0;
  // `method` "GET" or "POST"; `path` from the server's root ("/api/v1/forms"); `body` JSON for a
  // POST. Never throws for network failures. The default: no server to ask (status 0).
  virtual PostAnswer request(const std::string& method, const std::string& path, const std::string& body) {
    (void)method, (void)path, (void)body;
    return {0, "", "this station has no way to reach the server"};
  }
};

}  // namespace cj::scanner
