// A correction names the event it corrects: an accepted event of this journey that no accepted
// correction has corrected yet (a correction of a corrected record would leave two versions in
// force; correct the newest correction instead).
#include "workflows/checks.h"

namespace cj::workflows {

void check_correction(const CheckInput& input, Decision& decision) {
  if (input.step.id != "correction") return;
  const auto* named = input.event.data.if_contains("corrects_event_id");
  if (named == nullptr || !named->is_int64()) return;  // the data check speaks (FIELD_MISSING)
  const std::int64_t target = named->get_int64();
  const RecordedEvent* corrected = nullptr;
  const RecordedEvent* earlier_correction = nullptr;
  for (const RecordedEvent* event : input.journey.in_order()) {
    if (event->event_id == target) corrected = event;
    if (event->event.step != "correction") continue;
    const auto* other = event->event.data.if_contains("corrects_event_id");
    if (other != nullptr && other->is_int64() && other->get_int64() == target) earlier_correction = event;
  }
  if (corrected == nullptr) {
    refuse(decision, Code::CorrectionInvalid,
           "event " + std::to_string(target) + " is not an accepted event of journey " + input.event.journey +
               "; a correction names an event of its own journey",
           "core/correction");
  } else if (earlier_correction != nullptr) {
    refuse(decision, Code::CorrectionInvalid,
           "event " + std::to_string(target) + " was already corrected by event " +
               std::to_string(earlier_correction->event_id) + "; correct event " +
               std::to_string(earlier_correction->event_id) + " instead",
           "core/correction");
  }
}

}  // namespace cj::workflows
