#include "server/cli/password_prompt.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <istream>

namespace cj::cli {

namespace {

// One line from the terminal with echo off; echo is restored whatever happens.
std::optional<std::string> read_hidden(int tty, const std::string& prompt) {
  (void)!write(tty, prompt.data(), prompt.size());
  termios old{};
  const bool is_terminal = tcgetattr(tty, &old) == 0;
  if (is_terminal) {
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  std::string line;
  char c = 0;
  bool got_line = false;
  while (read(tty, &c, 1) == 1) {
    if (c == '\n') {
      got_line = true;
      break;
    }
    if (c != '\r') line.push_back(c);
  }
  if (is_terminal) tcsetattr(tty, TCSAFLUSH, &old);
  (void)!write(tty, "\n", 1);
  if (!got_line && line.empty()) return std::nullopt;
  return line;
}

}  // namespace

std::optional<std::string> prompt_new_password(std::string& error) {
  const int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) {
    error = "there is no terminal to ask for the password on; use --password-stdin";
    return std::nullopt;
  }
  auto first = read_hidden(tty, "New password: ");
  auto second = first ? read_hidden(tty, "Repeat it: ") : std::nullopt;
  close(tty);
  if (!first || !second) {
    error = "no password was entered";
    return std::nullopt;
  }
  if (*first != *second) {
    error = "the two passwords differ";
    return std::nullopt;
  }
  return first;
}

std::optional<std::string> read_password_line(std::istream& in, std::string& error) {
  std::string line;
  if (!std::getline(in, line)) {
    error = "no password on standard input";
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace cj::cli
