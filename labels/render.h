// Rendering a Layout to the bytes of a file: PNG at a chosen dpi, PDF and SVG (cairo, vector
// bars with exact module widths), ZPL II for Zebra printers. One layout, four agreeing outputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "labels/layout.h"
#include "labels/result.h"
#include "labels/zpl_options.h"

namespace cj::labels {

enum class Format { Png, Pdf, Svg, Zpl };

// "png", "pdf", "svg", "zpl"; nullopt for anything else.
std::optional<Format> format_from_name(std::string_view name);
std::string_view format_name(Format format);

inline constexpr int kDefaultDpi = 300;

// The file's bytes. `dpi` sets the PNG resolution and the ZPL dot grid (203, 300 or 600 for
// Zebra heads); PDF and SVG are resolution-free; `zpl` applies to ZPL only. Errors: a symbol
// that cannot hold its data, a dpi outside 72-1200, a cairo failure.
Result<std::string> render(const Layout& layout, Format format, int dpi = kDefaultDpi, ZplOptions zpl = {});

}  // namespace cj::labels
