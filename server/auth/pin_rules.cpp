#include "server/auth/pin_rules.h"

namespace cj::auth {

namespace {

// Every digit is the one before plus step (0: repeated; 1: ascending; -1: descending).
bool follows(std::string_view pin, int step) {
  for (std::size_t i = 1; i < pin.size(); ++i) {
    if (pin[i] - pin[i - 1] != step) return false;
  }
  return true;
}

}  // namespace

std::string pin_problem(std::string_view pin) {
  if (pin.size() < 6 || pin.size() > 12) return "A PIN has 6 to 12 digits.";
  for (const char c : pin) {
    if (c < '0' || c > '9') return "A PIN has digits only.";
  }
  if (follows(pin, 0)) return "A PIN may not be one digit repeated.";
  if (follows(pin, 1) || follows(pin, -1)) return "A PIN may not be a run of digits (such as 123456 or 987654).";
  return {};
}

}  // namespace cj::auth
