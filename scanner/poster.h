// Poster: how the sender reaches the server, one POST /api/v1/scans at a time. Kept small so the
// HTTP library stays behind it (curl_poster.h is the real one).
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
};

}  // namespace cj::scanner
