// Text: builds messages by appending. `Text() + "The " + name + " has " + 3` never takes the
// `const char* + std::string` path, whose inlined insert-at-front trips g++ 12's -Wrestrict.
#pragma once

#include <concepts>
#include <string>
#include <string_view>

namespace cj::isbt128 {

class Text {
 public:
  Text&& operator+(std::string_view part) && {
    text_ += part;
    return std::move(*this);
  }
  Text&& operator+(char c) && {
    text_ += c;
    return std::move(*this);
  }
  template <std::integral Number>
  requires(!std::same_as<Number, char> && !std::same_as<Number, bool>) Text && operator+(Number number) && {
    text_ += std::to_string(number);
    return std::move(*this);
  }
  operator std::string() && { return std::move(text_); }

 private:
  std::string text_;
};

}  // namespace cj::isbt128
