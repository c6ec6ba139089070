// Station: the program's loop. Reads come in from the inputs (poll on their fds), are checked at
// once (local_check.h) and assembled into the step's scan set (scan_set.h); a complete set is
// written to the outbox, durably, before the screen says SAVED; the sender thread takes it to
// the server and its answer comes back to the screen (accepted, or refused: prominently, even
// when it comes hours later). Reads "MENU" and "CANCEL" (typed or scanned from printed command
// barcodes) change the step and restart the set; a number chooses from the menu. An empty read
// (a scanner's bare Enter or CR LF) is REJECTED like a bad code, never ignored.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hardware/scan_source.h"
#include "scanner/config.h"
#include "scanner/outbox.h"
#include "scanner/scan_set.h"
#include "scanner/screen.h"
#include "scanner/sender.h"

namespace cj::scanner {

struct StationOptions {
  // Stop once every input has closed and the outbox holds nothing unsent (scripts, tests).
  // Otherwise the station runs until SIGTERM/SIGINT.
  bool exit_when_done = false;
};

class Station {
 public:
  Station(StationConfig config, std::vector<std::unique_ptr<hardware::ScanSource>> inputs, Outbox& outbox,
          Poster& poster, SenderOptions sender_options, Screen& screen, StationOptions options = {});
  ~Station();

  // Runs until stopped (see StationOptions); returns the process exit code.
  int run();

 private:
  void handle_read(const hardware::RawRead& read);
  // REJECTED (red), its code and message, two bells; the scan set so far is kept.
  void reject(const hardware::RawRead& read, const Rejection& rejection);
  void choose_step(const std::string& step);
  void save_set();
  void take_news();
  void show_answer(const OutboxEntry& entry);
  void update_next_action();
  void redraw();

  StationConfig config_;
  std::vector<std::unique_ptr<hardware::ScanSource>> inputs_;
  Outbox& outbox_;
  Screen& screen_;
  StationOptions options_;
  ScanSet set_;
  ScreenState state_;
  std::mutex news_mutex_;
  std::vector<SenderNews> news_;
  int wake_fds_[2] = {-1, -1};  // the sender writes a byte here when news is queued
  Sender sender_;
};

}  // namespace cj::scanner
