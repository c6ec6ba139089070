// Test support for reading labels back: PNG bytes -> 8-bit luminance, rotation, scaling to
// another dpi, cropping, and decoding with ZXing one symbol per call (docs/photo-benchmark.md: the
// Debian build aborts on several 1D symbols per image).
#pragma once

#include <cairo.h>

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "labels/cairo_render.h"

namespace cj::labels::testing {

struct Gray {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

struct PngReader {
  const std::string* bytes;
  std::size_t offset = 0;
};

inline cairo_status_t read_png_bytes(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->offset + length > reader->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, reader->bytes->data() + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

// nullopt when cairo cannot read the PNG.
inline std::optional<Gray> load_png(const std::string& png) {
  PngReader reader{&png};
  cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(read_png_bytes, &reader);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return std::nullopt;
  }
  cairo_surface_flush(surface);
  Gray gray{cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface), {}};
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  gray.pixels.resize(static_cast<std::size_t>(gray.width) * gray.height);
  for (int y = 0; y < gray.height; ++y) {
    for (int x = 0; x < gray.width; ++x) {
      std::uint32_t pixel;
      std::memcpy(&pixel, data + static_cast<std::size_t>(y) * stride + 4 * x, 4);
      const int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
      gray.pixels[static_cast<std::size_t>(y) * gray.width + x] =
          static_cast<std::uint8_t>((r * 299 + g * 587 + b * 114) / 1000);
    }
  }
  cairo_surface_destroy(surface);
  return gray;
}

// `rect` in a width x height image, after the image is turned clockwise by `degrees`.
inline PixelRect rotate_rect(PixelRect rect, int width, int height, int degrees) {
  for (int turn = 0; turn < degrees / 90; ++turn) {
    rect = PixelRect{height - rect.y - rect.height, rect.x, rect.height, rect.width};
    std::swap(width, height);
  }
  return rect;
}

// Turned clockwise by `degrees` (0, 90, 180, 270).
inline Gray rotate(const Gray& in, int degrees) {
  Gray out = in;
  for (int turn = 0; turn < degrees / 90; ++turn) {
    Gray next{out.height, out.width, std::vector<std::uint8_t>(out.pixels.size())};
    for (int y = 0; y < out.height; ++y)
      for (int x = 0; x < out.width; ++x)
        next.pixels[static_cast<std::size_t>(x) * next.width + (out.height - 1 - y)] = out.at(x, y);
    out = std::move(next);
  }
  return out;
}

// Scaled by `factor` < 1 with a box filter (each output pixel averages the input it covers).
inline Gray scale_down(const Gray& in, double factor) {
  Gray out{static_cast<int>(std::lround(in.width * factor)), static_cast<int>(std::lround(in.height * factor)), {}};
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  const double step = 1.0 / factor;
  for (int y = 0; y < out.height; ++y) {
    const double y0 = y * step, y1 = std::min<double>(in.height, (y + 1) * step);
    for (int x = 0; x < out.width; ++x) {
      const double x0 = x * step, x1 = std::min<double>(in.width, (x + 1) * step);
      double sum = 0, area = 0;
      for (int sy = static_cast<int>(y0); sy < y1; ++sy) {
        const double wy = std::min<double>(sy + 1, y1) - std::max<double>(sy, y0);
        for (int sx = static_cast<int>(x0); sx < x1; ++sx) {
          const double w = wy * (std::min<double>(sx + 1, x1) - std::max<double>(sx, x0));
          sum += w * in.at(sx, sy);
          area += w;
        }
      }
      out.pixels[static_cast<std::size_t>(y) * out.width + x] = static_cast<std::uint8_t>(std::lround(sum / area));
    }
  }
  return out;
}

inline PixelRect scale_rect(const PixelRect& r, double factor) {
  return PixelRect{static_cast<int>(std::floor(r.x * factor)), static_cast<int>(std::floor(r.y * factor)),
                   static_cast<int>(std::ceil(r.width * factor)) + 1,
                   static_cast<int>(std::ceil(r.height * factor)) + 1};
}

// Decodes at most one symbol of `formats` inside `rect` (grown by `margin` pixels, clipped to
// the image); the whole image when rect is empty. Text of the symbol, or nullopt.
inline std::optional<std::string> decode_one(const Gray& image, ZXing::BarcodeFormats formats, PixelRect rect = {},
                                             int margin = 4) {
  ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  if (rect.width > 0) {
    const int x0 = std::max(0, rect.x - margin), y0 = std::max(0, rect.y - margin);
    const int x1 = std::min(image.width, rect.x + rect.width + margin);
    const int y1 = std::min(image.height, rect.y + rect.height + margin);
    view = view.cropped(x0, y0, x1 - x0, y1 - y0);
  }
  ZXing::DecodeHints hints;
  hints.setFormats(formats).setMaxNumberOfSymbols(1).setTryHarder(true).setTryRotate(true);
  ZXing::Results results = ZXing::ReadBarcodes(view, hints);
  if (results.empty() || !results.front().isValid()) return std::nullopt;
  return results.front().text();
}

}  // namespace cj::labels::testing

namespace cj::labels::testing {

// The DataMatrix anywhere on the whole label, without knowing the layout: the image itself,
// then windows of 1/4, 1/3 and 1/2 of its sides at quarter-window steps. Debian's zxing-cpp 1.4
// is built without coroutines, so its DataMatrix detector only finds a symbol that the centre
// of the image falls into with white around it (docs/photo-benchmark.md); a scanner aims, the
// windows stand in for that.
inline std::optional<std::string> find_datamatrix(const Gray& image) {
  if (auto text = decode_one(image, ZXing::BarcodeFormat::DataMatrix)) return text;
  for (int parts : {4, 3, 2}) {
    const int w = image.width / parts, h = image.height / parts;
    for (int y = 0; y + h <= image.height; y += h / 4)
      for (int x = 0; x + w <= image.width; x += w / 4)
        if (auto text = decode_one(image, ZXing::BarcodeFormat::DataMatrix, PixelRect{x, y, w, h}, 0)) return text;
  }
  return std::nullopt;
}

}  // namespace cj::labels::testing
