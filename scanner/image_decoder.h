// Reading every barcode on a photo or camera frame with zxing-cpp 1.4, restricted to the three
// symbologies our labels carry (Code 128, DataMatrix, QR Code).
//
// Strategy (docs/photo-benchmark.md): Debian's zxing-cpp aborts the process when asked for
// several 1D symbols at once, and reads at most one DataMatrix per call, so every ZXing call
// here asks for one symbol, and a symbol once read is painted white before the next call. 1D
// scan lines only cross a Code 128 whose bars are nearly upright (or level), so the image is
// first turned by the label's own angle, found from the direction of its edges. Cheap passes
// run first; harder ones (tryHarder for 2-D, the second-best angle, small angle corrections)
// only while fewer symbols than expected were found. With `expected` 0 (count unknown) every
// pass runs, but only on regions that still look like a symbol once what was read is painted
// white, so that no symbol of a label is left unread (docs/photo-benchmark.md).
//
// REQUIRES: run it in a DecoderProcess (decoder_process.h) wherever a crash would take a
// program down: ImageDecoder itself never asks ZXing for several symbols, but it is still a
// large C++ library fed with arbitrary pixels. Not thread-safe per object; use one per thread.
#pragma once

#include "hardware/luma_image.h"

namespace cj::scanner {

class ImageDecoder final : public hardware::SymbolReader {
 public:
  hardware::DecodeOutcome read(const hardware::LumaImage& image, int expected = 0) override;
};

// The baseline for the photo benchmark: one ZXing ReadBarcodes call with the three formats and
// the library's defaults otherwise (tryHarder, tryRotate, up to 255 symbols). This call is the
// one that aborts the process on some ordinary photos: only ever run it in a DecoderProcess.
class ReadBarcodesAlone final : public hardware::SymbolReader {
 public:
  hardware::DecodeOutcome read(const hardware::LumaImage& image, int expected = 0) override;
};

}  // namespace cj::scanner
