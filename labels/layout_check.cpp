#include "labels/layout_check.h"

#include <cairo.h>

#include <cstdio>
#include <memory>
#include <type_traits>

#include "labels/symbols.h"

namespace cj::labels {
namespace {

constexpr double kTolerance = 1e-6;  // mm: touching is not overlapping

// The ink of a text run as cairo draws it (cairo_render.cpp: baseline at y + size; a turned run
// rotated 90° clockwise about x, y).
Rect text_ink(const TextRun& run) {
  constexpr double kScale = 100;  // measure large: no hinting effects at small sizes
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1), &cairo_surface_destroy);
  cairo_t* cr = cairo_create(surface.get());
  cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                         run.weight == Weight::Bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, run.size / kCapHeightPerEm * kScale);
  cairo_text_extents_t e;
  cairo_text_extents(cr, run.text.c_str(), &e);
  cairo_destroy(cr);
  const double xb = e.x_bearing / kScale, yb = e.y_bearing / kScale, w = e.width / kScale, h = e.height / kScale;
  if (run.turned) return Rect{run.x - (yb + h), run.y + xb, h, w};  // text x -> down, text -y -> right
  return Rect{run.x + xb, run.y + run.size + yb, w, h};
}

Rect grow(Rect r, double by) { return Rect{r.x - by, r.y - by, r.width + 2 * by, r.height + 2 * by}; }

std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

bool overlap(const Rect& a, const Rect& b) {
  return a.x < b.x + b.width - kTolerance && b.x < a.x + a.width - kTolerance && a.y < b.y + b.height - kTolerance &&
         b.y < a.y + a.height - kTolerance;
}

bool empty_text(const Element& element) {
  const auto* run = std::get_if<TextRun>(&element);
  return run && run->text.empty();
}

}  // namespace

Result<Rect> covered_area(const Element& element) {
  return std::visit(
      [](const auto& e) -> Result<Rect> {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, TextRun>) {
          return text_ink(e);
        } else if constexpr (std::is_same_v<T, BoxedCharacter>) {
          return grow(Rect{e.x, e.y, e.size * 1.7, e.size * 1.7}, 0.125);  // the box's 0.25 mm line
        } else if constexpr (std::is_same_v<T, Box>) {
          return e.line > 0 ? grow(e.rect, e.line / 2) : e.rect;
        } else {
          return extent(e);  // quiet zones included
        }
      },
      element);
}

std::string describe_element(const Element& element) {
  return std::visit(
      [](const auto& e) -> std::string {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, TextRun>) return "text '" + e.text + "'";
        else if constexpr (std::is_same_v<T, BoxedCharacter>) return std::string("boxed '") + e.character + "'";
        else if constexpr (std::is_same_v<T, Box>) return "box at " + mm(e.rect.x) + "," + mm(e.rect.y);
        else if constexpr (std::is_same_v<T, Code128Symbol>) return "Code 128 '" + e.data + "'";
        else if constexpr (std::is_same_v<T, DataMatrixSymbol>) return "DataMatrix '" + e.data + "'";
        else return "QR '" + e.data + "'";
      },
      element);
}

std::vector<std::string> check_layout(const Layout& layout) {
  std::vector<std::string> problems;
  std::vector<Rect> areas(layout.elements.size());
  for (std::size_t i = 0; i < layout.elements.size(); ++i) {
    const Element& element = layout.elements[i];
    if (empty_text(element)) continue;
    Result<Rect> area = covered_area(element);
    if (!area) {
      problems.push_back(describe_element(element) + ": " + area.error().message);
      continue;
    }
    const Rect& r = areas[i] = area.value();
    if (r.x < -kTolerance || r.y < -kTolerance || r.x + r.width > layout.width + kTolerance ||
        r.y + r.height > layout.height + kTolerance)
      problems.push_back(describe_element(element) + " leaves the label (" + mm(r.x) + "," + mm(r.y) + " to " +
                         mm(r.x + r.width) + "," + mm(r.y + r.height) + " mm)");
    if (const auto* run = std::get_if<TextRun>(&element);
        run && !run->turned && run->width > 0 && r.x + r.width > run->x + run->width + kTolerance)
      problems.push_back(describe_element(element) + " is wider than its " + mm(run->width) + " mm");
  }
  for (std::size_t i = 0; i < areas.size(); ++i) {
    if (empty_text(layout.elements[i])) continue;
    for (std::size_t j = i + 1; j < areas.size(); ++j) {
      if (empty_text(layout.elements[j])) continue;
      if (overlap(areas[i], areas[j]))
        problems.push_back(describe_element(layout.elements[i]) + " overlaps " + describe_element(layout.elements[j]));
    }
  }
  return problems;
}

}  // namespace cj::labels
