// Printers: where a rendered label goes. A raw TCP printer (Zebra ZPL on port 9100), a CUPS
// queue (lp_printer.h, for PDF) and a file printer. Failures (refused, timeout, cut off part-way) are values: the
// caller records the job as failed, never as printed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace cj::hardware {

enum class PrintFailure {
  BadUri,        // the printer address cannot be understood
  Refused,       // nobody listens there (or the host cannot be reached)
  Timeout,       // the printer did not take the job in time
  PartialWrite,  // the connection broke after part of the job was sent
  Io,            // the file cannot be written
  Rejected,      // the print system refused the job (CUPS: unknown queue, printer disabled...)
};

struct PrintError {
  PrintFailure failure = PrintFailure::Io;
  std::string message;  // for the person printing
  std::size_t bytes_sent = 0;
};

class Printer {
 public:
  virtual ~Printer() = default;
  // "tcp://10.0.0.7:9100", "file:///tmp/label.zpl".
  virtual std::string uri() const = 0;
  // Sends one whole job. nullopt when the printer took all of it.
  virtual std::optional<PrintError> print(std::string_view job) = 0;
};

// Raw socket printing: connect, send the job, close. `timeout` bounds the connect and each wait
// for the printer to take more bytes.
class TcpPrinter final : public Printer {
 public:
  TcpPrinter(std::string host, std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  std::string uri() const override;
  std::optional<PrintError> print(std::string_view job) override;

 private:
  std::string host_;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
};

// Writes each job to `path`, replacing what was there.
class FilePrinter final : public Printer {
 public:
  explicit FilePrinter(std::string path) : path_(std::move(path)) {}
  std::string uri() const override { return "file://" + path_; }
  std::optional<PrintError> print(std::string_view job) override;

 private:
  std::string path_;
};

// "tcp://HOST[:PORT]" (port 9100 by default), "cups://QUEUE" or "file:///PATH". Error: BadUri.
std::variant<std::unique_ptr<Printer>, PrintError> make_printer(
    std::string_view uri, std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace cj::hardware
