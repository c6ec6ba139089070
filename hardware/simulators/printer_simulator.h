// A ZPL printer on loopback for tests and demos: listens on 127.0.0.1, takes one job per
// connection (everything until the sender closes) and keeps it. Can be told to stall (accept
// and read nothing) or to hang up after some bytes, to exercise the printer errors.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cj::hardware {

class PrinterSimulator {
 public:
  enum class Mode { Normal, Stall, HangUp };

  // Listens on 127.0.0.1:`port` (0: a free port, see port()). Throws std::system_error when it
  // cannot listen.
  explicit PrinterSimulator(std::uint16_t port = 0);
  ~PrinterSimulator();
  PrinterSimulator(const PrinterSimulator&) = delete;
  PrinterSimulator& operator=(const PrinterSimulator&) = delete;

  std::uint16_t port() const { return port_; }
  // Stall: connections are accepted, never read. HangUp: reset after `hang_up_after` bytes.
  void set_mode(Mode mode, std::size_t hang_up_after = 0);

  // The jobs received whole (the sender closed the connection normally), oldest first.
  std::vector<std::string> jobs() const;
  // Waits until at least `count` jobs arrived; false on timeout.
  bool wait_for_jobs(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  void serve();
  void take(int connection);

  int listener_ = -1;
  std::uint16_t port_ = 0;
  int wake_[2] = {-1, -1};  // a pipe that ends serve()
  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  std::vector<std::string> jobs_;
  std::vector<int> stalled_;
  Mode mode_ = Mode::Normal;
  std::size_t hang_up_after_ = 0;
  std::thread thread_;
};

}  // namespace cj::hardware
