#include "server/journal/sql_params.h"

#include <stdexcept>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace cj::journal::detail {

std::string json_array_text(const std::vector<std::string>& values) {
  boost::json::array array;
  for (const auto& v : values) array.emplace_back(v);
  return boost::json::serialize(array);
}

std::vector<std::string> strings_from_json_array(std::string_view json) {
  boost::json::error_code ec;
  const boost::json::value value = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec);
  if (ec || !value.is_array()) throw std::runtime_error("expected a JSON array of text, got: " + std::string(json));
  std::vector<std::string> out;
  for (const auto& element : value.get_array()) {
    if (!element.is_string()) throw std::runtime_error("expected a JSON array of text, got: " + std::string(json));
    out.emplace_back(element.get_string());
  }
  return out;
}

}  // namespace cj::journal::detail
