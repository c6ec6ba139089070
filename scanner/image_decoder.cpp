#include "scanner/image_decoder.h"

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "scanner/image_ops.h"

namespace cj::scanner {
namespace {

using hardware::DecodedSymbol;
using hardware::DecodeOutcome;
using hardware::LumaImage;

constexpr ZXing::BarcodeFormats kMatrix = ZXing::BarcodeFormat::DataMatrix | ZXing::BarcodeFormat::QRCode;
constexpr int kMaxCallsPerPass = 8;  // a label holds a handful of symbols; stops runaway loops

ZXing::ImageView view(const LumaImage& image) {
  return {image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum};
}

ZXing::DecodeHints hints(ZXing::BarcodeFormats formats, bool try_harder) {
  ZXing::DecodeHints h;
  h.setFormats(formats).setTryHarder(try_harder).setTryRotate(true).setTryDownscale(true);
  // One symbol per call: the multi-symbol path is the one that aborts (§2.4), and it is also
  // what switches the downscale pyramid on in 1.4.
  h.setMaxNumberOfSymbols(1);
  return h;
}

class Found {
 public:
  explicit Found(int expected) : expected_(expected) {}
  // False when this symbol was already read (then nothing is added).
  bool add(const ZXing::Result& result) {
    DecodedSymbol symbol{result.text(), ZXing::ToString(result.format()), result.symbologyIdentifier()};
    if (std::find(symbols_.begin(), symbols_.end(), symbol) != symbols_.end()) return false;
    symbols_.push_back(std::move(symbol));
    return true;
  }
  bool enough() const { return expected_ > 0 && static_cast<int>(symbols_.size()) >= expected_; }
  // Harder passes run only while fewer symbols than expected were found, or none at all.
  bool want_more() const { return expected_ > 0 ? !enough() : symbols_.empty(); }
  std::vector<DecodedSymbol>& symbols() { return symbols_; }

