// Terminal echo while a PIN is typed: off with termios when `fd` is a terminal (the keyboard
// types there), back on afterwards; nothing to do for a pipe or a scanner device.
#pragma once

namespace cj::scanner {

void set_terminal_echo(int fd, bool on);

}  // namespace cj::scanner
