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

// Adds a fixed text (no data in it, so nothing to fit: the DIN's groups, flags, the footer) as
// wide as it is; returns its baseline (y + size). Data goes through place_text (text_fit.h).
double add_text(Layout& layout, double x, double y, double size, std::string text, Weight weight = Weight::Regular);

// "COI CH A9999 26 00001A": the COI in groups (prefix, FIN, year, sequence) that two people can
// read aloud to each other and compare, group by group.
std::string grouped_coi(const isbt128::Structure& coi);

// What the bag says about its use, by the product code's collection type (ST-001 Table 7):
// "FOR AUTOLOGOUS USE ONLY" for '1', the table's meaning in capitals for the other types
// ("AUTOLOGOUS ONLY, BIOHAZARD" for 'X'), nothing for '0' (not specified).
std::string use_statement(char collection_type);

// The DIN as printed: "A9999 26 123456" at `size`, K in a box after it, Type 1/2 flags (not 00,
// not Type 3) small and turned 90° clockwise after the box. Returns the bottom of the box.
double add_eye_readable_din(Layout& layout, const isbt128::Structure& din, double x, double y, double size);

// Width of `text` in mm at `size` cap height (DejaVu Sans metrics, as the cairo renderers draw).
double text_width(std::string_view text, double size, Weight weight = Weight::Regular);

// A horizontal rule across the label at y.
void add_rule(Layout& layout, double y);

// The upper part of a 100 x 100 mm product bag label, down to a rule at 56 mm (ST-001 §7.3
// positions for DIN and product code):
//   DIN, eye-readable with K boxed        | product code, its text and `description` (2 lines)
//   `dated` (a date-time) with `caption`   | DataMatrix of `compound`
//   COI, grouped and bold
// `label` and `caption_field` name the label and the data field in a refusal.
// Errors: a structure no Code 128 or DataMatrix can hold; a description or caption that does
// not fit (text_fit.h).
struct BagHeader {
  std::string_view label;  // "apheresis-bag"
  const isbt128::Structure& din;
  const isbt128::Structure& product;
  const std::string& description;
  const isbt128::Structure& dated;
  const std::string& caption;
  std::string_view caption_field;  // "collected"
  const std::string& compound;
  const isbt128::Structure& coi;
};
Status add_bag_header(Layout& layout, const BagHeader& header);

// The bottom of a label's content: the template footer (template.cpp) sits below it.
double content_bottom(const Layout& layout);

}  // namespace cj::labels
