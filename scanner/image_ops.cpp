#include "scanner/image_ops.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace cj::scanner {

std::vector<double> edge_angles(const LumaImage& image, int count) {
  // Histogram of gradient directions folded to [0, 90), weighted by gradient magnitude; every
  // second pixel is enough to find a label's turn.
  constexpr int kBins = 90;
  std::array<double, kBins> histogram{};
  for (int y = 1; y + 1 < image.height; y += 2) {
    for (int x = 1; x + 1 < image.width; x += 2) {
      const int gx = image.at(x + 1, y - 1) + 2 * image.at(x + 1, y) + image.at(x + 1, y + 1) - image.at(x - 1, y - 1) -
                     2 * image.at(x - 1, y) - image.at(x - 1, y + 1);
      const int gy = image.at(x - 1, y + 1) + 2 * image.at(x, y + 1) + image.at(x + 1, y + 1) - image.at(x - 1, y - 1) -
                     2 * image.at(x, y - 1) - image.at(x + 1, y - 1);
      const int magnitude2 = gx * gx + gy * gy;
      if (magnitude2 < 100 * 100) continue;  // sensor noise and soft shading carry no direction
      double degrees = std::atan2(gy, gx) * 180.0 / std::numbers::pi;
      degrees = std::fmod(degrees + 360.0, 90.0);
      histogram[static_cast<int>(degrees) % kBins] += std::sqrt(static_cast<double>(magnitude2));
    }
  }
  // Smooth circularly (period 90) so one edge split over two bins still makes one peak.
  std::array<double, kBins> smooth{};
  for (int i = 0; i < kBins; ++i) {
    for (int d = -2; d <= 2; ++d) smooth[i] += histogram[(i + d + kBins) % kBins] * (3 - std::abs(d));
  }
  std::vector<double> angles;
  std::array<bool, kBins> taken{};
  double best = 0;
  for (int n = 0; n < count; ++n) {
    int peak = -1;
    for (int i = 0; i < kBins; ++i) {
      if (!taken[i] && (peak < 0 || smooth[i] > smooth[peak])) peak = i;
    }
    if (peak < 0 || smooth[peak] <= 0 || (n > 0 && smooth[peak] < best / 3)) break;
    if (n == 0) best = smooth[peak];
    // Sub-bin position from the parabola through the peak and its neighbours.
    const double left = smooth[(peak + kBins - 1) % kBins], right = smooth[(peak + 1) % kBins];
    const double denominator = left - 2 * smooth[peak] + right;
    const double offset = denominator != 0 ? 0.5 * (left - right) / denominator : 0.0;
    angles.push_back(std::fmod(peak + 0.5 + offset + 90.0, 90.0));
    for (int d = -10; d <= 10; ++d) taken[(peak + d + kBins) % kBins] = true;
  }
  return angles;
}

std::vector<Box> busy_regions(const LumaImage& image, int margin, int join) {
  constexpr int kCell = 16, kStrongEdge = 40;
  const int columns = image.width / kCell, rows = image.height / kCell;
  std::vector<std::uint8_t> busy(static_cast<std::size_t>(columns) * rows, 0);
  for (int row = 0; row < rows; ++row) {
    for (int column = 0; column < columns; ++column) {
      int strong = 0;
      for (int y = row * kCell + 1; y < (row + 1) * kCell && y + 1 < image.height; y += 2) {
        for (int x = column * kCell + 1; x < (column + 1) * kCell && x + 1 < image.width; x += 2) {
          strong +=
              std::abs(image.at(x + 1, y) - image.at(x - 1, y)) + std::abs(image.at(x, y + 1) - image.at(x, y - 1)) >
              kStrongEdge;
        }
      }
      busy[static_cast<std::size_t>(row) * columns + column] = strong * 4 >= (kCell / 2) * (kCell / 2);
    }
  }
  // Groups of busy cells (with join 2: bars of a blurred symbol leave the odd quiet cell, and a
  // symbol's eye-readable text belongs with it).
  std::vector<int> group(busy.size(), -1);
  std::vector<Box> boxes;
  std::vector<int> sizes;
  std::vector<std::pair<int, int>> stack;
  for (int start = 0; start < static_cast<int>(busy.size()); ++start) {
    if (!busy[start] || group[start] >= 0) continue;
    const int id = static_cast<int>(boxes.size());
    Box box{columns, rows, -1, -1};
    int size = 0;
    stack.assign(1, {start % columns, start / columns});
    group[start] = id;
    while (!stack.empty()) {
      const auto [cx, cy] = stack.back();
      stack.pop_back();
      ++size;
      box.x0 = std::min(box.x0, cx);
      box.y0 = std::min(box.y0, cy);
      box.x1 = std::max(box.x1, cx + 1);
      box.y1 = std::max(box.y1, cy + 1);
      for (int dy = -join; dy <= join; ++dy) {
        for (int dx = -join; dx <= join; ++dx) {
          const int nx = cx + dx, ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
          const std::size_t n = static_cast<std::size_t>(ny) * columns + nx;
          if (!busy[n] || group[n] >= 0) continue;
          group[n] = id;
          stack.push_back({nx, ny});
        }
      }
    }
    boxes.push_back(box);
    sizes.push_back(size);
  }
  std::vector<Box> regions;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    if (sizes[i] < 4) continue;  // a speck: smaller than any symbol we can read
    const Box& b = boxes[i];
    regions.push_back({std::max(0, b.x0 * kCell - margin), std::max(0, b.y0 * kCell - margin),
                       std::min(image.width, b.x1 * kCell + margin), std::min(image.height, b.y1 * kCell + margin)});
  }
  std::sort(regions.begin(), regions.end(), [](const Box& a, const Box& b) { return a.area() > b.area(); });
  return regions;
}

