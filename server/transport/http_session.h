// One HTTP connection: reads a request, routes it, writes the answer, reads the next.
// One request is in flight per connection (no pipelining): handlers may answer from a database
// worker, and answering in order is then free.
//
// The same session serves plain HTTP and HTTPS (the TLS handshake first, then the same reads and
// writes over the TLS stream; answers then carry Strict-Transport-Security). The session classes
// are a template over the stream, private to http_session.cpp (Boost.Beast's
// advanced_server_flex pattern); the listener only starts one.
#pragma once

#include <chrono>

#include "server/transport/application.h"
#include "server/transport/beast.h"
#include "server/transport/connection_limits.h"

namespace cj::transport {

class TlsContext;

/// Serves one accepted connection on its strand: HTTPS when tls is not null, else plain HTTP.
/// tls must outlive the connection (the listener's does). slot is held until the connection
/// (or the live feed it became) closes. Until a request on it carries a valid session or station
/// key, its TLS handshake and each request must arrive within unauthenticated_timeout.
void serve_connection(tcp::socket&& socket, Application& app, TlsContext* tls, ConnectionSlot slot,
                      std::chrono::seconds unauthenticated_timeout);

}  // namespace cj::transport
