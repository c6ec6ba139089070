// The US keyboard layout, as keyboard-wedge scanners type by default: which character a key
// code (linux/input-event-codes.h) gives, without and with Shift.
#pragma once

namespace cj::hardware {

// The character of `code`, 0 when the key types none (modifiers, function keys).
char us_key_char(int code, bool shift);

}  // namespace cj::hardware
