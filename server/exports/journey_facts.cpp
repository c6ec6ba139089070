#include "server/exports/journey_facts.h"

#include <algorithm>
#include <set>

namespace cj::exports {

std::vector<FactEvent> counted_events(std::vector<FactEvent> events) {
  std::set<std::int64_t> corrected;
  for (const FactEvent& e : events) {
    if (e.corrects_event_id != 0) corrected.insert(e.corrects_event_id);
  }
  std::erase_if(events, [&](const FactEvent& e) {
    return e.corrects_event_id != 0 || e.recorded.event.step == "correction" || corrected.contains(e.recorded.event_id);
  });
  return events;
}

workflows::History history_of(const JourneyFacts& facts) {
  workflows::History history;
  history.reserve(facts.events.size());
  for (const FactEvent& e : facts.events) history.push_back(e.recorded);
  return history;
}

}  // namespace cj::exports
