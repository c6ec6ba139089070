#include "scanner/image_decoder.h"

#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>

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
  // Harder passes run while fewer symbols than expected were found; with the count unknown,
  // always (they only see what is still busy once the symbols read are painted white).
  bool want_more() const { return expected_ > 0 ? !enough() : true; }
  std::vector<DecodedSymbol>& symbols() { return symbols_; }

 private:
  int expected_;
  std::vector<DecodedSymbol> symbols_;
};

// Four corners, in order.
struct Quad {
  double xs[4], ys[4];
  // The corners moved `grow` pixels (per axis) away from the centre, as blank_quad paints them.
  Quad grown(double grow) const {
    Quad q = *this;
    const double cx = (xs[0] + xs[1] + xs[2] + xs[3]) / 4, cy = (ys[0] + ys[1] + ys[2] + ys[3]) / 4;
    for (int i = 0; i < 4; ++i) {
      const double dx = xs[i] - cx, dy = ys[i] - cy, length = std::max(1.0, std::hypot(dx, dy));
      q.xs[i] += dx / length * grow * std::numbers::sqrt2;
      q.ys[i] += dy / length * grow * std::numbers::sqrt2;
    }
    return q;
  }
};

// Edges crossed along one row (horizontal) or column, within [from, to): changes between dark
// and light with a hysteresis of a fifth of the line's contrast, so that the sensor noise of a
// plain line crosses none (a line with less contrast than bars have counts none).
int transitions(const LumaImage& image, bool horizontal, int line, int from, int to) {
  if (line < 0 || line >= (horizontal ? image.height : image.width)) return 0;
  from = std::max(from, 0);
  to = std::min(to, horizontal ? image.width : image.height);
  if (to <= from) return 0;
  const auto at = [&](int i) { return horizontal ? image.at(i, line) : image.at(line, i); };
  int lo = 255, hi = 0;
  for (int i = from; i < to; ++i) lo = std::min<int>(lo, at(i)), hi = std::max<int>(hi, at(i));
  constexpr int kBarContrast = 60;
  if (hi - lo < kBarContrast) return 0;
  const int mid = (lo + hi) / 2, hysteresis = (hi - lo) / 5;
  int count = 0, state = 0;  // -1 dark, 1 light, 0 not yet known
  for (int i = from; i < to; ++i) {
    const int p = at(i);
    const int now = p < mid - hysteresis ? -1 : p > mid + hysteresis ? 1 : state;
    if (state != 0 && now != state) ++count;
    state = now;
  }
  return count;
}

// Paints a read symbol white and returns the corners of what was painted. 2-D symbols: their
// corners. 1D: ZXing gives the scan line(s) only, so the bars' height is measured: rows keep
// crossing about as many edges as the scan line did until the bars end.
Quad blank_symbol(LumaImage& image, const ZXing::Result& result) {
  const ZXing::Position& p = result.position();
  Quad q;
  for (int i = 0; i < 4; ++i) {
    q.xs[i] = p[i].x;
    q.ys[i] = p[i].y;
  }
  if (!(result.format() == ZXing::BarcodeFormat::Code128)) {
    constexpr double kGrow = 4;
    blank_quad(image, q.xs, q.ys, kGrow);
    return q.grown(kGrow);
  }
  const double* xs = q.xs;
  const double* ys = q.ys;
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
  const int x0 = horizontal ? from - kMargin : lo - kMargin, x1 = horizontal ? to + kMargin : hi + 1 + kMargin;
  const int y0 = horizontal ? lo - kMargin : from - kMargin, y1 = horizontal ? hi + 1 + kMargin : to + kMargin;
  blank(image, x0, y0, x1, y1);
  return Quad{{double(x0), double(x1), double(x1), double(x0)}, {double(y0), double(y0), double(y1), double(y1)}};
}

// A crop of the working image, possibly turned: symbols read in it are painted white in the
// working image too (mapped back), so later crops and passes do not find them again, and what
// is still busy after a pass is what is left to read.
struct View {
  LumaImage image;
  int x0 = 0, y0 = 0;  // the crop's corner in the working image
  double degrees = 0;  // rotate(crop, degrees); 0: not turned
  int crop_w = 0, crop_h = 0;

  // A point of `image` in the working image (the inverse of rotate()'s mapping).
  void to_work(double& x, double& y) const {
    if (degrees != 0) {
      const double radians = degrees * std::numbers::pi / 180.0, c = std::cos(radians), s = std::sin(radians);
      const double dx = x - image.width / 2.0, dy = y - image.height / 2.0;
      const double sx = crop_w / 2.0 + dx * c + dy * s, sy = crop_h / 2.0 - dx * s + dy * c;
      x = sx;
      y = sy;
    }
    x += x0;
    y += y0;
  }
};

View crop_view(const LumaImage& work, const Box& box) { return {crop(work, box), box.x0, box.y0, 0, 0, 0}; }

// `view` turned so that an edge at `angle` (from edge_angles) is level; no copy when it
// already nearly is (1D scan lines tolerate a few degrees). REQUIRES: `view` not turned.
View upright(const View& view, double angle) {
  if (angle < 1.5 || angle > 88.5) return view;
  const double degrees = angle > 45 ? 90 - angle : -angle;
  return {rotate(view.image, degrees), view.x0, view.y0, degrees, view.image.width, view.image.height};
}

