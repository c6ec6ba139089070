#include "labels/column.h"

namespace cj::labels {

Column::Column(Layout& layout, std::string_view label, double x, double top, double width, double bottom)
    : layout_(layout), label_(label), x_(x), width_(width), bottom_(bottom), baseline_(top) {}

TextBox Column::box(const Line& line) const {
  // Spaced for the size wanted above and here: shrinking only makes the gap larger.
  const double y = last_size_ == 0 ? baseline_ : below(baseline_, last_size_, line.size, line.gap);
  const double bottom = line.bottom > 0 && line.bottom < bottom_ ? line.bottom : bottom_;
  return TextBox{x_, y, width_, line.max_lines, line.size, line.min_size, line.weight, bottom};
}

void Column::advance(double baseline, const Line& line) {
  baseline_ = baseline;
  last_size_ = line.size;
}

Status Column::add(std::string_view text, std::string_view field, const Line& line) {
  return add("", text, field, line);
}

Status Column::add(std::string_view caption, std::string_view value, std::string_view field, const Line& line) {
  if (value.empty()) return Done{};
  Result<double> placed = place_text(layout_, box(line), caption, value, field, label_);
  if (!placed) return placed.error();
  advance(placed.value(), line);
  return Done{};
}

Status Column::add_list(const std::vector<std::string>& items, std::string_view field, const Line& line) {
  if (items.empty()) return Done{};
  Result<double> placed = place_list(layout_, box(line), items, field, label_);
  if (!placed) return placed.error();
  advance(placed.value(), line);
  return Done{};
}

}  // namespace cj::labels
