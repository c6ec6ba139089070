// Hard stops at the points of no return, about the bags the step is for (its first identity
// kind): disposed or returned, on hold, a blocking deviation open, the wrong bag of the right
// patient, no bedside check before the infusion, a dose before the previous one. All refusals:
// the event is not kept, the refusal is recorded.
#include <algorithm>
#include <set>

#include "workflows/checks.h"

namespace cj::workflows {
namespace {

bool recorded_for(const CheckInput& input, const std::string& step, const std::string& unit) {
  const std::size_t index = input.definition.step_index(step);
  if (index == input.definition.steps.size()) return false;
  return input.journey.first(index, [&](const RecordedEvent& e) { return has_unit(e.units, unit); }) != nullptr;
}

void check_custody(const CheckInput& input, const std::vector<std::string>& scanned, Decision& decision) {
  // Corrections stay possible on every record; a disposed journey refuses as a whole.
  if (input.step.id == "correction" || input.journey.closed()) return;
  const Custody& custody = input.journey.custody();
  for (const std::string& unit : scanned) {
    if (custody.is_disposed(unit)) {
      refuse(decision, Code::UnitDisposed, "DO NOT USE: unit " + unit + " was disposed of", "core/custody");
    } else if (custody.is_returned(unit) && !input.step.readmits) {
      refuse(decision, Code::UnitReturned,
             "DO NOT USE: unit " + unit + " was returned to the manufacturer and no new receipt is recorded",
             "core/custody");
    }
  }
}

void check_hold(const CheckInput& input, const std::vector<std::string>& units, Decision& decision) {
  if (!input.step.refused_on_hold) return;
  const Custody& custody = input.journey.custody();
  const auto on_hold = [&](const Hold& hold, const std::string& what) {
    refuse(decision, Code::OnHold,
           "ON HOLD: " + what + " is on hold since " + format_time(hold.since) + " (" + hold.reason +
               "); record the release of the hold first",
           "core/hold");
  };
  if (custody.journey_hold) {
    on_hold(*custody.journey_hold, "the journey");
    return;
  }
  for (const std::string& unit : units) {
    if (const Hold* hold = custody.hold_of(unit)) on_hold(*hold, "bag " + unit);
  }
}

void check_blocking(const CheckInput& input, const std::vector<std::string>& units, Decision& decision) {
  if (!input.step.checks_blocking) return;
  const auto& blocking = input.definition.blocking_deviations;
  std::set<std::int64_t> reported;
  for (const std::string& unit : units) {
    for (const OpenDeviation& deviation : input.context.deviations) {
      if (std::find(blocking.begin(), blocking.end(), deviation.code) == blocking.end()) continue;
      if (!deviation.concerns(unit, input.context) || !reported.insert(deviation.id).second) continue;
      refuse(decision, Code::BlockingDeviation,
             "DO NOT THAW: deviation " + std::to_string(deviation.id) + " (" + deviation.code + ") is open on bag " +
                 unit + "; QA must close it with a signed decision first",
             "core/blocking-deviation");
    }
  }
}

void check_wrong_bag(const CheckInput& input, const std::vector<std::string>& units, Decision& decision) {
  const StepRule& step = input.step;
  for (const std::string& unit : units) {
    if (!step.unit_needs.empty() && !recorded_for(input, step.unit_needs, unit)) {
      refuse(decision, Code::WrongBag,
             "WRONG BAG: bag " + unit + " has no " + step.unit_needs + " recorded; " + step.id +
                 " needs the bag that was (" + step.unit_needs + ")",
             "core/wrong-bag");
    } else if (!step.unit_spent_by.empty() && recorded_for(input, step.unit_spent_by, unit)) {
      refuse(decision, Code::WrongBag,
             "WRONG BAG: bag " + unit + " already has " + step.unit_spent_by + " recorded; scan the bag just thawed",
             "core/wrong-bag");
    }
  }
}

void check_bedside(const CheckInput& input, const std::vector<std::string>& units, Decision& decision) {
  const StepRule& step = input.step;
  if (step.bedside_check.empty()) return;
  const std::size_t check = input.definition.step_index(step.bedside_check);
  if (check == input.definition.steps.size()) return;
  const Duration window = input.site.safety.bedside_check_window;
  const TimePoint at = input.event.occurred_at;
  for (const std::string& unit : units) {
    const RecordedEvent* proof = input.journey.latest(check, [&](const RecordedEvent& e) {
      const std::set<std::string> people(e.event.operators.begin(), e.event.operators.end());
      return has_unit(e.units, unit) && people.size() >= 2 && e.event.occurred_at <= at &&
             at - e.event.occurred_at <= window;
    });
    if (proof == nullptr) {
      refuse(decision, Code::BedsideCheckMissing,
             "STOP: no " + step.bedside_check + " of bag " + unit + " by two different people in the " +
                 format_duration(window) + " before " + step.id + "; do the two-person bedside check first",
             "core/bedside-check");
    }
  }
}

void check_dose_order(const CheckInput& input, const std::vector<std::string>& units, Decision& decision) {
  const StepRule& step = input.step;
  if (step.dose_order.empty()) return;
  const Custody& custody = input.journey.custody();
  for (const std::string& key : units) {
    const Unit* unit = input.context.find_unit(key);
    if (unit == nullptr || !unit->dose || *unit->dose <= 1) continue;
    for (const Unit& earlier : input.context.journey.units) {
      if (earlier.kind != unit->kind || earlier.dose != *unit->dose - 1) continue;
      const std::string earlier_key = earlier.key();
      if (custody.is_out(earlier_key) || recorded_for(input, step.dose_order, earlier_key)) continue;
      refuse(decision, Code::DoseOrder,
             "DOSE ORDER: bag " + key + " is dose " + std::to_string(*unit->dose) + ", and bag " + earlier_key +
                 " of dose " + std::to_string(*earlier.dose) + " has no " + step.dose_order + " recorded yet",
             "core/dose-order");
    }
  }
}

}  // namespace

void check_bag_state(const CheckInput& input, Decision& decision) {
  const std::vector<std::string> scanned = decision.units;  // resolved by check_identity
  check_custody(input, scanned, decision);
  const std::vector<std::string> units = primary_units(input, scanned);
  check_hold(input, units, decision);
  check_blocking(input, units, decision);
  check_wrong_bag(input, units, decision);
  check_bedside(input, units, decision);
  check_dose_order(input, units, decision);
}

}  // namespace cj::workflows
