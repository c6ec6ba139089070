// Templates: versioned label designs. A template turns LabelData into a Label: the layout to
// render and the ISBT 128 structures its symbols carry (what a scanner must read back).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "isbt128/structure.h"
#include "labels/label_data.h"
#include "labels/layout.h"
#include "labels/result.h"

namespace cj::labels {

struct Label {
  std::string template_name;
  int template_version = 0;
  Layout layout;
  // One per Code 128 symbol, in layout order; the DataMatrix carries them as a compound message.
  std::vector<isbt128::Structure> structures;
  std::string compound;  // the DataMatrix text ("=+04000..."); empty when the label has none
  std::string link;      // the QR text; empty when the label has none
};

struct Template {
  std::string_view name;  // "apheresis-bag"
  int version = 0;        // printed on the label; a changed design is a new version
  std::string_view title;
  std::string_view stock;  // label stock, e.g. "100 x 100 mm"
  Result<Label> (*build)(const LabelData& data);
};

// Every template, in a stable order.
std::span<const Template> templates();
// The template called `name`, or nullptr.
const Template* find_template(std::string_view name);

// Parses `json` and builds the label. Errors: unknown template, bad data (Error::field).
Result<Label> build_label(std::string_view template_name, std::string_view json);

}  // namespace cj::labels
