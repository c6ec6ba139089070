#include "labels/cairo_render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <cmath>
#include <memory>
#include <numbers>
#include <type_traits>

#include "labels/symbols.h"

namespace cj::labels {
namespace {

constexpr double kMmPerInch = 25.4;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws layout elements on a cairo context whose unit is one device unit (pixel or point).
class Painter {
 public:
  Painter(cairo_t* cr, double units_per_mm, bool snap) : cr_(cr), scale_(units_per_mm), snap_(snap) {}

  Status draw(const Layout& layout) {
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_paint(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (const Element& element : layout.elements) {
      Status status = std::visit([this](const auto& e) { return draw(e); }, element);
      if (!status) return status;
    }
    return Done{};
  }

 private:
  double at(double mm) const { return snap_ ? std::round(mm * scale_) : mm * scale_; }
  double module(double mm) const { return snap_ ? std::max(1.0, std::round(mm * scale_)) : mm * scale_; }

  void set_font(double cap_height_mm, Weight weight) {
    cairo_select_font_face(cr_, kFontFamily, CAIRO_FONT_SLANT_NORMAL,
                           weight == Weight::Bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, cap_height_mm / kCapHeightPerEm * scale_);
  }

  Status draw(const TextRun& run) {
    set_font(run.size, run.weight);
    cairo_save(cr_);
    if (run.turned) {
      cairo_translate(cr_, run.x * scale_, run.y * scale_);
      cairo_rotate(cr_, std::numbers::pi / 2);  // clockwise: y grows downwards
      cairo_move_to(cr_, 0, 0);
    } else {
      cairo_move_to(cr_, run.x * scale_, (run.y + run.size) * scale_);
    }
    cairo_show_text(cr_, run.text.c_str());
    cairo_restore(cr_);
    return Done{};
  }

  Status draw(const BoxedCharacter& boxed) {
    const double side = boxed.size * 1.7;
    cairo_set_line_width(cr_, std::max(1.0, 0.25 * scale_));
    cairo_rectangle(cr_, boxed.x * scale_, boxed.y * scale_, side * scale_, side * scale_);
    cairo_stroke(cr_);
    set_font(boxed.size, Weight::Bold);
    const char text[2] = {boxed.character, '\0'};
    cairo_text_extents_t extents;
    cairo_text_extents(cr_, text, &extents);
    const double cx = (boxed.x + side / 2) * scale_, cy = (boxed.y + side / 2) * scale_;
    cairo_move_to(cr_, cx - extents.x_bearing - extents.width / 2, cy - extents.y_bearing - extents.height / 2);
    cairo_show_text(cr_, text);
    return Done{};
  }

  Status draw(const Box& box) {
    cairo_rectangle(cr_, at(box.rect.x), at(box.rect.y), at(box.rect.width), at(box.rect.height));
    if (box.line > 0) {
      cairo_set_line_width(cr_, std::max(1.0, box.line * scale_));
      cairo_stroke(cr_);
    } else {
      cairo_fill(cr_);
    }
    return Done{};
  }

  // Dark modules as filled rectangles, one per horizontal run of a row, `row_h` high.
  void fill_modules(const ModuleGrid& grid, double left, double top, double module_w, double row_h) {
    for (int y = 0; y < grid.height; ++y) {
      for (int x = 0; x < grid.width;) {
        if (!grid.at(x, y)) {
          ++x;
          continue;
        }
        int end = x;
        while (end < grid.width && grid.at(end, y)) ++end;
        cairo_rectangle(cr_, left + x * module_w, top + y * row_h, (end - x) * module_w, row_h);
        x = end;
      }
    }
    cairo_fill(cr_);
  }

  Status draw(const Code128Symbol& symbol) {
    Result<ModuleGrid> grid = code128_modules(symbol.data);
    if (!grid) return grid.error();
    const double m = module(symbol.module);
    fill_modules(grid.value(), at(symbol.x) + symbol.quiet_modules * m, at(symbol.y), m, at(symbol.height));
    return Done{};
  }

  template <class Matrix>
  Status draw_matrix(const Result<ModuleGrid>& grid, const Matrix& symbol) {
    if (!grid) return grid.error();
    const double m = module(symbol.module);
    fill_modules(grid.value(), at(symbol.x) + symbol.quiet_modules * m, at(symbol.y) + symbol.quiet_modules * m, m, m);
    return Done{};
  }
  Status draw(const DataMatrixSymbol& symbol) { return draw_matrix(datamatrix_modules(symbol.data), symbol); }
  Status draw(const QrSymbol& symbol) { return draw_matrix(qr_modules(symbol.data), symbol); }

  cairo_t* cr_;
  double scale_;
  bool snap_;
};

Status paint(cairo_surface_t* surface, const Layout& layout, double units_per_mm, bool snap) {
  cairo_t* cr = cairo_create(surface);
  if (snap) cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);  // bars on whole pixels stay sharp
  Status status = Painter(cr, units_per_mm, snap).draw(layout);
  // Text keeps its antialiasing: only shapes were switched off above.
  cairo_status_t cs = cairo_status(cr);
  cairo_destroy(cr);
  if (!status) return status;
  if (cs != CAIRO_STATUS_SUCCESS) return Error{std::string("cairo: ") + cairo_status_to_string(cs), ""};
  return Done{};
}

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

Result<std::string> render_vector(const Layout& layout, bool pdf) {
  std::string out;
  const double points_per_mm = 72.0 / kMmPerInch;
  const double w = layout.width * points_per_mm, h = layout.height * points_per_mm;
  {
    SurfacePtr surface(pdf ? cairo_pdf_surface_create_for_stream(append_to_string, &out, w, h)
                           : cairo_svg_surface_create_for_stream(append_to_string, &out, w, h),
                       &cairo_surface_destroy);
    if (!pdf) cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
    Status status = paint(surface.get(), layout, points_per_mm, false);
    if (!status) return status.error();
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
      return Error{std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get())), ""};
  }
  return out;
}

}  // namespace

