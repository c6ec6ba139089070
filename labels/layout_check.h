// The layout check: every element on the label, no two elements overlapping. Text counts with
// its ink (accents and descenders included), symbols with their quiet zones, boxes with their
// lines. Templates' tests run it on every label they build; a failed fit never reaches it
// because the template refuses the label first.
#pragma once

#include <string>
#include <vector>

#include "labels/layout.h"
#include "labels/result.h"

namespace cj::labels {

// The area an element covers, in mm. Errors: a symbol that cannot hold its data.
Result<Rect> covered_area(const Element& element);

// "text 'LN2-3/R2/B5'", "Code 128 '=A99992612345689'", "box at 2.0,23.0": for messages.
std::string describe_element(const Element& element);

// One sentence per problem (outside the label, two elements overlapping, a text wider than
// its run's width); empty when the layout is sound.
std::vector<std::string> check_layout(const Layout& layout);

}  // namespace cj::labels
