// Image operations the decoder needs before ZXing sees a photo: the label's turn (from the
// direction of its edges), turning the image back, and blanking a symbol once it is read so
// the next single-symbol pass finds the next one (docs/photo-benchmark.md: Debian's zxing-cpp 1.4
// aborts when asked for several 1D symbols at once, so we ask for one at a time).
#pragma once

#include <vector>

#include "hardware/luma_image.h"

namespace cj::scanner {

using hardware::LumaImage;

// The turn of the strongest straight edges in `image`, in degrees in [0, 90): bars, label
// borders and text lines of a label all share it modulo 90. Up to `count` candidates, best
// first, each at least 10 degrees from the others; only peaks with at least a third of the
// best one's weight are returned.
std::vector<double> edge_angles(const LumaImage& image, int count = 2);

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // [x0, x1) x [y0, y1)
  int area() const { return (x1 - x0) * (y1 - y0); }
};

// Regions dense with edges, where symbols (and text) are: 16x16 cells in which a quarter of
// the sampled pixels sit on a strong edge, joined into groups (cells up to `join` cells apart
// belong together); each group's box grown by `margin` pixels (a symbol's quiet zone), clipped
// to the image, largest first. A label's
// outline or a shadow crosses too few pixels of a cell to count. ZXing 1.4's DataMatrix
// detector only looks around the image centre (docs/photo-benchmark.md), so each region is
// decoded as its own crop.
std::vector<Box> busy_regions(const LumaImage& image, int margin = 24, int join = 2);

// Whether `image` (turned so that its edges are level or upright) may still hold a symbol:
// within 64 px, 7 rows (or columns) in 8 cross at least 8 edges. Bars and DataMatrix modules
// run that long; lines of text and what is left of a symbol painted white do not. Used to
// decide where the harder passes are worth their time when the number of symbols is unknown.
bool looks_like_symbol(const LumaImage& image);

// A copy of the pixels inside `box` (REQUIRES: box inside the image).
LumaImage crop(const LumaImage& image, const Box& box);

// `image` turned by `degrees` counter-clockwise about its centre, on a canvas large enough to
// hold all of it; uncovered pixels are white. Bilinear.
LumaImage rotate(const LumaImage& image, double degrees);

// Half the width and height, each pixel the mean of four.
LumaImage half(const LumaImage& image);

// Paints white the convex quadrilateral with corners (xs[i], ys[i]) in order, grown by `grow`
// pixels away from its centre (clipped to the image).
void blank_quad(LumaImage& image, const double xs[4], const double ys[4], double grow);

// Paints the axis-aligned box [x0, x1) x [y0, y1) white (clipped to the image).
void blank(LumaImage& image, int x0, int y0, int x1, int y1);

}  // namespace cj::scanner
