// One HTTP connection: reads a request, routes it, writes the answer, reads the next.
// One request is in flight per connection (no pipelining): handlers may answer from a database
// worker, and answering in order is then free.
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>

#include "server/transport/application.h"
#include "server/transport/wire.h"

namespace cj::transport {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Application& app);
  void run();

 private:
  void do_read();
  void on_read(beast::error_code ec, std::size_t bytes);
  void on_upgrade(WireRequest req);
  void on_response(api::Response res);
  void on_response(WireResponse res);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t bytes);
  void do_close();
  void do_drain();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Application& app_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::array<char, 16 * 1024> drain_buffer_;
  // For the access log line of the request in flight.
  std::string method_;
  std::string target_;
  ReplyTo reply_to_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace cj::transport
