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
  return std::any_of(qualifications.begin(), qualifications.end(), [&](const Qualification& held) {
    return held.name == qualification && held.valid_at(at);
  });
}

std::string Unit::key() const {
  if (din.empty()) return id;
  return product_code.empty() ? din : din + "/" + product_code;
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
