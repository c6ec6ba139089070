#include "isbt128/digits.h"

namespace cj::isbt128 {

std::string zero_padded(std::int64_t value, std::size_t width) {
  std::string text = std::to_string(value);
  if (value >= 0 && text.size() < width) text.insert(0, width - text.size(), '0');
  return text;
}

void append_two_digits(std::string& out, int value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace cj::isbt128
