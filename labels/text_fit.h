// Text that fits: every text a template prints goes into a box the template declares (left,
// top, width, lines, the size it wants and the smallest it may take). It is wrapped at word or
// separator boundaries (space, `/`, `-`, `,`), then shrunk step by step down to the box's
// minimum, and refused with an error naming the field when it still does not fit. Text is never
// cut, never runs over the box, and a list (notes) is never shortened.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "labels/layout.h"
#include "labels/result.h"

namespace cj::labels {

// The smallest cap height for text a person reads and relies on (ST-001 §7.3 eye-readable
// text; our safety floor for every data field).
inline constexpr double kMinEyeReadable = 1.8;

struct TextBox {
  double x = 0, y = 0;  // left edge, and the top of the first line's capitals
  double width = 0;     // mm every line stays within
  int max_lines = 1;    // for a list: the lines of all its items together
  double size = 2.0;    // cap height wanted, mm
  double min_size = kMinEyeReadable;
  Weight weight = Weight::Regular;
  double bottom = 0;  // the lowest mm the last line's descenders may reach; 0: no limit
};

// A line's ink beyond its cap box, from the font's ascent and descent: accents rise above the
// capitals, descenders hang below the baseline. Lines are `line_pitch` apart so that no two
// lines of a box can touch, whatever their letters.
double line_ascent(double size);   // above the top of the capitals
double line_descent(double size);  // below the baseline
double line_pitch(double size);    // top of one line to the top of the next
// The top of a line of cap height `next` set under a line of cap height `above` whose baseline
// is `baseline`, `gap` mm between the two lines' ink.
double below(double baseline, double above, double next, double gap = 0.5);

struct FittedText {
  std::vector<TextRun> runs;  // one per line, item after item; width = the box's width
  double size = 0;            // the cap height chosen
  double baseline = 0;        // of the last line
};

// The lines of `items` (each starts a new line) at the largest size from box.size down to
// box.min_size (0.1 mm steps) where every line fits the width, the lines fit max_lines and the
// last one's descenders stay above box.bottom. nullopt when nothing fits, e.g. a word without
// a break wider than the box at the minimum size.
std::optional<FittedText> fit_text(const TextBox& box, const std::vector<std::string>& items);

// Fits and adds one text; returns the baseline of its last line. An empty text adds nothing
// and returns box.y. Error (field = `field`): "storage_position does not fit on
// final-product-storage: 41 characters, at most 30 (1 line of 96.5 mm at 3.0 mm)".
Result<double> place_text(Layout& layout, const TextBox& box, std::string_view text, std::string_view field,
                          std::string_view label);
// The same for a caption and a field's value printed as one text ("Shipper " + shipper_id):
// the refusal counts the value's characters only. An empty value adds nothing.
Result<double> place_text(Layout& layout, const TextBox& box, std::string_view caption, std::string_view value,
                          std::string_view field, std::string_view label);
// The same for a list (notes): all or nothing, "notes do not fit ...: 7 notes, at most 5 (...)".
Result<double> place_list(Layout& layout, const TextBox& box, const std::vector<std::string>& items,
                          std::string_view field, std::string_view label);

// Characters (UTF-8 code points) of text.
std::size_t character_count(std::string_view text);

}  // namespace cj::labels
