// Screen: what the nurse sees, in a terminal (local or over SSH) with ANSI escapes only. One
// large result banner (ACCEPTED / REFUSED / REJECTED / SAVED - NOT YET CONFIRMED) readable from
// a step away, the scan set so far, the next expected action and a running clock. Each result
// has its own bell pattern: 1 bell accepted or saved, 2 rejected at the station, 3 refused by
// the server. When the output is not a terminal (a log, a test), every change is one plain line
// "RESULT [step]: detail | detail" and nothing is redrawn.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cj::scanner {

enum class Banner {
  Ready,         // waiting for the first scan of a set
  Scanning,      // a set is being assembled
  Rejected,      // a read refused at the station (bad check character, wrong patient...)
  Saved,         // in the outbox, sending
  SavedOffline,  // in the outbox, the server does not answer
  Accepted,      // the server accepted the event
  Refused,       // the server refused it (now or later: shown prominently)
  SignIn,        // nobody is signed in: scan your badge, type your PIN
  Confirm,       // the person confirms: whose product, the summary of the event
  Entry,         // a field of the step's form, a checklist question, a witness
};
std::string_view banner_word(Banner banner);  // "ACCEPTED", "SAVED - NOT YET CONFIRMED", ...

struct ScreenState {
  std::string station;
  std::string step;               // the step's title (its id when no title is known); empty while choosing
  std::string signed_in;          // "Ann Smith (apheresis)", "Ann Smith (apheresis), offline"; empty: nobody
  std::vector<std::string> menu;  // shown while choosing (step empty)
  Banner banner = Banner::Ready;
  std::vector<std::string> detail;   // lines under the banner (why, what was saved)
  std::vector<std::string> scanned;  // the set so far
  std::string next_action;           // "Scan: COI label, bag (DIN)"
  std::string clock_step;            // the running clock, when the server gave one
  std::optional<std::chrono::system_clock::time_point> clock_due;
  bool online = true;
  std::size_t unsent = 0;
};

class Screen {
 public:
  // `fd`: where to draw (1). ANSI when it is a terminal and TERM is not "dumb".
  explicit Screen(int fd);
  bool ansi() const { return ansi_; }

  // Draws `state`. On a terminal: the whole screen, again (cheap, and right after an SSH
  // reconnect). Otherwise: one line for the banner, only when it or its detail changed.
  void draw(const ScreenState& state, std::chrono::system_clock::time_point now);
  void bell(int times);

 private:
  void write(const std::string& text);

  int fd_;
  bool ansi_;
  std::string last_plain_;
};

// "29:41 left" / "OVERDUE 02:10" / "1 h 05 min left".
std::string countdown_text(std::chrono::system_clock::time_point due, std::chrono::system_clock::time_point now);

}  // namespace cj::scanner
