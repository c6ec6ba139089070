// A plain synchronous HTTP/1.1 client (Boost.Beast) for end-to-end tests against 127.0.0.1.
#pragma once

#include <string>

namespace cj::testing {

struct HttpReply {
  int status = 0;  // 0 when no answer came (connection refused, timeout)
  std::string content_type;
  std::string body;
  std::string error;  // why there was no answer
};

/// Sends one request on a fresh connection and reads the answer (10 s timeout). authorization,
/// when not empty, is sent as the Authorization header.
HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = {}, const std::string& content_type = "application/json",
                       const std::string& authorization = {});

inline HttpReply http_get(unsigned short port, const std::string& target) { return http_request(port, "GET", target); }

/// Sends raw bytes and returns whatever comes back until the server closes (5 s timeout).
std::string raw_exchange(unsigned short port, const std::string& bytes);

}  // namespace cj::testing
