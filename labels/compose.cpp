#include "labels/compose.h"

#include <cairo.h>

#include <cctype>
#include <memory>

#include "isbt128/din.h"
#include "isbt128/format.h"
#include "isbt128/product_code.h"
#include "labels/symbols.h"
#include "labels/text_fit.h"

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
  TextRun run{x, y, size, weight, std::move(text)};
  run.width = text_width(run.text, size, weight);
  layout.elements.emplace_back(std::move(run));
  return y + size;
}

std::string grouped_coi(const isbt128::Structure& coi) {
  const std::string& c = coi.content;  // "CH" + FIN (5) + year (2) + sequence (6)
  if (c.size() != 15) return "COI " + c;
  std::string text = "COI ";
  text.append(c, 0, 2).append(" ").append(c, 2, 5).append(" ").append(c, 7, 2).append(" ").append(c, 9, 6);
  return text;
}

std::string use_statement(char collection_type) {
  if (collection_type == '1') return "FOR AUTOLOGOUS USE ONLY";
  if (collection_type == '0') return "";
  std::string text(isbt128::collection_type_meaning(collection_type));
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

double content_bottom(const Layout& layout) { return layout.height - 3.2; }

double add_eye_readable_din(Layout& layout, const isbt128::Structure& din, double x, double y, double size) {
  const isbt128::EyeReadableDin eye = isbt128::eye_readable_din(din);
  add_text(layout, x, y, size, eye.text, Weight::Bold);
  const double box_x = x + text_width(eye.text, size, Weight::Bold) + size * 0.6;
  const double box_y = y - size * 0.35;
  layout.elements.emplace_back(BoxedCharacter{box_x, box_y, size, eye.check_character});
  const std::string flags = din.content.substr(din.content.size() - 2);
  const bool type3 = flags >= "60" && flags <= "96";
  if (flags != "00" && !type3) {  // Type 1/2: small, turned 90° clockwise (ST-001 §7.4.1)
    TextRun run{box_x + size * 1.7 + size * 0.4, box_y, size * 0.6, Weight::Regular, flags, true};
    run.width = text_width(flags, run.size);  // along its (turned) line
    layout.elements.emplace_back(std::move(run));
  }
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

Status add_bag_header(Layout& layout, const BagHeader& h) {
  Result<Rect> r = add_code128(layout, h.din, 1, 3, 10);
  if (!r) return r.error();
  add_eye_readable_din(layout, h.din, kTextLeft, 14.5, 3.2);
  r = add_code128(layout, h.product, 99, 3, 10, true);
  if (!r) return r.error();
  const double product_text_x = r.value().x + kQuietModules * kModule;
  const double y = add_text(layout, product_text_x, 14, kTextBeneath, h.product.content);
  // The description: two lines under the product code, above the rule at 23 mm.
  Result<double> placed =
      place_text(layout, {product_text_x, y + 1, 99 - product_text_x, 2, 2.4, kMinEyeReadable, Weight::Bold, 22.8},
                 h.description, "product.description", h.label);
  if (!placed) return placed.error();

  add_rule(layout, 23);
  r = add_code128(layout, h.dated, 1, 26, 8);
  if (!r) return r.error();
  DataMatrixSymbol matrix{0, 26, 0.5, 2, h.compound};
  Result<Rect> dm = extent(matrix);
  if (!dm) return dm.error();
  const double dm_left = matrix.x = 99 - dm.value().width;  // flush right
  const double dm_bottom = matrix.y + dm.value().height;
  layout.elements.emplace_back(std::move(matrix));
  placed = place_text(layout, {kTextLeft, 35, dm_left - 1 - kTextLeft, 1, kTextBeneath}, h.caption, h.caption_field,
                      h.label);
  if (!placed) return placed.error();

  r = add_code128(layout, h.coi, 1, 41, 8);
  if (!r) return r.error();
  const double coi_top = 50.3;
  const double coi_right = dm_bottom > coi_top - 1 ? dm_left - 1 : 98.5;
  placed = place_text(layout, {kTextLeft, coi_top, coi_right - kTextLeft, 1, 3.0, kMinEyeReadable, Weight::Bold, 55.8},
                      grouped_coi(h.coi), "coi", h.label);
  if (!placed) return placed.error();
  add_rule(layout, 56);
  return Done{};
}

}  // namespace cj::labels
