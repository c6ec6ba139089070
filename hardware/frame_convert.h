// Camera frames to luminance: the decoder wants 8-bit grey, cameras deliver YUYV (YUV 4:2:2,
// the format every UVC webcam offers) or GREY (document cameras). Rows may be padded
// (V4L2's bytesperline).
#pragma once

#include <cstddef>
#include <cstdint>

#include "hardware/luma_image.h"

namespace cj::hardware {

// YUYV: each 4 bytes Y0 U Y1 V hold two pixels; the Y bytes are the luminance.
// REQUIRES: size >= bytes_per_line * height, bytes_per_line >= 2 * width.
LumaImage yuyv_to_luma(const std::uint8_t* data, std::size_t size, int width, int height, int bytes_per_line);

// GREY: one byte per pixel, rows `bytes_per_line` apart.
// REQUIRES: size >= bytes_per_line * height, bytes_per_line >= width.
LumaImage grey_to_luma(const std::uint8_t* data, std::size_t size, int width, int height, int bytes_per_line);

}  // namespace cj::hardware
