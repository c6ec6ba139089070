// The bench's two kinds of client: an idle connection (connects, sends nothing) and a health
// probe (GET /healthz on a fresh connection, with a deadline). Plain POSIX sockets: 5,000 of them
// must cost the harness nothing but file descriptors.
#pragma once

#include <chrono>
#include <string>

namespace cj::bench {

/// A connected socket from source (an address of lo, 127.x.y.z) to 127.0.0.1:port, or -1
/// when the connect did not complete within timeout.
int open_idle(unsigned short port, const std::string& source, std::chrono::milliseconds timeout);

struct Probe {
  int status = 0;  // 0: no answer within the deadline
  std::chrono::microseconds latency{0};
};

/// GET /healthz on a new connection from source, all of it within timeout.
Probe probe_healthz(unsigned short port, const std::string& source, std::chrono::milliseconds timeout);

}  // namespace cj::bench