namespace {

// Edges crossed along row (or column) `line`, counted with a hysteresis of a fifth of its
// contrast so that sensor noise crosses none; a line with less contrast than bars counts none.
int edges_along(const LumaImage& image, bool rows, int line) {
  const int length = rows ? image.width : image.height;
  const auto at = [&](int i) { return rows ? image.at(i, line) : image.at(line, i); };
  int lo = 255, hi = 0;
  for (int i = 0; i < length; ++i) lo = std::min<int>(lo, at(i)), hi = std::max<int>(hi, at(i));
  if (hi - lo < 60) return 0;
  const int mid = (lo + hi) / 2, hysteresis = (hi - lo) / 5;
  int count = 0, state = 0;
  for (int i = 0; i < length; ++i) {
    const int p = at(i);
    const int now = p < mid - hysteresis ? -1 : p > mid + hysteresis ? 1 : state;
    if (state != 0 && now != state) ++count;
    state = now;
  }
  return count;
}

}  // namespace

bool looks_like_symbol(const LumaImage& image) {
  // Lines every 2 px; a window of 64 px in which 7 lines in 8 cross at least 8 edges (a row of a
  // DataMatrix crosses about half its modules' edges, some rows fewer).
  constexpr int kEdges = 8, kStep = 2, kWindow = 64 / kStep, kNeeded = kWindow * 7 / 8;
  for (const bool rows : {true, false}) {
    const int lines = (rows ? image.height : image.width) / kStep;
    std::vector<std::uint8_t> edgy(static_cast<std::size_t>(lines));
    int in_window = 0;
    for (int i = 0; i < lines; ++i) {
      edgy[static_cast<std::size_t>(i)] = edges_along(image, rows, i * kStep) >= kEdges;
      in_window += edgy[static_cast<std::size_t>(i)];
      if (i >= kWindow) in_window -= edgy[static_cast<std::size_t>(i - kWindow)];
      if (in_window >= kNeeded) return true;
    }
  }
  return false;
}

LumaImage crop(const LumaImage& image, const Box& box) {
  LumaImage out{box.x1 - box.x0, box.y1 - box.y0, {}};
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    std::copy_n(&image.pixels[static_cast<std::size_t>(y + box.y0) * image.width + box.x0], out.width,
                &out.pixels[static_cast<std::size_t>(y) * out.width]);
  }
  return out;
}

