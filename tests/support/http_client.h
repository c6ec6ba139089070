// A plain synchronous HTTP/1.1 client (Boost.Beast) for end-to-end tests against 127.0.0.1, and
// the same over HTTPS, verifying the server's certificate against a CA file and its name.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace cj::testing {

struct HttpReply {
  int status = 0;  // 0 when no answer came (connection refused, timeout, TLS refused)
  std::string content_type;
  std::string body;
  std::string error;  // why there was no answer
  std::vector<std::pair<std::string, std::string>> headers;

  /// The first header named name (any case), or "".
  std::string header(const std::string& name) const;
};

/// HTTPS as a careful client does it: the server's certificate must chain to ca_file, and be for
/// host (an IP address or a DNS name; also sent as SNI). The connection still goes to 127.0.0.1.
struct TlsClient {
  std::filesystem::path ca_file;
  std::string host = "127.0.0.1";
};

/// Sends one request on a fresh connection and reads the answer (10 s timeout). authorization,
/// when not empty, is sent as the Authorization header.
HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = {}, const std::string& content_type = "application/json",
                       const std::string& authorization = {});

/// The same over HTTPS; a certificate that does not verify is no answer (status 0, error says why).
HttpReply https_request(const TlsClient& tls, unsigned short port, const std::string& method, const std::string& target,
                        const std::string& body = {}, const std::string& content_type = "application/json",
                        const std::string& authorization = {});

inline HttpReply http_get(unsigned short port, const std::string& target) { return http_request(port, "GET", target); }
inline HttpReply https_get(const TlsClient& tls, unsigned short port, const std::string& target) {
  return https_request(tls, port, "GET", target);
}

/// Sends raw bytes and returns whatever comes back until the server closes (5 s timeout).
std::string raw_exchange(unsigned short port, const std::string& bytes);

}  // namespace cj::testing
