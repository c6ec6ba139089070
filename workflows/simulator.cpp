#include "workflows/simulator.h"

#include <boost/json/parse.hpp>

#include "workflows/deadlines.h"
#include "workflows/engine.h"
#include "workflows/json_io.h"
#include "workflows/time_points.h"

namespace cj::workflows {

Result<SimulationOutput> simulate(const Definition& definition, const SiteConfig& site, const Context& context,
                                  std::string_view events_jsonl, std::optional<TimePoint> now) {
  SimulationOutput output;
  History history;
  Context now_context = context;  // plus the deviations raised so far and not closed
  Problems problems;
  std::optional<TimePoint> last_time;
  std::int64_t event_id = 0;
  int line_number = 0;
  std::size_t start = 0;
  while (start < events_jsonl.size()) {
    std::size_t end = events_jsonl.find('\n', start);
    if (end == std::string_view::npos) end = events_jsonl.size();
    const std::string_view line = events_jsonl.substr(start, end - start);
    start = end + 1;
    ++line_number;
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    boost::system::error_code error;
    const boost::json::value json = boost::json::parse(line, error);
    if (error) {
      problems.push_back({"events", line_number, "not JSON: " + error.message()});
      continue;
    }
    if (json.is_object() && json.get_object().contains("scenario")) continue;  // a scenario's header
    if (const auto* closes = json.is_object() ? json.get_object().if_contains("qa_closes") : nullptr) {
      if (!closes->is_string()) {
        problems.push_back({"events", line_number, "\"qa_closes\" must be a deviation code"});
        continue;
      }
      std::erase_if(now_context.deviations, [&](const OpenDeviation& d) { return d.code == closes->get_string(); });
      continue;
    }
    auto event = event_from_json(json);
    if (!event.ok()) {
      for (const Problem& problem : event.error()) problems.push_back({"events", line_number, problem.message});
      continue;
    }
    TimePoint evaluated_at = event.value().occurred_at;
    if (const auto* recorded = json.as_object().if_contains("recorded_at"); recorded && recorded->is_string()) {
      evaluated_at = parse_time(recorded->get_string()).value_or(evaluated_at);
    }
    Decision decision = evaluate(definition, site, history, event.value(), now_context, evaluated_at);
    decision.event_id = ++event_id;
    if (decision.accepted) {
      history.push_back(record(definition, event.value(), decision, event_id));
      for (const Finding& raised : decision.deviations) {
        now_context.deviations.push_back(
            {event_id, std::string(code_name(raised.code)), decision.units, event.value().step});
      }
    }
    output.decisions.push_back(to_json(decision));
    last_time = event.value().occurred_at;
  }
  if (!problems.empty()) return problems;
  const TimePoint swept_at = now.value_or(last_time.value_or(TimePoint{}));
  output.deadlines["deadlines"] = to_json(sweep_deadlines(definition, history, now_context, swept_at));
  output.deadlines["time_points"] = to_json(derive_time_points(definition, history));
  return output;
}

}  // namespace cj::workflows
