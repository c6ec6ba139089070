// Reading a photo file (PNG or JPEG, e.g. from a phone) as 8-bit luminance for the decoder,
// through stb_image (Debian's libstb: the shared library, as its README.Debian asks, so stb
// security fixes arrive with the system's updates).
#pragma once

#include <string>
#include <variant>

#include "hardware/luma_image.h"

namespace cj::hardware {

// The image in `path`, or a message for the person scanning ("not a PNG or JPEG image...").
std::variant<LumaImage, std::string> load_image(const std::string& path);

// The same from bytes already in memory.
std::variant<LumaImage, std::string> decode_image(const unsigned char* bytes, std::size_t size);

}  // namespace cj::hardware
