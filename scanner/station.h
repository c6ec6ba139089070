// Station: the program's loop. Reads come in from the inputs (poll on their fds). Nobody can scan
// until a person signs in (badge, then PIN: station_people.cpp). Then reads are checked at once
// (local_check.h) and assembled into the step's scan set (scan_set.h; what the set holds comes
// from the step's form, config needs.<step> overriding); after the COI the server says whose
// product it is and the person confirms; then the form's fields, its checklist, a witness when
// the step needs two people, a summary (station_form.cpp). A complete event is written to the
// outbox, durably, before the screen says SAVED; the sender thread takes it to the server and
// its answer comes back to the screen (accepted, or refused with what to do, even hours later).
// Commands (typed or scanned from printed command barcodes): MENU, CANCEL, TYPE, SKIP, YES, NO,
// SIGN OUT, and the menu's numbers. An empty read is REJECTED like a bad code, never ignored.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "hardware/scan_source.h"
#include "scanner/config.h"
#include "scanner/outbox.h"
#include "scanner/scan_set.h"
#include "scanner/screen.h"
#include "scanner/sealing.h"
#include "scanner/secret.h"
#include "scanner/sender.h"
#include "scanner/server_api.h"
#include "scanner/step_form.h"

namespace cj::scanner {

struct StationOptions {
  // Stop once every input has closed and the outbox holds nothing unsent (scripts, tests).
  // Otherwise the station runs until SIGTERM/SIGINT.
  bool exit_when_done = false;
  // Stop once every input has closed, answered or not (the outbox keeps the rest): tests only.
  bool exit_when_input_ends = false;
};

// A person signed in at the station (or a witness for one event). Online: the server's token.
// Offline: the badge and PIN, in guarded memory, sealed into every event's proof.
struct SignedInPerson {
  Person person;
  std::string token;
  bool offline = false;
  SecretText badge, pin;   // offline only
  std::string badge_hash;  // to know the badge when it is scanned again (never the badge itself)
  int idle_minutes = 15;
  std::chrono::steady_clock::time_point last_activity;
};

class Station {
 public:
  // `poster` is the sender's; `api` (another connection: the poster is not thread-safe) makes
  // the station's own calls (sign-in, forms, a journey's next steps).
  Station(StationConfig config, std::vector<std::unique_ptr<hardware::ScanSource>> inputs, Outbox& outbox,
          Poster& poster, Poster& api, SenderOptions sender_options, Screen& screen, StationOptions options = {});
  ~Station();

  // Runs until stopped (see StationOptions); returns the process exit code.
  int run();

 private:
  enum class Mode {
    Badge,
    Pin,
    Menu,
    Scanning,
    TypeDin,
    Confirm,
    Field,
    Checklist,
    Reason,
    WitnessBadge,
    WitnessPin,
    Summary
  };

  void handle_read(const hardware::RawRead& read);
  void reject(const std::string& code, const std::string& message);
  void choose_step(const std::string& step);
  void to_menu(std::vector<std::string> detail);
  void scan(const hardware::RawRead& read, const std::string& word);
  void add_read(const CheckedRead& good, bool typed);
  void save_set();
  void drop_set();
  void take_news();
  void show_answer(const OutboxEntry& entry);
  void update_next_action();
  void redraw();
  std::string title_of(const std::string& step) const;

  // station_people.cpp: signing in and out, the witness, the proofs.
  void badge_read(const std::string& text, bool witness);
  void pin_read(std::string& text, bool witness);
  void sign_out(const std::string& why);
  void sign_out_token(const std::string& token);
  void check_idle();
  bool is_signed_in_badge(const std::string& text) const;
  std::string badge_hash(const std::string& text) const;
  void remember_person(const std::string& hash, const Person& person, int idle_minutes);
  std::optional<Person> remembered_person(const std::string& hash, int& idle_minutes) const;
  boost::json::array proofs_for(const std::string& occurred_at, const std::string& key);
  void refresh_sealing_key();
  void update_signed_in_line();

  // station_form.cpp: whose product, the fields, the checklist, the summary.
  void load_forms();
  void ask_server_about_journey();
  void confirm_read(const std::string& word);
  void start_form();
  void next_question();
  void field_read(const std::string& word, const hardware::RawRead& read);
  void checklist_read(const std::string& word);
  void reason_read(const std::string& word);
  void summary_read(const std::string& word);
  void show_summary();

  StationConfig config_;
  std::vector<std::unique_ptr<hardware::ScanSource>> inputs_;
  Outbox& outbox_;
  Poster& api_;
  Screen& screen_;
  StationOptions options_;
  Mode mode_ = Mode::Badge;
  std::string step_;  // the step id
  ScanSet set_;
  std::vector<std::pair<CheckedRead, bool>> reads_;  // the set's reads, and whether typed
  std::map<std::string, StepForm> forms_;            // by step: GET /forms, or its cache
  std::optional<StepForm> form_;                     // the chosen step's form
  bool journey_confirmed_ = false;
  boost::json::object data_;
  std::size_t question_ = 0;   // the field, then the checklist question, being asked
  std::string outside_range_;  // a value outside the range typed once: typed again, it is kept
  std::optional<SignedInPerson> operator_;
  std::optional<SignedInPerson> witness_;
  SecretText pending_badge_;
  std::optional<SealingKey> sealing_key_;
  ScreenState state_;
  std::mutex news_mutex_;
  std::vector<SenderNews> news_;
  int wake_fds_[2] = {-1, -1};  // the sender writes a byte here when news is queued
  Sender sender_;
};

}  // namespace cj::scanner