// Reads one symbol at a time from `view`, blanking each there and in `work`, until a miss.
void read_all(View& view, LumaImage& work, const ZXing::DecodeHints& h, Found& found) {
  for (int calls = 0; calls < kMaxCallsPerPass && !found.enough(); ++calls) {
    const ZXing::Result result = ZXing::ReadBarcode(
        ZXing::ImageView(view.image.pixels.data(), view.image.width, view.image.height, ZXing::ImageFormat::Lum), h);
    if (!result.isValid()) return;
    found.add(result);
    Quad q = blank_symbol(view.image, result);
    for (int i = 0; i < 4; ++i) view.to_work(q.xs[i], q.ys[i]);
    blank_quad(work, q.xs, q.ys, 1);
  }
}

}  // namespace

DecodeOutcome ImageDecoder::read(const LumaImage& image, int expected) {
  Found found(expected);
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height) {
    return {{}, "not an image"};
  }
  LumaImage work = image;  // every symbol read is painted white here
  // With the count unknown nothing says when to stop, so every pass runs, but only on regions
  // that still look like a symbol once what was read is painted white (text does not).
  const bool unknown = expected <= 0;
  bool unread_symbol = false;  // a region looked like a symbol and nothing was read from it
  // 1. Each busy region on its own: 2-D symbols (their detectors take any turn, but only near
  //    the centre of what they are given), then Code 128 with the region turned upright by its
  //    own edges' angle (so labels turned differently in one photo each get their angle).
  for (const Box& box : busy_regions(work)) {
    if (found.enough()) break;
    const std::size_t before = found.symbols().size();
    View region = crop_view(work, box);
    const std::vector<double> angles = edge_angles(region.image, 1);
    View turned = upright(region, angles.empty() ? 0 : angles[0]);
    if (unknown && !looks_like_symbol(turned.image)) continue;
    read_all(region, work, hints(kMatrix, false), found);
    if (found.enough()) break;
    // The turned copy was made before the 2-D read: paint what that read in it too.
    if (found.symbols().size() != before) turned = upright(crop_view(work, box), angles.empty() ? 0 : angles[0]);
    read_all(turned, work, hints(ZXing::BarcodeFormat::Code128, true), found);
    // Nothing here yet: a DataMatrix close to the label's edge defeats 1.4's detector (it grows
    // a white rectangle from the centre into the background); turned upright, the corners
    // around it are white.
    if (found.symbols().size() == before) read_all(turned, work, hints(kMatrix, false), found);
    // Still nothing: thin bars that the local-average binarizer merges.
    if (found.symbols().size() == before) {
      read_all(turned, work, hints(ZXing::BarcodeFormat::Code128, true).setBinarizer(ZXing::Binarizer::FixedThreshold),
               found);
    }
  }
  if (!found.want_more()) return {std::move(found.symbols()), {}};
  // 2. Harder, while symbols may be missing: smaller regions (a DataMatrix joined to nearby text
  //    is off the centre of its region), 2-D both as is and upright, Code 128 with a fixed
  //    threshold (thin bars that the local-average binarizer merges) and small angle
  //    corrections. With the count unknown, every symbol read so far is painted white in `work`,
  //    so a region still busy is what is left: it gets these passes when it still looks like a
  //    symbol (bars or modules over a long run), not when it is text.
  for (const Box& box : busy_regions(work, 24, 1)) {
    if (!found.want_more()) break;
    View region = crop_view(work, box);
    const std::vector<double> angles = edge_angles(region.image, 1);
    const double angle = angles.empty() ? 0 : angles[0];
    View turned = upright(region, angle);
    if (unknown && !looks_like_symbol(turned.image)) continue;
    const std::size_t before = found.symbols().size();
    read_all(region, work, hints(kMatrix, false), found);
    read_all(turned, work, hints(kMatrix, false), found);
    read_all(turned, work, hints(ZXing::BarcodeFormat::Code128, true).setBinarizer(ZXing::Binarizer::FixedThreshold),
             found);
    for (const double correction : {-1.5, 1.5}) {
      if (!found.want_more()) break;
      View corrected = upright(region, std::fmod(angle + correction + 90, 90));
      read_all(corrected, work, hints(ZXing::BarcodeFormat::Code128, true), found);
    }
    unread_symbol |= found.symbols().size() == before;
  }
  // 3. Last: the whole image, 2-D with tryHarder, then Code 128 at the image's main angle (where
  //    the regions missed a symbol: bars too far apart for busy cells). With the count unknown,
  //    only when nothing was read at all or a region that looked like a symbol yielded nothing.
  if (!found.want_more() || (unknown && !found.symbols().empty() && !unread_symbol)) {
    return {std::move(found.symbols()), {}};
  }
  const std::vector<double> angles = edge_angles(work, 1);
  View turned = upright(View{work, 0, 0, 0, 0, 0}, angles.empty() ? 0 : angles[0]);
  View whole{work, 0, 0, 0, 0, 0};
  read_all(whole, work, hints(kMatrix, true), found);
  if (found.want_more()) read_all(turned, work, hints(ZXing::BarcodeFormat::Code128, true), found);
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
