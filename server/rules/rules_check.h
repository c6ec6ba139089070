// Checking a site's rules text before it is stored: does it parse, and which of the embedded
// product definitions load with it (a product loads only when the site gives every site-set
// value it needs). Pure: no database, no files.
//
//   auto check = rules::check_site_rules(yaml, "site-rules/city-hospital");
//   if (!check.parsed()) ... check.problems ...;          // "site-rules/x:3: a value without source"
//   for (auto& p : check.products) if (!p.usable()) ... p.problems ...;
//
// Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace cj::rules {

struct ProductCheck {
  std::string product;                // "kymriah"
  std::string title;                  // "Kymriah (tisagenlecleucel)"; empty when it does not load
  std::vector<std::string> problems;  // the loader's messages ("file:line: ..."); empty: usable
  bool usable() const { return problems.empty(); }
};

struct RulesCheck {
  std::vector<std::string> problems;   // the site file's own problems (with lines); empty: parsed
  std::vector<ProductCheck> products;  // every embedded product, by name; empty when not parsed
  bool parsed() const { return problems.empty(); }
  std::vector<std::string> usable() const;
  const ProductCheck* find(std::string_view product) const;
};

/// Parses yaml as a site configuration named source_name (for messages) and loads every
/// embedded product with it.
RulesCheck check_site_rules(std::string_view yaml, std::string_view source_name);

/// {"usable": [...], "unusable": {"yescarta": ["...", ...], ...}, "titles": {"kymriah": "Kymriah
/// (tisagenlecleucel)", ...} (the usable ones'), and "problems" when not parsed}.
boost::json::object to_json(const RulesCheck& check);

}  // namespace cj::rules
