// How the test clients (http_client.cpp, ws_client.cpp) set up TLS: trust the test's CA file
// alone, TLS 1.2 or newer, and check the certificate's name (SNI for a DNS name).
#pragma once

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <string>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/ssl.hpp>

#include "tests/support/http_client.h"

namespace cj::testing {

namespace ssl = boost::asio::ssl;

/// Throws boost::system::system_error when ca_file cannot be read.
inline ssl::context client_context(const TlsClient& tls) {
  ssl::context context(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  context.load_verify_file(tls.ca_file.string());
  context.set_verify_mode(ssl::verify_peer);
  return context;
}

/// Before the handshake: the certificate must be for tls.host.
template <class SslStream>
void expect_host(SslStream& stream, const TlsClient& tls) {
  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(tls.host, ec);
  X509_VERIFY_PARAM* param = SSL_get0_param(stream.native_handle());
  if (!ec) {
    X509_VERIFY_PARAM_set1_ip_asc(param, tls.host.c_str());
  } else {
    SSL_set_tlsext_host_name(stream.native_handle(), tls.host.c_str());
    X509_VERIFY_PARAM_set1_host(param, tls.host.c_str(), 0);
  }
}

}  // namespace cj::testing
