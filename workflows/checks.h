// The engine's checks, one family per file, each adding findings to a decision. Internal to
// the workflows library; evaluate() (engine.h) runs them in order.
#pragma once

#include <string>
#include <vector>

#include "workflows/context.h"
#include "workflows/decision.h"
#include "workflows/definition.h"
#include "workflows/event.h"
#include "workflows/journey_index.h"
#include "workflows/site_config.h"

namespace cj::workflows {

struct CheckInput {
  const Definition& definition;
  const SiteConfig& site;
  const JourneyIndex& journey;
  const Event& event;
  const Context& context;
  const StepRule& step;
  std::size_t step_index;
  TimePoint now;
};

// The registered units among `units` that the step is about: those of its first identity kind
// (all of them when the step names no kind).
std::vector<std::string> primary_units(const CheckInput& input, const std::vector<std::string>& units);

// Adds a finding: a refusal or a deviation as `breach` says, with the code's severity.
void add_finding(Decision& decision, Code code, Breach breach, std::string message, std::string rule);
void refuse(Decision& decision, Code code, std::string message, std::string rule);
void deviate(Decision& decision, Code code, std::string message, std::string rule);

// Scans: COI, units, wristband, required kinds and structures, expiry. Fills decision.units.
void check_identity(const CheckInput& input, Decision& decision);
// Operators: roles, witnesses, product training.
void check_operators(const CheckInput& input, Decision& decision);
// Journey state: closed, OOS release, predecessors, repeats, time in the future.
void check_journey_state(const CheckInput& input, Decision& decision);
// Hard stops about the step's bags: disposed, returned, on hold, blocking deviation, wrong bag,
// bedside check, dose order.
void check_bag_state(const CheckInput& input, Decision& decision);
// A correction names an accepted, not yet corrected event of this journey.
void check_correction(const CheckInput& input, Decision& decision);
// Time windows relative to named earlier events.
void check_windows(const CheckInput& input, Decision& decision);
// Data fields (presence, type, range), temperatures, storage position.
void check_data(const CheckInput& input, Decision& decision);
// Checklist answers.
void check_checklist(const CheckInput& input, Decision& decision);

}  // namespace cj::workflows
