#include "workflows/definition.h"

namespace cj::workflows {

const StepRule* Definition::find_step(std::string_view id) const {
  const std::size_t index = step_index(id);
  return index < steps.size() ? &steps[index] : nullptr;
}

std::size_t Definition::step_index(std::string_view id) const {
  const auto found = index_.find(id);
  return found == index_.end() ? steps.size() : found->second;
}

void Definition::index_steps() {
  index_.clear();
  for (std::size_t i = 0; i < steps.size(); ++i) index_.emplace(steps[i].id, i);
}

}  // namespace cj::workflows
