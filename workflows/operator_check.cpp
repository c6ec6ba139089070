// Who did it: roles (refusal), distinct witnesses (refusal when the same person is named twice,
// deviation when too few), product training (deviation).
#include <algorithm>

#include "workflows/checks.h"

namespace cj::workflows {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

void check_operators(const CheckInput& input, Decision& decision) {
  const StepRule& step = input.step;
  const std::vector<std::string>& operators = input.event.operators;
  if (operators.empty()) {
    refuse(decision, Code::RoleMissing, step.id + " names no operator", "core/roles");
    return;
  }
  for (const std::string& id : operators) {
    const Operator* person = input.context.find_operator(id);
    if (person == nullptr) {
      refuse(decision, Code::RoleMissing, "operator '" + id + "' is not known here", "core/roles");
      continue;
    }
    const bool allowed = std::any_of(step.roles.begin(), step.roles.end(),
                                     [&](const std::string& role) { return person->has_role(role); });
    if (!allowed) {
      refuse(decision, Code::RoleMissing,
             "operator '" + id + "' may not do " + step.id + " (needs one of: " + join(step.roles) + ")", "core/roles");
    }
    if (!step.qualification.empty() && !person->qualified(step.qualification, input.event.occurred_at)) {
      deviate(decision, Code::TrainingMissing,
              "operator '" + id + "' has no current '" + step.qualification + "' training for " + step.id,
              input.definition.product + "/training");
    }
  }
  if (step.witnesses >= 2) {
    std::vector<std::string> distinct = operators;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < operators.size()) {
      refuse(decision, Code::WitnessNotDistinct,
             step.id + " needs " + std::to_string(step.witnesses) + " different people; the same person is named twice",
             "core/witnesses");
    } else if (static_cast<int>(distinct.size()) < step.witnesses) {
      deviate(decision, Code::MissingWitness,
              step.id + " needs " + std::to_string(step.witnesses) + " witnesses; " + std::to_string(distinct.size()) +
                  " recorded",
              "core/witnesses");
    }
  }
}

}  // namespace cj::workflows
