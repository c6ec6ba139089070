// The far ends of the alerts, for their tests: a real SMTP server (tests/support/smtp_sink.py,
// aiosmtpd) and a webhook receiver that checks the signature itself (webhook_receiver.py), each
// a python3 process on 127.0.0.1 writing what it received to a folder, one file per message.
//
//   const auto port = free_loopback_port();
//   SmtpSink sink(port, folder);                 // listening when the constructor returns
//   auto mail = sink.wait_for(1, std::chrono::seconds(10));
//
// Debian's /usr/bin/python3 on purpose: python3 on PATH may be another one without aiosmtpd.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace cj::testing {

class PythonSink {
 public:
  /// Starts /usr/bin/python3 tests/support/<script> PORT FOLDER args... and waits (up to 10 s)
  /// until the port accepts connections; fails the test (ADD_FAILURE) when it does not.
  PythonSink(const std::string& script, unsigned short port, std::filesystem::path folder,
             const std::vector<std::string>& args);
  ~PythonSink();  // stop()s
  PythonSink(const PythonSink&) = delete;
  PythonSink& operator=(const PythonSink&) = delete;

  void stop();  // SIGTERM, then waits for it
  /// The files received so far, in order, as their contents.
  std::vector<std::string> received(const std::string& extension) const;

 protected:
  std::vector<std::string> wait_for_files(const std::string& extension, std::size_t count,
                                          std::chrono::milliseconds timeout) const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path folder_;
};

class SmtpSink : public PythonSink {
 public:
  SmtpSink(unsigned short port, std::filesystem::path folder) : PythonSink("smtp_sink.py", port, folder, {}) {}
  /// The messages (envelope lines, a blank line, the message), once there are at least count.
  std::vector<std::string> wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
    return wait_for_files(".eml", count, timeout);
  }
  std::vector<std::string> messages() const { return received(".eml"); }
};

class WebhookReceiver : public PythonSink {
 public:
  WebhookReceiver(unsigned short port, std::filesystem::path folder, const std::string& secret)
      : PythonSink("webhook_receiver.py", port, folder, {secret}) {}
  /// The requests as JSON text ({"valid", "reason", "body", ...}), once there are at least count.
  std::vector<std::string> wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
    return wait_for_files(".json", count, timeout);
  }
};

/// Whether something accepts connections on 127.0.0.1:port.
bool port_accepts(unsigned short port);

}  // namespace cj::testing
