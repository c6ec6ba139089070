// Building messages by appending: g++ 12 at -O3 gives a false -Wrestrict on
// "literal" + std::string (GCC bug 105329), which -Werror turns into a build failure.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace cj::workflows {

inline std::string cat(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (const std::string_view part : parts) text.append(part);
  return text;
}

}  // namespace cj::workflows
