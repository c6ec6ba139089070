#include "scanner/station.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "scanner/answer.h"
#include "scanner/event.h"
#include "scanner/terminal.h"
#include "isbt128/din.h"

namespace cj::scanner {

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

std::string describe(const Code& code) {
  switch (code.kind) {
    case CodeKind::Coi:
      return "COI " + code.value;
    case CodeKind::Din:
      return "bag DIN " + code.value;
    case CodeKind::ProductCode:
      return "product code " + code.text;
    case CodeKind::Wristband:
      return "wristband";  // no patient identifier on the screen
    case CodeKind::OtherIsbt:
      return code.text;
    case CodeKind::Identifier:
      return "id " + code.value;
  }
  return code.text;
}

std::string label_of(CodeKind kind) {
  switch (kind) {
    case CodeKind::Coi:
      return "COI label";
    case CodeKind::Din:
      return "bag (DIN)";
    case CodeKind::ProductCode:
      return "product code";
    case CodeKind::Wristband:
      return "patient wristband";
    case CodeKind::OtherIsbt:
      return "ISBT 128 code";
    case CodeKind::Identifier:
      return "shipper / other id";
  }
  return "code";
}

}  // namespace

Station::Station(StationConfig config, std::vector<std::unique_ptr<hardware::ScanSource>> inputs, Outbox& outbox,
                 Poster& poster, Poster& api, SenderOptions sender_options, Screen& screen, StationOptions options)
    : config_(std::move(config)),
      inputs_(std::move(inputs)),
      outbox_(outbox),
      api_(api),
      screen_(screen),
      options_(options),
      sender_(outbox, poster, sender_options, [this](const SenderNews& news) {
        {
          std::lock_guard lock(news_mutex_);
          news_.push_back(news);
        }
        const char byte = 1;
        (void)!::write(wake_fds_[1], &byte, 1);
      }) {
  if (::pipe2(wake_fds_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("cannot make the station's wake pipe");
  state_.station = config_.room.empty() ? config_.station : config_.station + " (" + config_.room + ")";
  state_.unsent = outbox_.pending().size();
  load_forms();
  refresh_sealing_key();
  for (const auto& step : config_.menu) state_.menu.push_back(title_of(step));
  state_.banner = Banner::SignIn;
  state_.detail = {"Scan your badge, then type your PIN."};
  if (state_.unsent > 0) {
    state_.detail.push_back(std::to_string(state_.unsent) + " saved event(s) from before the restart are being sent");
  }
  update_next_action();
}

Station::~Station() {
  sender_.stop();
  set_terminal_echo(STDIN_FILENO, true);
  ::close(wake_fds_[0]);
  ::close(wake_fds_[1]);
}

std::string Station::title_of(const std::string& step) const {
  const auto it = forms_.find(step);
  return it == forms_.end() || it->second.title.empty() ? step : it->second.title;
}

void Station::choose_step(const std::string& step) {
  step_ = step;
  state_.step = title_of(step);
  form_.reset();
  if (const auto it = forms_.find(step); it != forms_.end()) form_ = it->second;
  // needs.<step> in the config says what is scanned at this place; otherwise the form does.
  set_ = ScanSet(config_.needs.count(step) || !form_ ? needs_of(config_, step) : needs_of_form(*form_));
  reads_.clear();
  data_.clear();
  journey_confirmed_ = false;
  state_.scanned.clear();
  mode_ = Mode::Scanning;
  update_next_action();
}

void Station::to_menu(std::vector<std::string> detail) {
  drop_set();
  if (!config_.step.empty()) {
    choose_step(config_.step);
  } else {
    step_.clear();
    state_.step.clear();
    mode_ = Mode::Menu;
  }
  state_.banner = Banner::Ready;
  state_.detail = std::move(detail);
  update_next_action();
}

void Station::drop_set() {
  set_.clear();
  reads_.clear();
  data_.clear();
  journey_confirmed_ = false;
  outside_range_.clear();
  witness_.reset();
  state_.scanned.clear();
  if (!step_.empty()) choose_step(step_);
}

void Station::update_next_action() {
  switch (mode_) {
    case Mode::Badge:
      state_.next_action = "scan your badge";
      return;
    case Mode::Pin:
      state_.next_action = "type your PIN, then Enter (it is not shown)";
      return;
    case Mode::Menu:
      state_.next_action = "choose the step";
      return;
    case Mode::TypeDin:
      state_.next_action = "type the DIN as printed, with its check character (A9999 26 123456 K)";
      return;
    case Mode::Scanning: {
      std::string text = "scan ";
      const auto missing = set_.missing();
      for (std::size_t i = 0; i < missing.size(); ++i) text += (i ? ", " : "") + label_of(missing[i]);
      state_.next_action = text;
      return;
    }
    default:
      return;  // the question itself is the next action (station_form.cpp, station_people.cpp)
  }
}

void Station::handle_read(const hardware::RawRead& read) {
  if (read.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    // A scanner's empty line (a bare Enter, CR LF): never silence, whatever the station is doing;
    // the set so far is kept.
    const Rejection empty = empty_read();
    spdlog::warn("read from {} rejected at the station: {}", read.source, empty.code);
    return reject(empty.code, empty.message);
  }
  std::string word = read.text;
  while (!word.empty() && (word.back() == '\r' || word.back() == '\n' || word.back() == ' ')) word.pop_back();
  if (mode_ == Mode::Pin || mode_ == Mode::WitnessPin) {
    // A PIN: never shown, never logged, never a command.
    pin_read(word, mode_ == Mode::WitnessPin);
    std::string copy = read.text;
    wipe_string(copy);
    return redraw();
  }
  if (operator_) operator_->last_activity = std::chrono::steady_clock::now();
  if (mode_ == Mode::Badge) {
    badge_read(word, false);
    return redraw();
  }
  if (word == "SIGN OUT" || word == "SIGNOUT" ||
      (mode_ != Mode::WitnessBadge && mode_ != Mode::Reason && is_signed_in_badge(word))) {
    sign_out("signed out");
    return redraw();
  }
  if (mode_ == Mode::WitnessBadge) {
    if (word == "CANCEL") {
      to_menu({"Cancelled; nothing was saved."});
      return redraw();
    }
    badge_read(word, true);
    return redraw();
  }
  if (word == "MENU" && config_.step.empty()) {
    to_menu({});
    return redraw();
  }
  if (word == "MENU") {  // a fixed station: there is no other step to choose
    state_.banner = Banner::Rejected;
    state_.detail = {"This station records " + title_of(config_.step) + " only."};
    screen_.bell(2);
    return redraw();
  }
  if (word == "CANCEL") {
    const bool had_step = !step_.empty();
    drop_set();
    state_.banner = Banner::Ready;
    state_.detail = {had_step ? "Cancelled; nothing was saved." : ""};
    mode_ = step_.empty() ? Mode::Menu : Mode::Scanning;
    update_next_action();
    return redraw();
  }
  switch (mode_) {
    case Mode::Menu: {
      std::size_t choice = 0;
      try {
        choice = std::stoul(word);
      } catch (const std::exception&) {
      }
      if (choice >= 1 && choice <= config_.menu.size() && word.size() <= 2) {
        choose_step(config_.menu[choice - 1]);
        state_.banner = Banner::Ready;
        state_.detail = {};
      } else {
        state_.banner = Banner::Rejected;
        state_.detail = {"Choose the step first: type or scan its number."};
        screen_.bell(2);
      }
      return redraw();
    }
    case Mode::Confirm:
      confirm_read(word);
      return redraw();
    case Mode::Field:
      field_read(word, read);
      return redraw();
    case Mode::Checklist:
      checklist_read(word);
      return redraw();
    case Mode::Reason:
      reason_read(word);
      return redraw();
    case Mode::Summary:
      summary_read(word);
      return redraw();
    default:
      return scan(read, word);
  }
}

void Station::scan(const hardware::RawRead& read, const std::string& word) {
  if (mode_ == Mode::Scanning && word == "TYPE") {
    mode_ = Mode::TypeDin;
    state_.banner = Banner::Entry;
    state_.detail = {"Type the bag's DIN as printed under its barcode, with the check character in the box."};
    update_next_action();
    return redraw();
  }
  if (mode_ == Mode::TypeDin) {
    const auto typed = isbt128::parse_keyboard_din(word);
    mode_ = Mode::Scanning;
    if (!typed.ok()) {
      const bool mistake = typed.error().code == isbt128::ErrorCode::CheckFailed;
      spdlog::warn("typed DIN rejected at the station: {}", isbt128::code_name(typed.error().code));
      return reject(mistake ? "TYPING_MISTAKE" : "NOT_A_DIN",
                    mistake ? "The check character does not match the DIN: a typing mistake. Type TYPE and try again."
                            : "That is not a DIN as printed (A9999 26 123456 K). Type TYPE and try again.");
    }
    CheckedRead good;
    good.scan = "=" + typed->din + "00";  // the flags are not part of the eye-readable DIN
    good.codes.push_back(Code{CodeKind::Din, good.scan, typed->din});
    if (auto rejection = set_.add(good)) return reject(rejection->code, rejection->message);
    return add_read(good, true);
  }
  const ReadCheck check = check_read(read.text, read.symbology);
  if (const auto* bad = std::get_if<Rejection>(&check)) {
    spdlog::warn("read from {} rejected at the station: {}", read.source, bad->code);
    return reject(bad->code, bad->message);
  }
  const auto& good = std::get<CheckedRead>(check);
  if (auto rejection = set_.add(good)) {
    spdlog::warn("read from {} rejected at the station: {}", read.source, rejection->code);
    return reject(rejection->code, rejection->message);
  }
  add_read(good, false);
}

void Station::add_read(const CheckedRead& good, bool typed) {
  reads_.emplace_back(good, typed);
  std::string read_line = typed ? "typed" : "read";
  const std::size_t prefix = read_line.size();
  for (const auto& code : good.codes) {
    state_.scanned.push_back(describe(code) + (typed ? " (typed)" : ""));
    read_line.append(read_line.size() == prefix ? " " : ", ").append(describe(code));
  }
  state_.detail = {read_line};
  if (!journey_confirmed_ && !set_.journey().empty()) {
    journey_confirmed_ = true;
    ask_server_about_journey();  // may switch to Confirm
    if (mode_ == Mode::Confirm) return redraw();
  }
  if (set_.complete()) {
    start_form();
    return redraw();
  }
  state_.banner = Banner::Scanning;
  update_next_action();
  redraw();
}

void Station::reject(const std::string& code, const std::string& message) {
  (void)code;  // in the log line of the caller, not on the screen
  state_.banner = Banner::Rejected;
  state_.detail = {message};
  screen_.bell(2);
  redraw();
}

void Station::save_set() {
  const std::string key = new_idempotency_key();
  EventInput input;
  input.step = step_;
  input.station = config_.station;
  input.operators.push_back(operator_->person.username);
  if (witness_) input.operators.push_back(witness_->person.username);
  input.occurred_at = std::chrono::system_clock::now();
  input.idempotency_key = key;
  input.data = data_;
  for (std::size_t i = 0; i < reads_.size(); ++i) {
    if (reads_[i].second) input.typed.push_back(i);
  }
  try {
    input.proofs = proofs_for(utc_text(input.occurred_at), key);
  } catch (const std::exception& e) {
    spdlog::error("no proof for the event: {}", e.what());
    state_.banner = Banner::Rejected;
    state_.detail = {"NOT SAVED: the station cannot seal the sign-in proof. Sign in again when the server answers."};
    screen_.bell(2);
    witness_.reset();
    return redraw();
  }
  witness_.reset();  // a witness signs one event; their badge and PIN are wiped here
  const std::string body = event_json(input, set_);
  const std::string summary = title_of(step_) + ", " + std::to_string(set_.scans().size()) + " scan(s)";
  try {
    const OutboxEntry entry = outbox_.append(key, summary, body);
    spdlog::info("scan set saved: seq {} key {} step {} journey {}", entry.seq, key, step_, set_.journey());
    state_.banner = state_.online ? Banner::Saved : Banner::SavedOffline;
    state_.detail = {summary};
    ++state_.unsent;
    screen_.bell(1);
  } catch (const std::exception& e) {
    // Not durable: the nurse must not walk away thinking it was saved.
    spdlog::error("outbox write failed: {}", e.what());
    state_.banner = Banner::Rejected;
    state_.detail = {"NOT SAVED: the station cannot write its outbox", "Call IT; scan the set again."};
    screen_.bell(2);
  }
  drop_set();
  mode_ = Mode::Scanning;
  update_next_action();
  redraw();
  sender_.wake();
}

void Station::show_answer(const OutboxEntry& entry) {
  const Answer answer = read_answer(entry.status, entry.answer);
  std::vector<std::string> detail{entry.summary};
  if (answer.accepted) {
    for (const auto& d : answer.deviations) detail.push_back("DEVIATION " + d);
    state_.banner = Banner::Accepted;
    screen_.bell(1);
  } else {
    for (const auto& r : answer.reasons) detail.push_back(r);
    state_.banner = Banner::Refused;
    screen_.bell(3);
  }
  for (const auto& code : answer.codes) spdlog::info("answer to {}: {}", entry.key, code);
  for (const auto& next : answer.next) {
    std::string line = "next step: " + title_of(next.step);
    if (next.due_by) line.append(" due by ").append(utc_text(*next.due_by));
    detail.push_back(std::move(line));
  }
  state_.detail = std::move(detail);
  for (const auto& next : answer.next) {
    if (!next.due_by) continue;
    state_.clock_step = title_of(next.step);
    state_.clock_due = next.due_by;
    break;
  }
  // The station moves on to the journey's next expected step, when nobody is in the middle of a
  // set and this station does that step.
  if (answer.accepted && !answer.next.empty() && config_.step.empty() && operator_ &&
      (mode_ == Mode::Menu || mode_ == Mode::Scanning) && reads_.empty()) {
    for (const auto& step : config_.menu) {
      if (step != answer.next.front().step) continue;
      choose_step(step);
      state_.detail.push_back("Now: " + title_of(step) + " (MENU for another step)");
      break;
    }
  }
}
void Station::take_news() {
  char drain[64];
  while (::read(wake_fds_[0], drain, sizeof drain) > 0) {
  }
  std::vector<SenderNews> news;
  {
    std::lock_guard lock(news_mutex_);
    news.swap(news_);
  }
  for (const auto& item : news) {
    if (item.kind == SenderNews::Kind::Answered) {
      state_.online = true;
      if (state_.unsent > 0) --state_.unsent;
      show_answer(item.entry);
    } else {
      if (state_.online || state_.banner == Banner::Saved) {
        state_.online = false;
        if (state_.banner == Banner::Saved) state_.banner = Banner::SavedOffline;
        state_.detail.push_back("no confirmation from the server: " + item.error + "; scans are kept and resent");
      }
    }
  }
  if (!news.empty()) redraw();
}

void Station::redraw() {
  update_signed_in_line();
  screen_.draw(state_, std::chrono::system_clock::now());
}

int Station::run() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  // A terminal or SSH session that went away must not kill the station: the screen's writes
  // then fail quietly and the outbox and sender carry on.
  std::signal(SIGPIPE, SIG_IGN);
  sender_.start();
  redraw();
  auto last_draw = std::chrono::steady_clock::now();
  while (!g_stop) {
    std::vector<pollfd> fds{{wake_fds_[0], POLLIN, 0}};
    bool any_open = false;
    bool any_without_fd = false;
    for (const auto& input : inputs_) {
      if (input->closed()) continue;
      any_open = true;
      if (input->fd() >= 0) {
        fds.push_back({input->fd(), POLLIN, 0});
      } else {
        any_without_fd = true;
      }
    }
    if (!any_open && options_.exit_when_input_ends) break;
    if (!any_open && options_.exit_when_done && outbox_.pending().empty()) break;
    const int timeout_ms = any_without_fd ? 100 : (state_.clock_due && screen_.ansi() ? 1000 : 500);
    ::poll(fds.data(), fds.size(), timeout_ms);
    take_news();
    check_idle();
    for (const auto& input : inputs_) {
      for (const auto& error : input->errors()) {
        spdlog::warn("input {}: {}", error.source, error.message);
      }
      for (const auto& read : input->take()) handle_read(read);
    }
    if (state_.clock_due && screen_.ansi() && std::chrono::steady_clock::now() - last_draw > std::chrono::seconds(1)) {
      redraw();
      last_draw = std::chrono::steady_clock::now();
    }
  }
  sender_.stop();
  spdlog::info("station stopping; {} scan set(s) not yet answered stay in the outbox", outbox_.pending().size());
  return 0;
}

}  // namespace cj::scanner
