#include "server/auth/badge_key.h"

#include <cctype>

#include "isbt128/parse.h"
#include "isbt128/structure_numbers.h"

namespace cj::auth {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// "]" + a letter + a modifier character (ISO/IEC 15424), as scanner/aim.h reads it.
std::string_view without_aim(std::string_view text) {
  if (text.size() >= 3 && text[0] == ']' && std::isalpha(static_cast<unsigned char>(text[1]))) text.remove_prefix(3);
  return text;
}

}  // namespace

std::optional<std::string> badge_key(std::string_view raw) {
  const std::string_view text = trimmed(without_aim(trimmed(raw)));
  if (text.empty()) return std::nullopt;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return std::nullopt;
  }
  std::string key;
  if (const auto parsed = isbt128::parse(text);
      parsed.ok() && parsed.value().size() == 1 &&
      parsed.value()[0].number == isbt128::numbers::kStaffMemberIdentificationNumber) {
    key = "isbt128:" + parsed.value()[0].content;
  } else {
    key = std::string(text);
  }
  if (key.size() > kMaxBadgeKey) return std::nullopt;
  return key;
}

}  // namespace cj::auth
