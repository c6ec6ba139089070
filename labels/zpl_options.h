// How ZPL's ^BC asks the printer for a Code 128 symbol (ZPL II Programming Guide, Zebra
// 45541L-004 Rev. A, ^BC parameter m):
//   automatic  m = A, the default: the field data is the structure's text; "the printer
//              determines when to shift subsets", "four or more numeric digits" go to subset C,
//              which is what ZXing's writer chooses for the raster, so the printer's symbol is as
//              wide as the layout reserved. "The full ASCII character set can be used in the ^FD
//              statement": '>' is data, not an invocation character.
//   explicit   m = N with the raster's own codewords as start code, subset switches and
//              invocation codes (labels/zpl_code128.h), for printers whose firmware lacks mode A.
#pragma once

#include <optional>
#include <string_view>

namespace cj::labels {

enum class ZplCode128Mode { Automatic, Explicit };

struct ZplOptions {
  ZplCode128Mode code128 = ZplCode128Mode::Automatic;
};

// "automatic", "explicit"; nullopt for anything else.
inline std::optional<ZplCode128Mode> zpl_code128_from_name(std::string_view name) {
  if (name == "automatic") return ZplCode128Mode::Automatic;
  if (name == "explicit") return ZplCode128Mode::Explicit;
  return std::nullopt;
}

}  // namespace cj::labels
