#include "scanner/screen.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cj::scanner {

namespace {

// Background colour per banner (ANSI SGR), with black or white text for contrast.
const char* colour(Banner banner) {
  switch (banner) {
    case Banner::Accepted:
      return "\x1b[1;30;42m";  // green
    case Banner::Refused:
    case Banner::Rejected:
      return "\x1b[1;37;41m";  // red
    case Banner::Saved:
    case Banner::SavedOffline:
      return "\x1b[1;30;43m";  // yellow
    case Banner::Ready:
    case Banner::Scanning:
    case Banner::SignIn:
    case Banner::Confirm:
    case Banner::Entry:
      return "\x1b[1;37;44m";  // blue
  }
  return "";
}

// "ACCEPTED" -> "A C C E P T E D": wider, so it reads from a step away without a big font.
std::string spaced(std::string_view word) {
  std::string text;
  for (char c : word) {
    if (!text.empty()) text += ' ';
    text += c;
  }
  return text;
}

std::string padded(const std::string& text, std::size_t width) {
  if (text.size() >= width) return text.substr(0, width);
  const std::size_t left = (width - text.size()) / 2;
  return std::string(left, ' ') + text + std::string(width - text.size() - left, ' ');
}

}  // namespace

std::string_view banner_word(Banner banner) {
  switch (banner) {
    case Banner::Ready:
      return "READY";
    case Banner::Scanning:
      return "SCANNING";
    case Banner::Rejected:
      return "REJECTED";
    case Banner::Saved:
      return "SAVED";
    case Banner::SavedOffline:
      return "SAVED - NOT YET CONFIRMED";
    case Banner::Accepted:
      return "ACCEPTED";
    case Banner::Refused:
      return "REFUSED";
    case Banner::SignIn:
      return "SIGN IN";
    case Banner::Confirm:
      return "CONFIRM";
    case Banner::Entry:
      return "ENTER";
  }
  return "";
}

std::string countdown_text(std::chrono::system_clock::time_point due, std::chrono::system_clock::time_point now) {
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(due - now).count();
  const long long seconds = left < 0 ? -left : left;
  char text[64];
  if (seconds >= 3600) {
    std::snprintf(text, sizeof text, "%lld h %02lld min", seconds / 3600, (seconds % 3600) / 60);
  } else {
    std::snprintf(text, sizeof text, "%02lld:%02lld", seconds / 60, seconds % 60);
  }
  return left < 0 ? std::string("OVERDUE ") + text : std::string(text) + " left";
}

Screen::Screen(int fd) : fd_(fd) {
  const char* term = std::getenv("TERM");
  ansi_ = ::isatty(fd) && term && std::strcmp(term, "dumb") != 0;
}

void Screen::write(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n <= 0) return;  // a closed terminal must not stop the station: the outbox is the record
    done += static_cast<std::size_t>(n);
  }
}

void Screen::bell(int times) {
  if (!ansi_) return;
  std::string bells;
  for (int i = 0; i < times; ++i) bells += '\a';
  write(bells);
}

void Screen::draw(const ScreenState& s, std::chrono::system_clock::time_point now) {
  if (!ansi_) {
    std::string line(banner_word(s.banner));
    if (!s.step.empty()) line.append(" [").append(s.step).append("]");
    line.append(s.signed_in.empty() ? " (nobody signed in)" : " (" + s.signed_in + ")");
    for (std::size_t i = 0; i < s.detail.size(); ++i) line.append(i == 0 ? ": " : " | ").append(s.detail[i]);
    if (line != last_plain_) write(line + "\n");
    last_plain_ = line;
    return;
  }
  constexpr std::size_t kWidth = 78;
  std::string out = "\x1b[H\x1b[2J";
  out += "\x1b[1m CellJourney station " + s.station + "\x1b[0m   " +
         (s.online ? "\x1b[32monline\x1b[0m" : "\x1b[1;33mOFFLINE - scans are kept\x1b[0m");
  if (s.unsent > 0) out += "   unsent: " + std::to_string(s.unsent);
  out += "\r\n";
  out += s.signed_in.empty() ? std::string(" Nobody is signed in") : " Signed in: \x1b[1m" + s.signed_in + "\x1b[0m";
  out += "   (scan your badge again or SIGN OUT to sign out)\r\n\r\n";
  if (s.signed_in.empty()) {
    out += "\x1b[1m Scan your badge, then type your PIN.\x1b[0m\r\n\r\n";
  } else if (s.step.empty()) {
    out += "\x1b[1m Choose what you are doing (scan or type the number):\x1b[0m\r\n\r\n";
    for (std::size_t i = 0; i < s.menu.size(); ++i) {
      out += "   \x1b[1m" + std::to_string(i + 1) + "\x1b[0m  " + s.menu[i] + "\r\n\r\n";
    }
  } else {
    out += "\x1b[1m Step: " + s.step + "\x1b[0m   (MENU: another step, CANCEL: start again, TYPE: type a DIN)\r\n\r\n";
  }
  const char* c = colour(s.banner);
  const std::string blank(kWidth, ' ');
  out += std::string(c) + blank + "\x1b[0m\r\n";
  out += std::string(c) + padded(spaced(banner_word(s.banner)), kWidth) + "\x1b[0m\r\n";
  out += std::string(c) + blank + "\x1b[0m\r\n\r\n";
  for (const auto& d : s.detail) out += " \x1b[1m" + d + "\x1b[0m\r\n";
  if (!s.scanned.empty()) {
    out += "\r\n Scanned:\r\n";
    for (const auto& line : s.scanned) out += "   " + line + "\r\n";
  }
  if (!s.next_action.empty()) out += "\r\n\x1b[1;36m Next: " + s.next_action + "\x1b[0m\r\n";
  if (s.clock_due) {
    const bool overdue = *s.clock_due < now;
    out += std::string("\r\n") + (overdue ? "\x1b[1;37;41m" : "\x1b[1;30;47m") + " " + s.clock_step + ": " +
           countdown_text(*s.clock_due, now) + " \x1b[0m\r\n";
  }
  write(out);
}

}  // namespace cj::scanner
