#include "workflows/context.h"

#include <algorithm>

namespace cj::workflows {

bool Qualification::valid_at(TimePoint time) const {
  if (valid_from && time < *valid_from) return false;
  if (valid_until && time >= *valid_until) return false;
  return true;
}

bool Operator::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Operator::qualified(std::string_view qualification, TimePoint at) const {
  return std::any_of(qualifications.begin(), qualifications.end(),
                     [&](const Qualification& held) { return held.name == qualification && held.valid_at(at); });
}

std::string Unit::key() const {
  if (din.empty()) return id;
  return product_code.empty() ? din : din + "/" + product_code;
}

bool OpenDeviation::concerns(std::string_view key, const Context& context) const {
  if (std::find(units.begin(), units.end(), key) != units.end()) return true;
  // Raised on other units only: it concerns this one when none of them is a product unit of
  // its own (an apheresis bag's deviation is not the final product's).
  return std::none_of(units.begin(), units.end(), [&](const std::string& other) {
    const Unit* unit = context.find_unit(other);
    return unit == nullptr || unit->kind == "apheresis_bag" || unit->kind == "bag" || unit->kind == "vial" ||
           unit->kind == "cassette";
  });
}

const Operator* Context::find_operator(std::string_view id) const {
  const auto found = operators.find(id);
  return found == operators.end() ? nullptr : &found->second;
}

const Unit* Context::find_unit(std::string_view key) const {
  for (const Unit& unit : journey.units) {
    if (unit.key() == key) return &unit;
  }
  return nullptr;
}

}  // namespace cj::workflows
