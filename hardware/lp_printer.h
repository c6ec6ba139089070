// A CUPS print queue, reached through the `lp` command (Debian's cups-client): the way PDF
// labels and verification sheets reach an office or ward printer.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "hardware/printer.h"

namespace cj::hardware {

class LpPrinter final : public Printer {
 public:
  // lp_command: the program to run, "lp" from PATH unless $CELLJOURNEY_LP names another (the
  // tests' simulator of the lp command line).
  explicit LpPrinter(std::string queue, std::chrono::milliseconds timeout = std::chrono::seconds(20),
                     std::string lp_command = {});
  std::string uri() const override { return "cups://" + queue_; }

  // Runs `lp -d QUEUE -t celljourney-label FILE` on a temporary copy of the job. nullopt when lp
  // accepted the job (exit 0). Errors: Rejected with lp's own message (unknown queue, scheduler
  // down), Timeout (lp killed after the timeout), Io (no temporary file, lp not installed).
  std::optional<PrintError> print(std::string_view job) override;

 private:
  std::string queue_;
  std::chrono::milliseconds timeout_;
  std::string lp_command_;
};

}  // namespace cj::hardware
