// Reading a new password without showing it.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace cj::cli {

/// Asks twice on the controlling terminal (/dev/tty) with echo off. nullopt and a message in
/// error when there is no terminal or the two entries differ.
std::optional<std::string> prompt_new_password(std::string& error);

/// The first line of in, without its line ending (for --password-stdin).
std::optional<std::string> read_password_line(std::istream& in, std::string& error);

}  // namespace cj::cli
