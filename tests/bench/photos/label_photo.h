// Label photos for the photo benchmark: an ISBT 128 bag label (DIN with flags and product code
// as Code 128, the compound message DIN + product code + COI as DataMatrix), its symbols drawn
// by Debian's `zint` (a different encoder than ZXing's writer), composed with text-like marks,
// then photographed in software: turned at any angle, scaled, lit unevenly, slightly blurred,
// sensor noise, 1280x960, JPEG. Everything is seeded: photo N of seed S is always the same.
#pragma once

#include <string>
#include <vector>

#include "hardware/luma_image.h"

namespace cj::bench {

struct LabelPhoto {
  std::string jpeg;                // the photo file's bytes
  std::vector<std::string> codes;  // every symbol's text, as a reader must return it
  double angle_degrees = 0;        // how the label was turned
  double module_pixels = 0;        // Code 128 module width in the photo
};

// What is on the label and how close the photo is taken.
struct PhotoOptions {
  bool matrix = true;     // false: the two Code 128 symbols only (no DataMatrix)
  bool close_up = false;  // true: a compact label taken close (Code 128 module 4.5 to 6 px
                          // where the turned symbols fit the frame); the frame may cut the
                          // label's text but never a symbol
};

// Photo `seed` (its layout: DIN above the product code for even seeds, beside it for odd ones).
// Throws std::runtime_error when zint is missing or fails.
LabelPhoto make_label_photo(unsigned seed, const PhotoOptions& options = {});

// The benchmark's mix for photo `seed`: in turn (two seeds each, so both layouts) a whole label
// at arm's length, the same without the DataMatrix, a close-up with the DataMatrix and one
// without it.
PhotoOptions benchmark_options(unsigned seed);

// `image` as a JPEG file's bytes (quality 85).
std::string encode_jpeg(const hardware::LumaImage& image);

// A symbol drawn by zint: 0 = white, 255 = black, one pixel per module. `symbology` is zint's
// number (20 Code 128, 71 DataMatrix); `height` in modules for linear symbols.
hardware::LumaImage zint_symbol(int symbology, const std::string& data, int height = 0);

}  // namespace cj::bench
