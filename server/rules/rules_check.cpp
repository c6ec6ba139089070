#include "server/rules/rules_check.h"

#include <boost/json/array.hpp>

#include "workflows/product_catalog.h"
#include "workflows/site_config.h"

namespace cj::rules {

namespace json = boost::json;

std::vector<std::string> RulesCheck::usable() const {
  std::vector<std::string> names;
  for (const auto& p : products) {
    if (p.usable()) names.push_back(p.product);
  }
  return names;
}

const ProductCheck* RulesCheck::find(std::string_view product) const {
  for (const auto& p : products) {
    if (p.product == product) return &p;
  }
  return nullptr;
}

RulesCheck check_site_rules(std::string_view yaml, std::string_view source_name) {
  RulesCheck check;
  auto site = workflows::parse_site_config(yaml, source_name);
  if (!site.ok()) {
    for (const auto& problem : site.error()) check.problems.push_back(problem.to_string());
    return check;
  }
  for (const auto& name : workflows::embedded_product_names()) {
    ProductCheck product{name, {}, {}};
    auto definition = workflows::load_embedded_product(name, &site.value());
    if (!definition.ok()) {
      for (const auto& problem : definition.error()) product.problems.push_back(problem.to_string());
    } else {
      product.title = definition.value().name;
    }
    check.products.push_back(std::move(product));
  }
  return check;
}

json::object to_json(const RulesCheck& check) {
  json::object out;
  if (!check.parsed()) {
    json::array problems;
    for (const auto& p : check.problems) problems.emplace_back(p);
    out["problems"] = std::move(problems);
  }
  json::array usable;
  json::object unusable, titles;
  for (const auto& product : check.products) {
    if (product.usable()) {
      usable.emplace_back(product.product);
      titles[product.product] = product.title.empty() ? product.product : product.title;
    } else {
      json::array problems;
      for (const auto& p : product.problems) problems.emplace_back(p);
      unusable[product.product] = std::move(problems);
    }
  }
  out["usable"] = std::move(usable);
  out["unusable"] = std::move(unusable);
  out["titles"] = std::move(titles);
  return out;
}

}  // namespace cj::rules
