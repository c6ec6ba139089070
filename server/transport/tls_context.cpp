#include "server/transport/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fstream>

#include "server/transport/streams.h"

namespace cj::transport {

namespace {

// OpenSSL's reason for the last failure (its error queue emptied), for a message to a person.
std::string openssl_reason() {
  std::string reason;
  while (const unsigned long code = ERR_get_error()) {
    const char* text = ERR_reason_error_string(code);
    if (text && reason.empty()) reason = text;
  }
  return reason.empty() ? "unknown OpenSSL error" : reason;
}

bool readable(const std::string& file) { return std::ifstream(file).good(); }

// TLS 1.2 keeps only forward-secret AEAD suites (ECDHE with AES-GCM or ChaCha20-Poly1305); TLS 1.3
// keeps OpenSSL 3's defaults, which are all of that kind.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

}  // namespace

struct TlsContext::Impl {
  ssl::context context{ssl::context::tls_server};
};

TlsContext::TlsContext() : impl_(std::make_unique<Impl>()) {}
TlsContext::~TlsContext() = default;

ssl::context& TlsContext::context() { return impl_->context; }

std::unique_ptr<TlsContext> TlsContext::load(const std::string& cert_file, const std::string& key_file,
                                             std::string& error) {
  std::unique_ptr<TlsContext> tls(new TlsContext());
  SSL_CTX* ctx = tls->context().native_handle();
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1) {
    error = "cannot set the TLS 1.2 ciphers: " + openssl_reason();
    return nullptr;
  }
  if (!readable(cert_file)) {
    error = "cannot read the TLS certificate " + cert_file;
    return nullptr;
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_file.c_str()) != 1) {
    error = "the TLS certificate " + cert_file + " is not a PEM certificate: " + openssl_reason();
    return nullptr;
  }
  if (!readable(key_file)) {
    error = "cannot read the TLS key " + key_file;
    return nullptr;
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    // OpenSSL checks the pair here already when the key reads but does not fit.
    const std::string reason = openssl_reason();
    error = reason.find("values mismatch") != std::string::npos
                ? "the TLS key " + key_file + " does not match the certificate " + cert_file
                : "the TLS key " + key_file + " is not a PEM private key: " + reason;
    return nullptr;
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    error = "the TLS key " + key_file + " does not match the certificate " + cert_file;
    return nullptr;
  }
  return tls;
}

}  // namespace cj::transport
