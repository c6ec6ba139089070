// A column of texts set one under the other, each fitted into the column's width and kept above
// its bottom (text_fit.h): the lower parts of the bag, storage and shipper labels, where what
// comes later moves up or down with the lines the earlier texts need. Templates add a column's
// texts in one braced list of Status (evaluated left to right) and return its first refusal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "labels/layout.h"
#include "labels/result.h"
#include "labels/text_fit.h"

namespace cj::labels {

struct Line {
  double size = 2.6;  // cap height wanted
  Weight weight = Weight::Regular;
  int max_lines = 2;
  double gap = 0.5;  // mm between this text's ink and the ink above
  double min_size = kMinEyeReadable;
  double bottom = 0;  // lowest mm this text's ink may reach, to keep room for what follows; 0: the column's
};

class Column {
 public:
  // `top`: the top of the first text's capitals; `bottom`: the lowest mm any ink may reach.
  Column(Layout& layout, std::string_view label, double x, double top, double width, double bottom);

  // Adds `text` under what is there; an empty text adds nothing. Errors name `field`.
  Status add(std::string_view text, std::string_view field, const Line& line);
  // Adds caption + value (nothing when the value is empty); a refusal counts the value only.
  Status add(std::string_view caption, std::string_view value, std::string_view field, const Line& line);
  // Adds every item, each on a new line (notes), all at one size; all or nothing.
  Status add_list(const std::vector<std::string>& items, std::string_view field, const Line& line);

  double baseline() const { return baseline_; }  // of the last line added (top before any)

 private:
  TextBox box(const Line& line) const;
  void advance(double baseline, const Line& line);

  Layout& layout_;
  std::string_view label_;
  double x_, width_, bottom_;
  double baseline_;
  double last_size_ = 0;  // 0: nothing added yet
};

}  // namespace cj::labels