LumaImage rotate(const LumaImage& image, double degrees) {
  const double radians = degrees * std::numbers::pi / 180.0;
  const double c = std::cos(radians), s = std::sin(radians);
  LumaImage out;
  out.width = static_cast<int>(std::ceil(std::abs(image.width * c) + std::abs(image.height * s)));
  out.height = static_cast<int>(std::ceil(std::abs(image.width * s) + std::abs(image.height * c)));
  out.pixels.assign(static_cast<std::size_t>(out.width) * out.height, 255);
  const double cx = image.width / 2.0, cy = image.height / 2.0;
  const double ox = out.width / 2.0, oy = out.height / 2.0;
  // Inverse mapping in 16.16 fixed point: each output pixel samples the source bilinearly.
  constexpr int kOne = 1 << 16;
  const auto fixed = [](double v) { return static_cast<long>(std::lround(v * kOne)); };
  for (int y = 0; y < out.height; ++y) {
    // Source of (x, y): (cx + (x-ox)c - (y-oy)s, cy + (x-ox)s + (y-oy)c) for a counter-clockwise
    // turn in image coordinates (y down) of the output relative to the source.
    const double dy = y + 0.5 - oy;
    long sx = fixed(cx + (0.5 - ox) * c + dy * s - 0.5);
    long sy = fixed(cy - (0.5 - ox) * s + dy * c - 0.5);
    const long step_x = fixed(c), step_y = fixed(-s);
    std::uint8_t* row = &out.pixels[static_cast<std::size_t>(y) * out.width];
    for (int x = 0; x < out.width; ++x, sx += step_x, sy += step_y) {
      const long ix = sx >> 16, iy = sy >> 16;
      if (ix < 0 || iy < 0 || ix + 1 >= image.width || iy + 1 >= image.height) continue;
      const long fx = sx & (kOne - 1), fy = sy & (kOne - 1);
      const std::uint8_t* p = &image.pixels[static_cast<std::size_t>(iy) * image.width + ix];
      const long top = p[0] * (kOne - fx) + p[1] * fx;
      const long bottom = p[image.width] * (kOne - fx) + p[image.width + 1] * fx;
      row[x] = static_cast<std::uint8_t>(((top >> 8) * (kOne - fy) + (bottom >> 8) * fy) >> 24);
    }
  }
  return out;
}

LumaImage half(const LumaImage& image) {
  LumaImage out;
  out.width = image.width / 2;
  out.height = image.height / 2;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      const int sum = image.at(2 * x, 2 * y) + image.at(2 * x + 1, 2 * y) + image.at(2 * x, 2 * y + 1) +
                      image.at(2 * x + 1, 2 * y + 1);
      out.at(x, y) = static_cast<std::uint8_t>((sum + 2) / 4);
    }
  }
  return out;
}

void blank_quad(LumaImage& image, const double xs[4], const double ys[4], double grow) {
  const double cx = (xs[0] + xs[1] + xs[2] + xs[3]) / 4, cy = (ys[0] + ys[1] + ys[2] + ys[3]) / 4;
  double px[4], py[4];
  for (int i = 0; i < 4; ++i) {
    const double dx = xs[i] - cx, dy = ys[i] - cy, length = std::max(1.0, std::hypot(dx, dy));
    px[i] = xs[i] + dx / length * grow * std::numbers::sqrt2;
    py[i] = ys[i] + dy / length * grow * std::numbers::sqrt2;
  }
  const int x0 = std::max(0, static_cast<int>(std::floor(*std::min_element(px, px + 4))));
  const int x1 = std::min(image.width - 1, static_cast<int>(std::ceil(*std::max_element(px, px + 4))));
  const int y0 = std::max(0, static_cast<int>(std::floor(*std::min_element(py, py + 4))));
  const int y1 = std::min(image.height - 1, static_cast<int>(std::ceil(*std::max_element(py, py + 4))));
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      // Inside a convex polygon: on the same side of every edge (either winding).
      int positive = 0, negative = 0;
      for (int i = 0; i < 4; ++i) {
        const int j = (i + 1) % 4;
        const double cross = (px[j] - px[i]) * (y - py[i]) - (py[j] - py[i]) * (x - px[i]);
        if (cross > 0) ++positive;
        if (cross < 0) ++negative;
      }
      if (positive == 0 || negative == 0) image.at(x, y) = 255;
    }
  }
}

void blank(LumaImage& image, int x0, int y0, int x1, int y1) {
  x0 = std::clamp(x0, 0, image.width);
  x1 = std::clamp(x1, 0, image.width);
  y0 = std::clamp(y0, 0, image.height);
  y1 = std::clamp(y1, 0, image.height);
  for (int y = y0; y < y1; ++y) {
    std::fill(&image.pixels[static_cast<std::size_t>(y) * image.width + x0],
              &image.pixels[static_cast<std::size_t>(y) * image.width + x1], 255);
  }
}

}  // namespace cj::scanner
