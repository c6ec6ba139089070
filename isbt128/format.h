// format(): the text of structures, exactly as a scanner reads it; the inverse of parse().
#pragma once

#include <span>
#include <string>

#include "isbt128/structure.h"

namespace cj::isbt128 {

// The data identifier and content: "=A99992612345600", "=<S1194A00". For a structure s from
// parse() or a make_* function, parse(format(s)) gives s back (a 003 with division 99 needs its
// 032 in the same text). REQUIRES s came from parse() or a make_* function.
std::string format(const Structure& structure);

// The structures one after the other, no separators: the text of a compound message (its
// header first) or of concatenated linear symbols.
std::string format(std::span<const Structure> structures);

// format(structure).size(), without building it.
std::size_t text_length(const Structure& structure);

// Appends format(structure) to `out`.
void append_format(std::string& out, const Structure& structure);

}  // namespace cj::isbt128
