#include "hardware/frame_convert.h"

#include <algorithm>

namespace cj::hardware {

LumaImage yuyv_to_luma(const std::uint8_t* data, std::size_t size, int width, int height, int bytes_per_line) {
  LumaImage image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height)};
  for (int y = 0; y < height; ++y) {
    const std::size_t row = static_cast<std::size_t>(y) * bytes_per_line;
    if (row + 2 * static_cast<std::size_t>(width) > size) break;  // a short frame: the rest stays black
    for (int x = 0; x < width; ++x) image.at(x, y) = data[row + 2 * static_cast<std::size_t>(x)];
  }
  return image;
}

LumaImage grey_to_luma(const std::uint8_t* data, std::size_t size, int width, int height, int bytes_per_line) {
  LumaImage image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height)};
  for (int y = 0; y < height; ++y) {
    const std::size_t row = static_cast<std::size_t>(y) * bytes_per_line;
    if (row + static_cast<std::size_t>(width) > size) break;
    std::copy_n(data + row, width, &image.pixels[static_cast<std::size_t>(y) * width]);
  }
  return image;
}

}  // namespace cj::hardware
