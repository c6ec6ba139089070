#include "server/auth/password_quality.h"

#include <pwquality.h>

#include <algorithm>
#include <array>
#include <memory>

namespace cj::auth {

namespace {

constexpr std::size_t kMinPasswordChars = 12;
constexpr std::size_t kMaxPasswordBytes = 256;
// The stripped core is looked up from this length on (libpwquality's own floor): shorter ones
// ("ab" of "ab1234567890!") leave enough around them, and the whole was checked already.
constexpr std::size_t kMinCoreChars = 6;

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (static_cast<unsigned char>(c) & 0x80);
}

// The password without the non-letters before its first letter and after its last.
std::string_view core_word(std::string_view password) {
  const auto first = std::find_if(password.begin(), password.end(), is_letter);
  if (first == password.end()) return {};
  const auto last = std::find_if(password.rbegin(), password.rend(), is_letter).base();
  return password.substr(static_cast<std::size_t>(first - password.begin()), static_cast<std::size_t>(last - first));
}

using Settings = std::unique_ptr<pwquality_settings_t, decltype(&pwquality_free_settings)>;

// Our own length rule decides length; libpwquality judges the rest, with its built-in defaults
// (the system's /etc/security/pwquality.conf is for the system's logins, not this application's).
Settings make_settings() {
  Settings settings(pwquality_default_settings(), &pwquality_free_settings);
  if (settings) pwquality_set_int_value(settings.get(), PWQ_SETTING_MIN_LENGTH, static_cast<int>(kMinCoreChars));
  return settings;
}

// libpwquality's reason for refusing text, or empty when it accepts it; only_dictionary: only
// a refusal by the cracklib dictionary counts.
std::string pwquality_reason(std::string_view text, std::string_view username, bool only_dictionary) {
  const Settings settings = make_settings();
  if (!settings) return "The password cannot be checked (libpwquality is out of memory); try again.";
  const std::string password(text), user(username);
  void* auxerror = nullptr;
  const int score =
      pwquality_check(settings.get(), password.c_str(), nullptr, user.empty() ? nullptr : user.c_str(), &auxerror);
  if (score >= 0 || (only_dictionary && score != PWQ_ERROR_CRACKLIB_CHECK)) {
    pwquality_strerror(nullptr, 0, score, auxerror);  // frees auxerror
    return {};
  }
  std::array<char, PWQ_MAX_ERROR_MESSAGE_LEN> buffer{};
  // pwquality_strerror frees auxerror.
  return pwquality_strerror(buffer.data(), buffer.size(), score, auxerror);
}

}  // namespace

std::string password_problem(std::string_view password, std::string_view username) {
  if (code_points(password) < kMinPasswordChars) {
    return "The password must have at least " + std::to_string(kMinPasswordChars) + " characters.";
  }
  if (password.size() > kMaxPasswordBytes) {
    return "The password must have at most " + std::to_string(kMaxPasswordBytes) + " bytes.";
  }
  if (password.find('\0') != std::string_view::npos) return "The password must not contain NUL characters.";
  if (!username.empty() && lowercase(password).find(lowercase(username)) != std::string::npos) {
    return "The password must not contain the username.";
  }
  if (auto reason = pwquality_reason(password, username, false); !reason.empty()) return reason + ".";
  const std::string_view core = core_word(password);
  if (core.size() >= kMinCoreChars && core.size() < password.size()) {
    if (auto reason = pwquality_reason(core, username, true); !reason.empty()) {
      return reason + " (\"" + std::string(core) + "\", with digits or symbols around it).";
    }
  }
  return {};
}

}  // namespace cj::auth
