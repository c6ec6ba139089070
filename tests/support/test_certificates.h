// Certificates made in the test, with OpenSSL 3's C API: a test CA, server certificates it signs
// (for 127.0.0.1 and localhost, or for another host name), and a second CA nobody trusts. Every
// key is a fresh P-256 key; the files are PEM, written to a directory of the test's own.
//
//   TestCa ca(dir.path(), "test-ca");
//   const auto server = ca.issue("server");          // server.pem, server.key for 127.0.0.1
//   ServerProcess serve(server.serve_args());       // + "--database", uri
//   https_get(TlsClient{ca.cert()}, serve.port(), "/healthz");
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace cj::testing {

struct IssuedCertificate {
  std::filesystem::path cert;  // PEM: the certificate
  std::filesystem::path key;   // PEM: its private key

  /// `celljourney serve` arguments serving HTTPS with it.
  std::vector<std::string> serve_args() const { return {"--tls-cert", cert.string(), "--tls-key", key.string()}; }
};

class TestCa {
 public:
  /// Makes a self-signed CA named common_name; writes <dir>/<common_name>.pem.
  TestCa(std::filesystem::path dir, const std::string& common_name);
  ~TestCa();
  TestCa(const TestCa&) = delete;
  TestCa& operator=(const TestCa&) = delete;

  /// The CA's certificate, for a client's CA file.
  const std::filesystem::path& cert() const { return cert_; }

  /// A server certificate signed by this CA, valid for an hour, with the subject alternative
  /// names given ("DNS:localhost", "IP:127.0.0.1"); writes <dir>/<name>.pem and <dir>/<name>.key.
  IssuedCertificate issue(const std::string& name,
                          const std::vector<std::string>& alt_names = {"IP:127.0.0.1", "DNS:localhost"}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::filesystem::path dir_;
  std::filesystem::path cert_;
};

}  // namespace cj::testing
