#include "labels/text_fit.h"

#include <cairo.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "labels/compose.h"

namespace cj::labels {
namespace {

// The font's ascent and descent per em (DejaVu Sans, as cairo reads it), measured once.
struct FontExtents {
  double ascent = 0, descent = 0;
};

FontExtents font_extents() {
  static const FontExtents extents = [] {
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1), &cairo_surface_destroy);
    cairo_t* cr = cairo_create(surface.get());
    cairo_select_font_face(cr, kFontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 100);
    cairo_font_extents_t fe;
    cairo_font_extents(cr, &fe);
    cairo_destroy(cr);
    return FontExtents{fe.ascent / 100, fe.descent / 100};
  }();
  return extents;
}

constexpr double kItemGap = 0.25;  // extra space between the items of a list, in cap heights
constexpr double kEpsilon = 1e-9;

bool is_break_after(char c) { return c == '/' || c == '-' || c == ','; }

// A piece of text between break opportunities, with the spaces before it.
struct Piece {
  std::string spaces;
  std::string text;
};

std::vector<Piece> pieces_of(std::string_view text) {
  std::vector<Piece> pieces;
  Piece current;
  for (char c : text) {
    if (c == ' ') {
      if (!current.text.empty()) {
        pieces.push_back(std::move(current));
        current = {};
      }
      current.spaces += ' ';
      continue;
    }
    current.text += c;
    if (is_break_after(c)) {
      pieces.push_back(std::move(current));
      current = {};
    }
  }
  if (!current.text.empty()) pieces.push_back(std::move(current));
  return pieces;
}

// Greedy wrapping at `size`: the lines, or nullopt when a piece alone is wider than `width`.
std::optional<std::vector<std::string>> wrap(std::string_view text, double size, Weight weight, double width) {
  std::vector<std::string> lines;
  std::string line;
  for (const Piece& piece : pieces_of(text)) {
    std::string candidate = line;
    if (!candidate.empty()) candidate += piece.spaces;
    candidate += piece.text;
    if (text_width(candidate, size, weight) <= width + kEpsilon) {
      line = std::move(candidate);
      continue;
    }
    if (line.empty() || text_width(piece.text, size, weight) > width + kEpsilon) return std::nullopt;
    lines.push_back(std::move(line));
    line = piece.text;  // the spaces at a break are not printed
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::optional<FittedText> fit_at(const TextBox& box, const std::vector<std::string>& items, double size) {
  FittedText fitted;
  fitted.size = size;
  double y = box.y;
  int lines = 0;
  bool first = true;
  for (const std::string& item : items) {
    if (item.empty()) continue;
    std::optional<std::vector<std::string>> wrapped = wrap(item, size, box.weight, box.width);
    if (!wrapped) return std::nullopt;
    if (!first) y += kItemGap * size;
    for (std::string& text : *wrapped) {
      if (!first) y += line_pitch(size);
      first = false;
      if (++lines > box.max_lines) return std::nullopt;
      if (box.bottom > 0 && y + size + line_descent(size) > box.bottom + kEpsilon) return std::nullopt;
      TextRun run{box.x, y, size, box.weight, std::move(text)};
      run.width = box.width;
      fitted.runs.push_back(std::move(run));
    }
  }
  fitted.baseline = fitted.runs.empty() ? box.y : fitted.runs.back().y + size;
  return fitted;
}

std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string describe(const TextBox& box) {
  std::string text = "(";
  text += std::to_string(box.max_lines);
  text += box.max_lines == 1 ? " line" : " lines";
  text += " of " + mm(box.width) + " mm at " + mm(box.min_size) + " mm";
  if (box.bottom > 0) text += ", down to " + mm(box.bottom) + " mm";
  return text + ")";
}

// The first `count` code points of text.
std::string_view prefix(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == count) return text.substr(0, i);
  }
  return text;
}

void add_runs(Layout& layout, FittedText&& fitted) {
  for (TextRun& run : fitted.runs) layout.elements.emplace_back(std::move(run));
}

}  // namespace

double line_ascent(double size) { return size * (font_extents().ascent / kCapHeightPerEm - 1); }
double line_descent(double size) { return size * font_extents().descent / kCapHeightPerEm; }
double line_pitch(double size) { return size + line_ascent(size) + line_descent(size); }
double below(double baseline, double above, double next, double gap) {
  return baseline + line_descent(above) + gap + line_ascent(next);
}

std::size_t character_count(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::optional<FittedText> fit_text(const TextBox& box, const std::vector<std::string>& items) {
  // Whole tenths from the size wanted down to the minimum (the minimum itself always tried).
  const int steps = static_cast<int>(std::floor((box.size - box.min_size) * 10 + kEpsilon));
  for (int step = 0; step <= steps; ++step) {
    if (auto fitted = fit_at(box, items, box.size - step * 0.1)) return fitted;
  }
  if (box.min_size < box.size - steps * 0.1 - kEpsilon) return fit_at(box, items, box.min_size);
  return std::nullopt;
}

Result<double> place_text(Layout& layout, const TextBox& box, std::string_view text, std::string_view field,
                          std::string_view label) {
  return place_text(layout, box, "", text, field, label);
}

Result<double> place_text(Layout& layout, const TextBox& box, std::string_view caption, std::string_view value,
                          std::string_view field, std::string_view label) {
  if (value.empty()) return box.y;
  const std::string text = std::string(caption) + std::string(value);
  std::optional<FittedText> fitted = fit_text(box, {text});
  if (fitted) {
    const double baseline = fitted->baseline;
    add_runs(layout, std::move(*fitted));
    return baseline;
  }
  // How much of this value would fit, at the minimum size: the person can shorten it to that.
  const std::size_t total = character_count(value);
  std::size_t most = 0;
  TextBox smallest = box;
  smallest.size = box.min_size;
  for (std::size_t n = total; n-- > 0;) {
    if (fit_text(smallest, {std::string(caption) + std::string(prefix(value, n))})) {
      most = n;
      break;
    }
  }
  return Error{std::string(field) + " does not fit on " + std::string(label) + ": " + std::to_string(total) +
                   " characters, at most " + std::to_string(most) + " " + describe(box),
               std::string(field)};
}

Result<double> place_list(Layout& layout, const TextBox& box, const std::vector<std::string>& items,
                          std::string_view field, std::string_view label) {
  if (items.empty()) return box.y;
  std::optional<FittedText> fitted = fit_text(box, items);
  if (fitted) {
    const double baseline = fitted->baseline;
    add_runs(layout, std::move(*fitted));
    return baseline;
  }
  std::size_t most = 0;
  for (std::size_t n = items.size(); n-- > 0;) {
    if (n == 0 || fit_text(box, std::vector<std::string>(items.begin(), items.begin() + static_cast<long>(n)))) {
      most = n;
      break;
    }
  }
  return Error{std::string(field) + " do not fit on " + std::string(label) + ": " + std::to_string(items.size()) + " " +
                   std::string(field) + ", at most " + std::to_string(most) + " " + describe(box),
               std::string(field)};
}

}  // namespace cj::labels
