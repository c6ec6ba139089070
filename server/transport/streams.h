// The two kinds of connection the transport serves: plain TCP and TLS over TCP. Internal to
// server/transport (Beast's and OpenSSL's SSL headers are heavy): only the session sources
// include it.
#pragma once

#include <boost/beast/ssl.hpp>

#include "server/transport/beast.h"

namespace cj::transport {
namespace ssl = boost::asio::ssl;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
}  // namespace cj::transport
