#include "labels/render.h"

#include "labels/cairo_render.h"
#include "labels/zpl_render.h"

namespace cj::labels {

namespace {
constexpr struct {
  Format format;
  std::string_view name;
} kFormats[] = {{Format::Png, "png"}, {Format::Pdf, "pdf"}, {Format::Svg, "svg"}, {Format::Zpl, "zpl"}};
}  // namespace

std::optional<Format> format_from_name(std::string_view name) {
  for (const auto& f : kFormats)
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::string_view format_name(Format format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.name;
  return "";
}

Result<std::string> render(const Layout& layout, Format format, int dpi, ZplOptions zpl) {
  if (dpi < 72 || dpi > 1200) return Error{"dpi must be between 72 and 1200", "dpi"};
  switch (format) {
    case Format::Png:
      return render_png(layout, dpi);
    case Format::Pdf:
      return render_pdf(layout);
    case Format::Svg:
      return render_svg(layout);
    case Format::Zpl:
      return render_zpl(layout, dpi, zpl);
  }
  return Error{"unknown format", "format"};
}

}  // namespace cj::labels
