#include "labels/compose.h"

#include <cairo.h>

#include <memory>

#include "isbt128/din.h"
#include "isbt128/format.h"
#include "labels/symbols.h"

namespace cj::labels {

Result<Rect> add_code128(Layout& layout, const isbt128::Structure& structure, double x, double y, double height,
                         bool align_right) {
  Code128Symbol symbol{x, y, kModule, height, kQuietModules, isbt128::format(structure)};
  Result<Rect> rect = extent(symbol);
  if (!rect) return rect;
  if (align_right) {
    symbol.x -= rect.value().width;
    rect.value().x = symbol.x;
  }
  layout.elements.emplace_back(std::move(symbol));
  return rect;
}

double add_text(Layout& layout, double x, double y, double size, std::string text, Weight weight) {
  layout.elements.emplace_back(TextRun{x, y, size, weight, std::move(text)});
  return y + size;
}

double add_eye_readable_din(Layout& layout, const isbt128::Structure& din, double x, double y, double size) {
  const isbt128::EyeReadableDin eye = isbt128::eye_readable_din(din);
  add_text(layout, x, y, size, eye.text, Weight::Bold);
  const double box_x = x + text_width(eye.text, size, Weight::Bold) + size * 0.6;
  const double box_y = y - size * 0.35;
  layout.elements.emplace_back(BoxedCharacter{box_x, box_y, size, eye.check_character});
  const std::string flags = din.content.substr(din.content.size() - 2);
  const bool type3 = flags >= "60" && flags <= "96";
  if (flags != "00" && !type3)  // Type 1/2: small, turned 90° clockwise (ST-001 §7.4.1)
    layout.elements.emplace_back(
        TextRun{box_x + size * 1.7 + size * 0.4, box_y, size * 0.6, Weight::Regular, flags, true});
  return box_y + size * 1.7;
}

double text_width(std::string_view text, double size, Weight weight) {
  constexpr double kScale = 100;  // measure large: no hinting effects at small sizes
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1), &cairo_surface_destroy);
  cairo_t* cr = cairo_create(surface.get());
  cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                         weight == Weight::Bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size / kCapHeightPerEm * kScale);
  const std::string copy(text);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, copy.c_str(), &extents);
  cairo_destroy(cr);
  return extents.x_advance / kScale;
}

void add_rule(Layout& layout, double y) { layout.elements.emplace_back(Box{Rect{2, y, layout.width - 4, 0.3}, 0}); }

Status add_bag_header(Layout& layout, const isbt128::Structure& din, const isbt128::Structure& product,
                      const std::string& description, const isbt128::Structure& dated, const std::string& caption,
                      const std::string& compound, const isbt128::Structure& coi) {
  Result<Rect> r = add_code128(layout, din, 1, 3, 10);
  if (!r) return r.error();
  add_eye_readable_din(layout, din, kTextLeft, 14.5, 3.2);
  r = add_code128(layout, product, 99, 3, 10, true);
  if (!r) return r.error();
  const double product_text_x = r.value().x + kQuietModules * kModule;
  const double y = add_text(layout, product_text_x, 14, kTextBeneath, product.content);
  add_text(layout, product_text_x, y + 1, 2.4, description, Weight::Bold);

  add_rule(layout, 23);
  r = add_code128(layout, dated, 1, 26, 8);
  if (!r) return r.error();
  add_text(layout, kTextLeft, 35, kTextBeneath, caption);
  DataMatrixSymbol matrix{0, 26, 0.5, 2, compound};
  Result<Rect> dm = extent(matrix);
  if (!dm) return dm.error();
  matrix.x = 99 - dm.value().width;  // flush right
  layout.elements.emplace_back(std::move(matrix));

  r = add_code128(layout, coi, 1, 41, 8);
  if (!r) return r.error();
  add_text(layout, kTextLeft, 50, kTextBeneath, "COI " + coi.content);
  add_rule(layout, 56);
  return Done{};
}

}  // namespace cj::labels
