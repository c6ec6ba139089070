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
                 Poster& poster, SenderOptions sender_options, Screen& screen, StationOptions options)
    : config_(std::move(config)),
      inputs_(std::move(inputs)),
      outbox_(outbox),
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
  state_.menu = config_.menu;
  state_.unsent = outbox_.pending().size();
  if (!config_.step.empty()) choose_step(config_.step);
  if (state_.unsent > 0) {
    state_.banner = Banner::Saved;
    state_.detail = {std::to_string(state_.unsent) + " scan set(s) from before the restart are being sent"};
  }
}

Station::~Station() {
  sender_.stop();
  ::close(wake_fds_[0]);
  ::close(wake_fds_[1]);
}

void Station::choose_step(const std::string& step) {
  state_.step = step;
  set_ = ScanSet(needs_of(config_, step));
  state_.scanned.clear();
  update_next_action();
}

void Station::update_next_action() {
  if (state_.step.empty()) {
    state_.next_action = "choose the step";
    return;
  }
  std::string text = "scan ";
  const auto missing = set_.missing();
  for (std::size_t i = 0; i < missing.size(); ++i) text += (i ? ", " : "") + label_of(missing[i]);
  state_.next_action = text;
}

void Station::handle_read(const hardware::RawRead& read) {
  if (read.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    // A scanner's empty line (a bare Enter, CR LF): never silence, whatever the station is doing
    // (choosing the step or in a set); the set so far is kept.
    return reject(read, empty_read());
  }
  std::string word = read.text;
  while (!word.empty() && (word.back() == '\r' || word.back() == '\n' || word.back() == ' ')) word.pop_back();
  if (word == "MENU" && config_.step.empty()) {
    state_.step.clear();
    set_.clear();
    state_.scanned.clear();
    state_.banner = Banner::Ready;
    state_.detail = {};
    update_next_action();
    return redraw();
  }
  if (word == "MENU") {  // a fixed station: there is no other step to choose
    state_.banner = Banner::Rejected;
    state_.detail = {"This station records " + config_.step + " only."};
    screen_.bell(2);
    return redraw();
  }
  if (word == "CANCEL") {
    set_.clear();
    state_.scanned.clear();
    state_.banner = Banner::Ready;
    state_.detail = {"Scan set cancelled; nothing was saved."};
    update_next_action();
    return redraw();
  }
  if (state_.step.empty()) {
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
  const ReadCheck check = check_read(read.text, read.symbology);
  std::optional<Rejection> rejection;
  if (const auto* bad = std::get_if<Rejection>(&check)) {
    rejection = *bad;
  } else {
    const auto& good = std::get<CheckedRead>(check);
    rejection = set_.add(good);
    if (!rejection) {
      std::string read_line = "read";
      for (const auto& code : good.codes) {
        state_.scanned.push_back(describe(code));
        read_line.append(read_line.size() == 4 ? " " : ", ").append(describe(code));
      }
      state_.detail = {read_line};
    }
  }
  if (rejection) return reject(read, *rejection);
  if (set_.complete()) return save_set();
  state_.banner = Banner::Scanning;
  update_next_action();
  redraw();
}

void Station::reject(const hardware::RawRead& read, const Rejection& rejection) {
  spdlog::warn("read from {} rejected at the station: {}", read.source, rejection.code);
  state_.banner = Banner::Rejected;
  state_.detail = {rejection.code, rejection.message};
  screen_.bell(2);
  redraw();
}

void Station::save_set() {
  const std::string key = new_idempotency_key();
  const EventInput input{state_.step, config_.station, config_.operators, std::chrono::system_clock::now(), key};
  const std::string body = event_json(input, set_);
  const std::string summary =
      state_.step + " " + set_.journey() + " (" + std::to_string(set_.scans().size()) + " scans)";
  try {
    const OutboxEntry entry = outbox_.append(key, summary, body);
    spdlog::info("scan set saved: seq {} key {} step {}", entry.seq, key, state_.step);
    state_.banner = state_.online ? Banner::Saved : Banner::SavedOffline;
    state_.detail = {summary, "outbox #" + std::to_string(entry.seq) + " key " + key};
    ++state_.unsent;
    screen_.bell(1);
  } catch (const std::exception& e) {
    // Not durable: the nurse must not walk away thinking it was saved.
    spdlog::error("outbox write failed: {}", e.what());
    state_.banner = Banner::Rejected;
    state_.detail = {"NOT SAVED: the station cannot write its outbox", e.what(), "Call IT; scan the set again."};
    screen_.bell(2);
  }
  set_.clear();
  state_.scanned.clear();
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
  for (const auto& next : answer.next) {
    std::string line = "next step: " + next.step;
    if (next.due_by) line.append(" due by ").append(utc_text(*next.due_by));
    detail.push_back(std::move(line));
  }
  detail.push_back("outbox #" + std::to_string(entry.seq) + " key " + entry.key);
  state_.detail = std::move(detail);
  for (const auto& next : answer.next) {
    if (!next.due_by) continue;
    state_.clock_step = next.step;
    state_.clock_due = next.due_by;
    break;
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

void Station::redraw() { screen_.draw(state_, std::chrono::system_clock::now()); }

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
    if (!any_open && options_.exit_when_done && outbox_.pending().empty()) break;
    const int timeout_ms = any_without_fd ? 100 : (state_.clock_due && screen_.ansi() ? 1000 : 500);
    ::poll(fds.data(), fds.size(), timeout_ms);
    take_news();
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
