#include "scanner/terminal.h"

#include <termios.h>
#include <unistd.h>

namespace cj::scanner {

void set_terminal_echo(int fd, bool on) {
  if (!::isatty(fd)) return;
  termios settings{};
  if (::tcgetattr(fd, &settings) != 0) return;
  if (on) {
    settings.c_lflag |= ECHO;
  } else {
    settings.c_lflag &= static_cast<tcflag_t>(~ECHO);
  }
  ::tcsetattr(fd, TCSANOW, &settings);
}

}  // namespace cj::scanner
