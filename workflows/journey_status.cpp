#include "workflows/journey_status.h"

namespace cj::workflows {

void Stage::advance(const JourneyModel& model, const Event& accepted) {
  const int reached = model.stage_of(accepted.step);
  if (reached <= index) return;  // not a core step, or not further
  index = reached;
  step = accepted.step;
  since = accepted.occurred_at;
}

std::string_view status_name(JourneyStatus status) {
  switch (status) {
    case JourneyStatus::Active:
      return "active";
    case JourneyStatus::OnHold:
      return "on_hold";
    case JourneyStatus::Completed:
      return "completed";
    case JourneyStatus::Returned:
      return "returned";
    case JourneyStatus::Disposed:
      return "disposed";
  }
  return "active";
}

JourneyStatus journey_status(const JourneyModel& model, const JourneyStanding& standing, const Stage& stage,
                             bool nothing_open) {
  const Custody& custody = standing.custody;
  bool all_disposed = !standing.bags.empty(), all_out = !standing.bags.empty();
  for (const BagStatus& bag : standing.bags) {
    all_disposed = all_disposed && bag.state == "disposed";
    all_out = all_out && (bag.state == "disposed" || bag.state == "returned");
  }
  if (custody.journey_disposed || all_disposed) return JourneyStatus::Disposed;
  if (custody.journey_returned || all_out) return JourneyStatus::Returned;
  if (stage.index == model.stage_count() && nothing_open) return JourneyStatus::Completed;
  if (custody.journey_hold) return JourneyStatus::OnHold;
  return JourneyStatus::Active;
}

}  // namespace cj::workflows
