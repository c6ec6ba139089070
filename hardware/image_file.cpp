#include "hardware/image_file.h"

#include <stb_image.h>

#include <fstream>
#include <iterator>
#include <limits>
#include <vector>

namespace cj::hardware {

std::variant<LumaImage, std::string> decode_image(const unsigned char* bytes, std::size_t size) {
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) return std::string("image file too large");
  int width = 0, height = 0, channels = 0;
  // Asking for one channel makes stb convert colour to luminance itself.
  unsigned char* pixels = stbi_load_from_memory(bytes, static_cast<int>(size), &width, &height, &channels, 1);
  if (pixels == nullptr) return std::string("not a readable PNG or JPEG image (") + stbi_failure_reason() + ")";
  LumaImage image{width, height, {pixels, pixels + static_cast<std::size_t>(width) * height}};
  stbi_image_free(pixels);
  return image;
}

std::variant<LumaImage, std::string> load_image(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot open " + path;
  const std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return decode_image(bytes.data(), bytes.size());
}

}  // namespace cj::hardware