int module_pixels(double module_mm, int dpi) {
  return std::max(1, static_cast<int>(std::lround(module_mm * dpi / kMmPerInch)));
}

Result<std::string> render_png(const Layout& layout, int dpi) {
  const double px_per_mm = dpi / kMmPerInch;
  SurfacePtr surface(
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(layout.width * px_per_mm)),
                                 static_cast<int>(std::lround(layout.height * px_per_mm))),
      &cairo_surface_destroy);
  Status status = paint(surface.get(), layout, px_per_mm, true);
  if (!status) return status.error();
  std::string out;
  if (cairo_surface_write_to_png_stream(surface.get(), append_to_string, &out) != CAIRO_STATUS_SUCCESS)
    return Error{"cairo: cannot write the PNG", ""};
  return out;
}

Result<std::string> render_pdf(const Layout& layout) { return render_vector(layout, true); }
Result<std::string> render_svg(const Layout& layout) { return render_vector(layout, false); }

Result<PixelRect> png_extent(const Element& element, int dpi) {
  const double px_per_mm = dpi / kMmPerInch;
  auto origin = [&](double mm) { return static_cast<int>(std::lround(mm * px_per_mm)); };
  return std::visit(
      [&](const auto& e) -> Result<PixelRect> {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, Code128Symbol>) {
          Result<ModuleGrid> grid = code128_modules(e.data);
          if (!grid) return grid.error();
          const int m = module_pixels(e.module, dpi);
          return PixelRect{origin(e.x), origin(e.y), (grid.value().width + 2 * e.quiet_modules) * m, origin(e.height)};
        } else if constexpr (std::is_same_v<T, DataMatrixSymbol> || std::is_same_v<T, QrSymbol>) {
          Result<ModuleGrid> grid = std::is_same_v<T, QrSymbol> ? qr_modules(e.data) : datamatrix_modules(e.data);
          if (!grid) return grid.error();
          const int m = module_pixels(e.module, dpi);
          return PixelRect{origin(e.x), origin(e.y), (grid.value().width + 2 * e.quiet_modules) * m,
                           (grid.value().height + 2 * e.quiet_modules) * m};
        } else {
          return Error{"not a symbol", ""};
        }
      },
      element);
}

}  // namespace cj::labels
