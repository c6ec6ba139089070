#include "server/quality/figures_chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include <cairo.h>

namespace cj::quality {
namespace {

constexpr char kFont[] = "DejaVu Sans";

struct Rgb {
  double r, g, b;
};
// Minor, major, critical, near miss: told apart by lightness as well as hue.
constexpr Rgb kSeverityColours[] = {{0.99, 0.80, 0.35}, {0.90, 0.45, 0.10}, {0.65, 0.05, 0.10}, {0.25, 0.25, 0.55}};
constexpr const char* kSeverityNames[] = {"minor", "major", "critical", "near miss"};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

struct Canvas {
  Surface surface;
  Context cr;
  Canvas(int width, int height)
      : surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), &cairo_surface_destroy),
        cr(cairo_create(surface.get()), &cairo_destroy) {
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    cairo_select_font_face(cr.get(), kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  }
  std::string png() {
    cairo_surface_flush(surface.get());
    std::string out;
    if (cairo_surface_write_to_png_stream(surface.get(), &append_to_string, &out) != CAIRO_STATUS_SUCCESS) {
      throw std::runtime_error("cairo could not write the PNG");
    }
    return out;
  }
};

void text(cairo_t* cr, double x, double y, const std::string& s, double size, bool centred = false, bool bold = false) {
  cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, s.c_str(), &ext);
  cairo_move_to(cr, centred ? x - ext.x_advance / 2 : x, y);
  cairo_show_text(cr, s.c_str());
}

// A step of 1, 2 or 5 x 10^n giving about `count` ticks up to top.
double nice_step(double top, int count) {
  const double raw = std::max(top / count, 1e-9);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return m * magnitude;
  }
  return 10 * magnitude;
}

std::string number(double v) {
  char s[32];
  // Ticks of small spans keep their significant digits (0.0002 d, not 0.0).
  std::snprintf(s, sizeof s, std::fabs(v) >= 1000 ? "%.0f" : "%.4g", v);
  return s;
}

int severity_index(const DeviationCount& d) {
  if (d.kind == "near_miss") return 3;
  if (d.severity == "critical") return 2;
  if (d.severity == "major") return 1;
  return 0;
}

}  // namespace

std::string render_deviations_png(const Figures& figures, int width, int height) {
  Canvas canvas(width, height);
  cairo_t* cr = canvas.cr.get();
  std::map<std::string, std::array<std::int64_t, 4>> months;
  for (const DeviationCount& d : figures.deviations) months[d.month][severity_index(d)] += d.count;
  std::int64_t top = 1;
  for (const auto& [month, counts] : months) top = std::max(top, counts[0] + counts[1] + counts[2] + counts[3]);
  const double step = std::max(1.0, nice_step(static_cast<double>(top), 5));
  const double y_max = std::ceil(static_cast<double>(top) / step) * step;
  const double left = 60, right = width - 20.0, top_px = 50, bottom = height - 60.0;

  cairo_set_source_rgb(cr, 0, 0, 0);
  text(cr, left, 24, "Deviations and near misses per month (UTC)", 14, false, true);
  cairo_set_line_width(cr, 1);
  for (double v = 0; v <= y_max + 1e-9; v += step) {
    const double y = bottom - v / y_max * (bottom - top_px);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, left, y);
    cairo_line_to(cr, right, y);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, left - 8 - 7 * static_cast<double>(number(v).size()), y + 4, number(v), 11);
  }
  if (months.empty()) {
    text(cr, (left + right) / 2, (top_px + bottom) / 2, "no data in this period", 14, true);
  }
  const double slot = months.empty() ? 0 : (right - left) / static_cast<double>(months.size());
  double x = left;
  for (const auto& [month, counts] : months) {
    double y = bottom;
    const double bar = std::min(60.0, slot * 0.7);
    for (int s = 0; s < 4; ++s) {
      const double h = static_cast<double>(counts[s]) / y_max * (bottom - top_px);
      cairo_set_source_rgb(cr, kSeverityColours[s].r, kSeverityColours[s].g, kSeverityColours[s].b);
      cairo_rectangle(cr, x + (slot - bar) / 2, y - h, bar, h);
      cairo_fill(cr);
      y -= h;
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, x + slot / 2, y - 4, std::to_string(counts[0] + counts[1] + counts[2] + counts[3]), 11, true);
    text(cr, x + slot / 2, bottom + 16, month, 11, true);
    x += slot;
  }
  double lx = left;
  for (int s = 0; s < 4; ++s) {
    cairo_set_source_rgb(cr, kSeverityColours[s].r, kSeverityColours[s].g, kSeverityColours[s].b);
    cairo_rectangle(cr, lx, height - 26.0, 12, 12);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, lx + 16, height - 16.0, kSeverityNames[s], 11);
    lx += 110;
  }
  return canvas.png();
}

