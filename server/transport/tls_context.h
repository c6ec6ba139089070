// TlsContext: the server's HTTPS settings (certificate chain, private key, TLS 1.2 or newer), read
// once at start-up and shared by every connection. OpenSSL and Asio's SSL headers stay out of
// this header: `celljourney serve` only loads one and hands it to the Listener.
#pragma once

#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace cj::transport {

class TlsContext {
 public:
  /// Reads cert_file (PEM: the server's certificate, then any intermediates) and key_file (PEM
  /// private key). On failure returns nullptr and sets error to one sentence naming the file:
  /// unreadable, not PEM, or a key that does not match the certificate.
  static std::unique_ptr<TlsContext> load(const std::string& cert_file, const std::string& key_file,
                                          std::string& error);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  boost::asio::ssl::context& context();

 private:
  TlsContext();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cj::transport
