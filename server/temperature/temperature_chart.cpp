#include "server/temperature/temperature_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include <cairo.h>

namespace cj::temperature {
namespace {

using workflows::TimePoint;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Rgb {
  double r, g, b;
};
constexpr Rgb kLineColours[] = {{0.10, 0.35, 0.75}, {0.15, 0.55, 0.25}, {0.55, 0.25, 0.65}, {0.85, 0.50, 0.05}};

// The plot area and the mapping of (time, °C) into it.
struct Frame {
  double left, top, right, bottom;
  double t0, t1;      // seconds since the epoch
  double c_lo, c_hi;  // °C
  double x(TimePoint t) const {
    return left + (static_cast<double>(t.time_since_epoch().count()) - t0) / (t1 - t0) * (right - left);
  }
  double y(double c) const { return bottom - (c - c_lo) / (c_hi - c_lo) * (bottom - top); }
};

// A step of 1, 2 or 5 x 10^n giving about `count` ticks over span.
double nice_step(double span, int count) {
  const double raw = span / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return m * magnitude;
  }
  return 10 * magnitude;
}

Frame frame_of(const JourneyEvidence& evidence, int width, int height) {
  Frame f{70, 40, width - 20.0, height - 50.0, 0, 3600, -200, 0};
  bool any = false;
  double lo = 0, hi = 0, t0 = 0, t1 = 0;
  const auto take_c = [&](double c) {
    lo = any ? std::min(lo, c) : c;
    hi = any ? std::max(hi, c) : c;
  };
  for (const SeriesEvidence& s : evidence.series) {
    for (const auto& sample : s.series.samples) {
      const double t = static_cast<double>(sample.at.time_since_epoch().count());
      t0 = any ? std::min(t0, t) : t;
      t1 = any ? std::max(t1, t) : t;
      take_c(sample.celsius);
      any = true;
    }
    if (s.limits.min_c) take_c(*s.limits.min_c);
    if (s.limits.max_c) take_c(*s.limits.max_c);
  }
  if (!any) return f;
  const double pad = std::max(2.0, (hi - lo) * 0.08);
  f.c_lo = lo - pad;
  f.c_hi = hi + pad;
  f.t0 = t0;
  f.t1 = t1 > t0 ? t1 : t0 + 3600;
  return f;
}

void text(cairo_t* cr, double x, double y, const std::string& s, double align) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, s.c_str(), &extents);
  cairo_move_to(cr, x - extents.width * align, y);
  cairo_show_text(cr, s.c_str());
}

void draw_axes(cairo_t* cr, const Frame& f, const ChartZone& zone) {
  cairo_set_font_size(cr, 11);
  cairo_set_line_width(cr, 1);
  const double c_step = nice_step(f.c_hi - f.c_lo, 6);
  for (double c = std::ceil(f.c_lo / c_step) * c_step; c <= f.c_hi; c += c_step) {
    cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
    cairo_move_to(cr, f.left, f.y(c));
    cairo_line_to(cr, f.right, f.y(c));
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    char label[32];
    std::snprintf(label, sizeof label, "%g", c);
    text(cr, f.left - 6, f.y(c) + 4, label, 1.0);
  }
  const TimePoint from{std::chrono::seconds{static_cast<long long>(f.t0)}};
  const TimePoint to{std::chrono::seconds{static_cast<long long>(f.t1)}};
  for (const TimeTick& tick : time_ticks(zone, from, to, 6)) {
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_move_to(cr, f.x(tick.at), f.bottom);
    cairo_line_to(cr, f.x(tick.at), f.bottom + 4);
    cairo_stroke(cr);
    text(cr, f.x(tick.at), f.bottom + 17, tick.label, 0.5);
  }
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_rectangle(cr, f.left, f.top, f.right - f.left, f.bottom - f.top);
  cairo_stroke(cr);
  text(cr, f.left - 6, f.top - 8, "°C", 1.0);
  text(cr, f.right, f.bottom + 34, "time (" + zone.name + ")", 1.0);
}

void draw_series(cairo_t* cr, const Frame& f, const SeriesEvidence& s, const Rgb& colour) {
  for (const auto& gap : s.evidence.gaps) {  // unknown: grey
    cairo_set_source_rgba(cr, 0.5, 0.5, 0.5, 0.25);
    cairo_rectangle(cr, f.x(gap.from), f.top, f.x(gap.to) - f.x(gap.from), f.bottom - f.top);
    cairo_fill(cr);
  }
  for (const auto& e : s.evidence.excursions) {  // breach: red
    cairo_set_source_rgba(cr, 0.9, 0.1, 0.1, 0.22);
    cairo_rectangle(cr, f.x(e.from), f.top, std::max(2.0, f.x(e.to) - f.x(e.from)), f.bottom - f.top);
    cairo_fill(cr);
  }
  const double dashes[] = {6, 4};
  cairo_set_dash(cr, dashes, 2, 0);
  cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
  cairo_set_line_width(cr, 1.5);
  for (const auto& limit : {s.limits.min_c, s.limits.max_c}) {
    if (!limit) continue;
    cairo_move_to(cr, f.left, f.y(*limit));
    cairo_line_to(cr, f.right, f.y(*limit));
    cairo_stroke(cr);
  }
  cairo_set_dash(cr, nullptr, 0, 0);
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
  cairo_set_line_width(cr, 1.8);
  const auto& samples = s.series.samples;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const bool after_gap = i > 0 && std::any_of(s.evidence.gaps.begin(), s.evidence.gaps.end(),
                                                [&](const auto& g) { return g.to == samples[i].at; });
    if (i == 0 || after_gap) {
      cairo_move_to(cr, f.x(samples[i].at), f.y(samples[i].celsius));  // no line across a gap
    } else {
      cairo_line_to(cr, f.x(samples[i].at), f.y(samples[i].celsius));
    }
  }
  cairo_stroke(cr);
}

}  // namespace

std::string render_temperature_png(const std::string& coi, const JourneyEvidence& evidence, const ChartZone& zone,
                                   int width, int height) {
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> context(cairo_create(surface.get()), cairo_destroy);
  cairo_t* cr = context.get();
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  const Frame f = frame_of(evidence, width, height);
  draw_axes(cr, f, zone);
  cairo_save(cr);
  cairo_rectangle(cr, f.left, f.top, f.right - f.left, f.bottom - f.top);
  cairo_clip(cr);
  std::string legend = coi;
  for (std::size_t i = 0; i < evidence.series.size(); ++i) {
    draw_series(cr, f, evidence.series[i], kLineColours[i % std::size(kLineColours)]);
    legend += "   " + evidence.series[i].series.logger + " (" + evidence.series[i].series.kind + ")";
  }
  cairo_restore(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_set_font_size(cr, 13);
  if (evidence.series.empty()) legend += ": no readings";
  if (!evidence.evaluated()) legend += " (limits unknown: " + evidence.problem + ")";
  text(cr, f.left, 22, legend, 0.0);
  std::string png;
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_write_to_png_stream(surface.get(), append_to_string, &png) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error("cairo cannot draw the temperature curve");
  }
  return png;
}

}  // namespace cj::temperature
