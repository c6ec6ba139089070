// Helpers for the ISBT 128 tests: read one structure, read an error, compare fields.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "isbt128/parse.h"

namespace cj::isbt128::testing {

// The only structure in `text`; fails the test when parse fails or finds several.
inline Structure parse_one(std::string_view text) {
  ParseResult result = parse(text);
  if (!result.ok()) {
    ADD_FAILURE() << "parse(\"" << text << "\") failed: " << result.error().code_name() << " "
                  << result.error().message;
    return {};
  }
  if (result.value().size() != 1) {
    ADD_FAILURE() << "parse(\"" << text << "\") gave " << result.value().size() << " structures";
    return {};
  }
  return result.value().front();
}

// The error of parse(text); fails the test when parse succeeds.
inline Error parse_error(std::string_view text) {
  ParseResult result = parse(text);
  if (result.ok()) {
    ADD_FAILURE() << "parse(\"" << text << "\") succeeded";
    return {};
  }
  return result.error();
}

// "name=value" for every field, in order: one string to compare in a test.
inline std::string describe_fields(const Structure& structure) {
  std::string out;
  for (const Field& field : structure.fields) {
    if (!out.empty()) out += "; ";
    out += field.name;
    out += '=';
    if (const auto* text = std::get_if<std::string>(&field.value)) out += *text;
    if (const auto* number = std::get_if<std::int64_t>(&field.value)) {
      out += '#';
      out += std::to_string(*number);
    }
    if (const auto* flag = std::get_if<bool>(&field.value)) out += *flag ? "true" : "false";
  }
  return out;
}

}  // namespace cj::isbt128::testing