 private:
  int expected_;
  std::vector<DecodedSymbol> symbols_;
};

// Transitions across the threshold `mid` along one row (horizontal) or column, within [from, to).
int transitions(const LumaImage& image, bool horizontal, int line, int from, int to) {
  if (line < 0 || line >= (horizontal ? image.height : image.width)) return 0;
  from = std::max(from, 0);
  to = std::min(to, horizontal ? image.width : image.height);
  int count = 0, sum = 0;
  for (int i = from; i < to; ++i) sum += horizontal ? image.at(i, line) : image.at(line, i);
  if (to <= from) return 0;
  const int mid = sum / (to - from);
  bool dark = false;
  for (int i = from; i < to; ++i) {
    const bool d = (horizontal ? image.at(i, line) : image.at(line, i)) < mid;
    if (i > from && d != dark) ++count;
    dark = d;
  }
  return count;
}

// Paints a read symbol white. 2-D symbols: their corners. 1D: ZXing gives the scan line(s)
// only, so the bars' height is measured: rows keep crossing about as many edges as the scan
// line did until the bars end.
void blank_symbol(LumaImage& image, const ZXing::Result& result) {
  const ZXing::Position& p = result.position();
  double xs[4], ys[4];
  for (int i = 0; i < 4; ++i) {
    xs[i] = p[i].x;
    ys[i] = p[i].y;
  }
  if (!(result.format() == ZXing::BarcodeFormat::Code128)) {
    blank_quad(image, xs, ys, 4);
    return;
  }
  const bool horizontal = std::abs(xs[1] - xs[0]) >= std::abs(ys[1] - ys[0]);
  const int from = static_cast<int>(horizontal ? *std::min_element(xs, xs + 4) : *std::min_element(ys, ys + 4));
  const int to = static_cast<int>(horizontal ? *std::max_element(xs, xs + 4) : *std::max_element(ys, ys + 4)) + 1;
  const int lo_line = static_cast<int>(horizontal ? *std::min_element(ys, ys + 4) : *std::min_element(xs, xs + 4));
  const int hi_line = static_cast<int>(horizontal ? *std::max_element(ys, ys + 4) : *std::max_element(xs, xs + 4));
  const int centre = (lo_line + hi_line) / 2;
  const int base = std::max(4, transitions(image, horizontal, centre, from, to));
  int lo = std::min(lo_line, centre), hi = std::max(hi_line, centre);
  const int limit = horizontal ? image.height : image.width;
  while (lo > 0 && transitions(image, horizontal, lo - 1, from, to) * 2 >= base) --lo;
  while (hi + 1 < limit && transitions(image, horizontal, hi + 1, from, to) * 2 >= base) ++hi;
  constexpr int kMargin = 4;
  if (horizontal) {
    blank(image, from - kMargin, lo - kMargin, to + kMargin, hi + 1 + kMargin);
  } else {
    blank(image, lo - kMargin, from - kMargin, hi + 1 + kMargin, to + kMargin);
  }
}

// Reads one symbol at a time from `image`, blanking each, until a miss.
void read_all(LumaImage& image, const ZXing::DecodeHints& h, Found& found) {
  for (int calls = 0; calls < kMaxCallsPerPass && !found.enough(); ++calls) {
    const ZXing::Result result = ZXing::ReadBarcode(view(image), h);
    if (!result.isValid()) return;
    found.add(result);
    blank_symbol(image, result);
  }
}

// `image` turned so that an edge at `angle` (from edge_angles) is level; no copy when it
// already nearly is (1D scan lines tolerate a few degrees).
LumaImage upright(const LumaImage& image, double angle) {
  if (angle < 1.5 || angle > 88.5) return image;
  return rotate(image, angle > 45 ? 90 - angle : -angle);
}

}  // namespace

DecodeOutcome ImageDecoder::read(const LumaImage& image, int expected) {
  Found found(expected);
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height) {
    return {{}, "not an image"};
  }
  LumaImage work = image;
  // 1. Each busy region on its own: 2-D symbols (their detectors take any turn, but only near
  //    the centre of what they are given), then Code 128 with the region turned upright by its
  //    own edges' angle (so labels turned differently in one photo each get their angle).
  for (const Box& box : busy_regions(work)) {
    if (found.enough()) break;
    const std::size_t before = found.symbols().size();
    LumaImage region = crop(work, box);
    read_all(region, hints(kMatrix, false), found);
    if (found.enough()) break;
    const std::vector<double> angles = edge_angles(region, 1);
    LumaImage turned = upright(region, angles.empty() ? 0 : angles[0]);
    read_all(turned, hints(ZXing::BarcodeFormat::Code128, true), found);
    // Nothing here yet: a DataMatrix close to the label's edge defeats 1.4's detector (it grows
    // a white rectangle from the centre into the background); turned upright, the corners
    // around it are white.
    if (found.symbols().size() == before) read_all(turned, hints(kMatrix, false), found);
    // Still nothing: thin bars that the local-average binarizer merges.
    if (found.symbols().size() == before) {
      read_all(turned, hints(ZXing::BarcodeFormat::Code128, true).setBinarizer(ZXing::Binarizer::FixedThreshold),
               found);
    }
  }
  if (!found.want_more()) return {std::move(found.symbols()), {}};
  // 2. Harder, only while symbols are missing: smaller regions (a DataMatrix joined to nearby
  //    text is off the centre of its region), 2-D both as is and upright, Code 128 with a fixed
  //    threshold (thin bars that the local-average binarizer merges) and small angle corrections.
  for (const Box& box : busy_regions(work, 24, 1)) {
    if (!found.want_more()) break;
    LumaImage region = crop(work, box);
    read_all(region, hints(kMatrix, false), found);
    const std::vector<double> angles = edge_angles(region, 1);
    const double angle = angles.empty() ? 0 : angles[0];
    LumaImage turned = upright(region, angle);
    read_all(turned, hints(kMatrix, false), found);
    read_all(turned, hints(ZXing::BarcodeFormat::Code128, true).setBinarizer(ZXing::Binarizer::FixedThreshold), found);
    for (const double correction : {-1.5, 1.5}) {
      if (!found.want_more()) break;
      LumaImage corrected = upright(region, std::fmod(angle + correction + 90, 90));
      read_all(corrected, hints(ZXing::BarcodeFormat::Code128, true), found);
    }
  }
  // 3. Last: the whole image, 2-D with tryHarder, then Code 128 at the image's main angle.
  if (found.want_more()) read_all(work, hints(kMatrix, true), found);
  if (found.want_more()) {
    const std::vector<double> angles = edge_angles(work, 1);
    LumaImage turned = upright(work, angles.empty() ? 0 : angles[0]);
    read_all(turned, hints(ZXing::BarcodeFormat::Code128, true), found);
  }
  return {std::move(found.symbols()), {}};
}

DecodeOutcome ReadBarcodesAlone::read(const LumaImage& image, int) {
  ZXing::DecodeHints h;
  h.setFormats(ZXing::BarcodeFormat::Code128 | kMatrix);
  Found found(0);
  for (const ZXing::Result& result : ZXing::ReadBarcodes(view(image), h)) {
    if (result.isValid()) found.add(result);
  }
  return {std::move(found.symbols()), {}};
}

}  // namespace cj::scanner
