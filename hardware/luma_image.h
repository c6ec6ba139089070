// LumaImage and SymbolReader: what the image sources (photo folder, camera) hand to a barcode
// decoder, and what comes back. The decoder itself lives in scanner/ (ZXing); hardware/ only
// sees this interface, so it depends on nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cj::hardware {

// 8-bit luminance, row-major, no padding: pixels.size() == width * height.
struct LumaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;

  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
  std::uint8_t& at(int x, int y) { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

struct DecodedSymbol {
  std::string text;       // the data as decoded, no AIM prefix
  std::string symbology;  // "Code128", "DataMatrix", "QRCode"
  std::string aim;        // the AIM symbology identifier the decoder reports ("]C0", "]d1", "]Q1")
  bool operator==(const DecodedSymbol&) const = default;
};

struct DecodeOutcome {
  std::vector<DecodedSymbol> symbols;  // each distinct symbol once, in the order found
  std::string error;                   // empty unless the decoder failed on this image (crash, timeout)
};

class SymbolReader {
 public:
  virtual ~SymbolReader() = default;
  // Every symbol in `image`. `expected`: how many symbols the caller expects (0: unknown); the
  // reader may stop early once it has found that many, and tries harder while it has fewer.
  virtual DecodeOutcome read(const LumaImage& image, int expected = 0) = 0;
};

}  // namespace cj::hardware
