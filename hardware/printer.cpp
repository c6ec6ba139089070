#include "hardware/printer.h"

#include "hardware/lp_printer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace cj::hardware {
namespace {

// Closes a descriptor at the end of a scope.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

PrintError error(PrintFailure failure, std::string message, std::size_t sent = 0) {
  return PrintError{failure, std::move(message), sent};
}

// Waits for `events` on fd; false on timeout.
bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  int n;
  do n = ::poll(&p, 1, static_cast<int>(timeout.count()));
  while (n < 0 && errno == EINTR);
  return n > 0;
}

}  // namespace

TcpPrinter::TcpPrinter(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout) {}

std::string TcpPrinter::uri() const { return "tcp://" + host_ + ":" + std::to_string(port_); }

std::optional<PrintError> TcpPrinter::print(std::string_view job) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host_.c_str(), std::to_string(port_).c_str(), &hints, &found) != 0 || !found)
    return error(PrintFailure::Refused, "printer " + uri() + ": unknown host");
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);

  Descriptor socket{::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)};
  if (socket.fd < 0) return error(PrintFailure::Refused, "printer " + uri() + ": " + std::strerror(errno));
  if (::connect(socket.fd, found->ai_addr, found->ai_addrlen) != 0) {
    if (errno != EINPROGRESS) return error(PrintFailure::Refused, "printer " + uri() + " refused the connection");
    if (!wait_for(socket.fd, POLLOUT, timeout_))
      return error(PrintFailure::Timeout,
                   "printer " + uri() + " did not answer within " + std::to_string(timeout_.count()) + " ms");
    int so_error = 0;
    socklen_t length = sizeof so_error;
    ::getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &so_error, &length);
    if (so_error != 0) return error(PrintFailure::Refused, "printer " + uri() + " refused the connection");
  }

  std::size_t sent = 0;
  while (sent < job.size()) {
    const ssize_t n = ::send(socket.fd, job.data() + sent, job.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (wait_for(socket.fd, POLLOUT, timeout_)) continue;
      return error(PrintFailure::Timeout,
                   "printer " + uri() + " stopped taking the job (" + std::to_string(sent) + " of " +
                       std::to_string(job.size()) + " bytes sent)",
                   sent);
    }
    return error(PrintFailure::PartialWrite,
                 "printer " + uri() + " broke the connection after " + std::to_string(sent) + " of " +
                     std::to_string(job.size()) + " bytes",
                 sent);
  }
  // Half-close and wait for the printer to close its side: the job was taken whole only then.
  ::shutdown(socket.fd, SHUT_WR);
  char sink[256];
  while (true) {
    if (!wait_for(socket.fd, POLLIN, timeout_))
      return error(PrintFailure::Timeout, "printer " + uri() + " did not confirm the end of the job", sent);
    const ssize_t n = ::recv(socket.fd, sink, sizeof sink, 0);
    if (n == 0) return std::nullopt;
    if (n < 0 && errno != EINTR && errno != EAGAIN)
      return error(PrintFailure::PartialWrite, "printer " + uri() + " broke the connection at the end of the job",
                   sent);
  }
}

std::optional<PrintError> FilePrinter::print(std::string_view job) {
  std::ofstream out(path_, std::ios::binary | std::ios::trunc);
  out.write(job.data(), static_cast<std::streamsize>(job.size()));
  out.close();
  if (!out) return error(PrintFailure::Io, "cannot write " + path_);
  return std::nullopt;
}

std::variant<std::unique_ptr<Printer>, PrintError> make_printer(std::string_view uri,
                                                                std::chrono::milliseconds timeout) {
  if (uri.starts_with("file://") && uri.size() > 7) return std::make_unique<FilePrinter>(std::string(uri.substr(7)));
  if (uri.starts_with("cups://") && uri.size() > 7)
    return std::make_unique<LpPrinter>(std::string(uri.substr(7)), timeout);
  if (uri.starts_with("tcp://")) {
    std::string_view rest = uri.substr(6);
    std::uint16_t port = 9100;
    const auto colon = rest.rfind(':');
    if (colon != std::string_view::npos) {
      const std::string digits(rest.substr(colon + 1));
      char* end = nullptr;
      const long value = std::strtol(digits.c_str(), &end, 10);
      if (digits.empty() || *end != '\0' || value < 1 || value > 65535)
        return error(PrintFailure::BadUri, "bad port in printer address " + std::string(uri));
      port = static_cast<std::uint16_t>(value);
      rest = rest.substr(0, colon);
    }
    if (!rest.empty()) return std::make_unique<TcpPrinter>(std::string(rest), port, timeout);
  }
  return error(PrintFailure::BadUri,
               "printer address must be tcp://HOST[:PORT], cups://QUEUE or file:///PATH, not " + std::string(uri));
}

}  // namespace cj::hardware