std::string render_durations_png(const Figures& figures, int width, int height) {
  Canvas canvas(width, height);
  cairo_t* cr = canvas.cr.get();
  cairo_set_source_rgb(cr, 0, 0, 0);
  text(cr, 20, 24, "Median and spread of the journey's stretches (box: 25th-75th percentile; whiskers: min-max)", 13,
       false, true);
  const double panel_h = (height - 40.0) / static_cast<double>(std::size(kMeasures));
  const double label_w = 190, left = 20 + label_w, right = width - 40.0;
  for (std::size_t p = 0; p < std::size(kMeasures); ++p) {
    const Measure& m = kMeasures[p];
    const double top = 40 + panel_h * static_cast<double>(p);
    std::vector<const DurationFigure*> rows;
    double hi = 0;
    for (const DurationFigure& f : figures.durations) {
      if (f.measure != m.name) continue;
      rows.push_back(&f);
      hi = std::max(hi, f.max_s / m.unit_seconds);
    }
    std::string title(m.name);
    std::replace(title.begin(), title.end(), '_', ' ');
    title.append(" (").append(m.unit).append(")");
    cairo_set_source_rgb(cr, 0, 0, 0);
    text(cr, 20, top + 16, title, 12, false, true);
    const double axis_y = top + panel_h - 22;
    const double step = nice_step(hi > 0 ? hi : 1, 6);
    const double x_max = std::max(step, std::ceil((hi > 0 ? hi : 1) / step) * step);
    const auto x_of = [&](double seconds) { return left + seconds / m.unit_seconds / x_max * (right - left); };
    cairo_set_line_width(cr, 1);
    for (double v = 0; v <= x_max + 1e-9; v += step) {
      const double x = left + v / x_max * (right - left);
      cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
      cairo_move_to(cr, x, top + 24);
      cairo_line_to(cr, x, axis_y);
      cairo_stroke(cr);
      cairo_set_source_rgb(cr, 0, 0, 0);
      text(cr, x, axis_y + 14, number(v), 10, true);
    }
    if (rows.empty()) {
      text(cr, (left + right) / 2, (top + 24 + axis_y) / 2 + 4, "no data in this period", 12, true);
      continue;
    }
    const double row_h = std::min(28.0, (axis_y - top - 28) / static_cast<double>(rows.size()));
    double y = top + 28;
    for (const DurationFigure* f : rows) {
      const double mid = y + row_h / 2;
      cairo_set_source_rgb(cr, 0, 0, 0);
      text(cr, 20, mid + 4, f->product + " · " + f->site + "  n=" + std::to_string(f->journeys), 11);
      cairo_set_line_width(cr, 1.2);
      cairo_move_to(cr, x_of(f->min_s), mid);
      cairo_line_to(cr, x_of(f->max_s), mid);
      cairo_stroke(cr);
      const double box_h = row_h * 0.6;
      cairo_set_source_rgb(cr, 0.55, 0.70, 0.90);
      cairo_rectangle(cr, x_of(f->p25_s), mid - box_h / 2, std::max(1.0, x_of(f->p75_s) - x_of(f->p25_s)), box_h);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.10, 0.25, 0.50);
      cairo_stroke(cr);
      cairo_set_line_width(cr, 3);
      cairo_move_to(cr, x_of(f->median_s), mid - box_h / 2);
      cairo_line_to(cr, x_of(f->median_s), mid + box_h / 2);
      cairo_stroke(cr);
      y += row_h;
    }
  }
  return canvas.png();
}

}  // namespace cj::quality
