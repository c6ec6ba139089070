// Composition helpers for templates: a Code 128 symbol with its text beneath (ST-001 §7.3: no
// data identifiers, left-justified, <= 2 mm high), the eye-readable DIN with K boxed.
#pragma once

#include <string>

#include "isbt128/structure.h"
#include "labels/layout.h"
#include "labels/result.h"

namespace cj::labels {

inline constexpr double kModule = 0.25;      // Code 128 X, mm (ST-001 §6.1 target)
inline constexpr double kTextBeneath = 2.0;  // text under linear symbols, mm (cap height)
inline constexpr int kQuietModules = 10;     // >= 10X
// Left edge of text under a symbol whose quiet zone starts 1 mm from the label's edge.
inline constexpr double kTextLeft = 1 + kQuietModules * kModule;

// Adds the Code 128 of `structure` with its quiet zone's left edge at x (right edge when
// `align_right`), bars `height` mm high, and returns its extent.
Result<Rect> add_code128(Layout& layout, const isbt128::Structure& structure, double x, double y, double height,
                         bool align_right = false);

// Adds a text line; returns its bottom (y + size).
double add_text(Layout& layout, double x, double y, double size, std::string text, Weight weight = Weight::Regular);

// The DIN as printed: "A9999 26 123456" at `size`, K in a box after it, Type 1/2 flags (not 00,
// not Type 3) small and turned 90° clockwise after the box. Returns the bottom of the box.
double add_eye_readable_din(Layout& layout, const isbt128::Structure& din, double x, double y, double size);

// Width of `text` in mm at `size` cap height (DejaVu Sans metrics, as the cairo renderers draw).
double text_width(std::string_view text, double size, Weight weight = Weight::Regular);

// A horizontal rule across the label at y.
void add_rule(Layout& layout, double y);

// The upper part of a 100 x 100 mm product bag label, down to a rule at 56 mm (ST-001 §7.3
// positions for DIN and product code):
//   DIN, eye-readable with K boxed        | product code, its text and `description`
//   `dated` (a date-time) with `caption`   | DataMatrix of `compound`
//   COI
// Errors: a structure no Code 128 or DataMatrix can hold.
Status add_bag_header(Layout& layout, const isbt128::Structure& din, const isbt128::Structure& product,
                      const std::string& description, const isbt128::Structure& dated, const std::string& caption,
                      const std::string& compound, const isbt128::Structure& coi);

}  // namespace cj::labels
