#include "server/api/request.h"

#include <algorithm>

#include <boost/url/parse.hpp>

namespace cj::api {

namespace {
bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}
}  // namespace

std::string_view find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const Header& h : headers) {
    if (same_name(h.name, name)) return h.value;
  }
  return {};
}

void set_header(std::vector<Header>& headers, std::string_view name, std::string value) {
  std::erase_if(headers, [name](const Header& h) { return same_name(h.name, name); });
  headers.push_back({std::string(name), std::move(value)});
}

bool Request::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [name](const Header& h) { return same_name(h.name, name); });
}

std::optional<std::string> Request::query(std::string_view name) const {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  auto params = parsed->params();
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return std::string((*it).value);
}

}  // namespace cj::api
