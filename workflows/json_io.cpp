#include "workflows/json_io.h"

#include "workflows/guidance.h"
#include "workflows/text.h"

#include <boost/json/value_from.hpp>

namespace cj::workflows {
namespace {

namespace json = boost::json;

struct JsonReader {
  std::string source;
  Problems problems;

  void problem(std::string message) { problems.push_back({source, 0, std::move(message)}); }

  std::string text(const json::object& object, std::string_view key, bool required) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) {
      if (required) problem(cat({"missing \"", key, "\""}));
      return {};
    }
    if (!value->is_string()) {
      problem(cat({"\"", key, "\" must be text"}));
      return {};
    }
    return std::string(value->get_string());
  }

  std::vector<std::string> texts(const json::object& object, std::string_view key) {
    std::vector<std::string> items;
    const json::value* value = object.if_contains(key);
    if (value == nullptr) return items;
    const json::array* array = value->if_array();
    if (array == nullptr) {
      problem(cat({"\"", key, "\" must be a list of text"}));
      return items;
    }
    for (const json::value& item : *array) {
      if (item.is_string()) {
        items.emplace_back(item.get_string());
      } else {
        problem(cat({"\"", key, "\" must be a list of text"}));
      }
    }
    return items;
  }

  std::optional<TimePoint> time(const json::object& object, std::string_view key, bool required, bool date_is_end) {
    const std::string value = text(object, key, required);
    if (value.empty()) return std::nullopt;
    if (const auto at = parse_time(value)) return at;
    if (const auto day = parse_date(value)) return date_is_end ? *day + std::chrono::days{1} : *day;
    problem(
        cat({"\"", key,
             "\" must be a time like 2026-11-20T10:00:00Z or 2026-11-20T11:00:00.123+01:00 (RFC 3339) or a date, not '",
             value, "'"}));
    return std::nullopt;
  }
};

json::value optional_time(const std::optional<TimePoint>& time) {
  return time ? json::value(format_time(*time)) : json::value(nullptr);
}

json::value optional_seconds(const std::optional<Duration>& duration) {
  return duration ? json::value(duration->count()) : json::value(nullptr);
}

Unit unit_from_json(JsonReader& reader, const json::object& object) {
  Unit unit;
  unit.kind = reader.text(object, "kind", true);
  unit.din = reader.text(object, "din", false);
  unit.product_code = reader.text(object, "product_code", false);
  unit.id = reader.text(object, "id", false);
  unit.colour = reader.text(object, "colour", false);
  unit.expires_at = reader.time(object, "expires_at", false, true);
  if (const auto* dose = object.if_contains("dose"); dose && dose->is_int64())
    unit.dose = static_cast<int>(dose->get_int64());
  if (unit.din.empty() == unit.id.empty()) reader.problem("a unit needs exactly one of \"din\" and \"id\"");
  if (!unit.din.empty() && unit.din.size() != 13)
    reader.problem(cat({"unit din '", unit.din, "' must be the 13 characters of the DIN"}));
  return unit;
}

}  // namespace

Result<Event> event_from_json(const json::value& value) {
  JsonReader reader{"event", {}};
  const json::object* object = value.if_object();
  if (object == nullptr) return Problem{"event", 0, "an event must be a JSON object"};
  Event event;
  event.journey = reader.text(*object, "journey", true);
  event.step = reader.text(*object, "step", true);
  event.occurred_at = reader.time(*object, "occurred_at", true, false).value_or(TimePoint{});
  event.station = reader.text(*object, "station", false);
  event.operators = reader.texts(*object, "operators");
  event.scans = reader.texts(*object, "scans");
  event.idempotency_key = reader.text(*object, "idempotency_key", false);
  if (const json::value* data = object->if_contains("data")) {
    if (data->is_object()) {
      event.data = data->get_object();
    } else if (!data->is_null()) {
      reader.problem("\"data\" must be an object");
    }
  }
  if (!reader.problems.empty()) return reader.problems;
  return event;
}

json::object to_json(const Event& event) {
  json::object object;
  object["journey"] = event.journey;
  object["step"] = event.step;
  object["occurred_at"] = format_time(event.occurred_at);
  object["station"] = event.station;
  object["operators"] = json::value_from(event.operators);
  object["scans"] = json::value_from(event.scans);
  object["data"] = event.data;
  object["idempotency_key"] = event.idempotency_key;
  return object;
}

Result<Context> context_from_json(const json::value& value) {
  JsonReader reader{"context", {}};
  const json::object* object = value.if_object();
  const json::value* journey_value = object ? object->if_contains("journey") : nullptr;
  const json::object* journey = journey_value ? journey_value->if_object() : nullptr;
  if (journey == nullptr) return Problem{"context", 0, "a context must be an object with a \"journey\" object"};
  Context context;
  context.journey.coi = reader.text(*journey, "coi", true);
  if (journey->contains("coi") && context.journey.coi.empty()) reader.problem("\"coi\" must not be empty");
  context.journey.wristband = reader.text(*journey, "wristband", false);
  if (const json::value* units = journey->if_contains("units")) {
    if (!units->is_array()) reader.problem("\"units\" must be a list");
    for (const json::value& unit : units->is_array() ? units->get_array() : json::array{}) {
      if (unit.is_object()) {
        context.journey.units.push_back(unit_from_json(reader, unit.get_object()));
      } else {
        reader.problem("each unit must be an object");
      }
    }
  }
  if (const json::value* operators = object->if_contains("operators"); operators && operators->is_object()) {
    for (const auto& [id, entry] : operators->get_object()) {
      const json::object* person = entry.if_object();
      if (person == nullptr) {
        reader.problem(cat({"operator '", id, "' must be an object"}));
        continue;
      }
      Operator& op = context.operators[std::string(id)];
      op.roles = reader.texts(*person, "roles");
      if (const json::value* held = person->if_contains("qualifications"); held && held->is_array()) {
        for (const json::value& item : held->get_array()) {
          if (!item.is_object()) continue;
          const json::object& q = item.get_object();
          op.qualifications.push_back({reader.text(q, "name", true), reader.time(q, "valid_from", false, false),
                                       reader.time(q, "valid_until", false, true)});
        }
      }
    }
  }
  if (const json::value* deviations = object->if_contains("deviations"); deviations && deviations->is_array()) {
    for (const json::value& item : deviations->get_array()) {
      if (!item.is_object()) continue;
      const json::object& d = item.get_object();
      OpenDeviation deviation;
      if (const auto* id = d.if_contains("id"); id && id->is_int64()) deviation.id = id->get_int64();
      deviation.code = reader.text(d, "code", true);
      deviation.units = reader.texts(d, "units");
      deviation.step = reader.text(d, "step", false);
      context.deviations.push_back(std::move(deviation));
    }
  }
  if (!reader.problems.empty()) return reader.problems;
  return context;
}

json::object to_json(const Finding& finding) {
  return {{"code", code_name(finding.code)},
          {"severity", severity_name(finding.severity)},
          {"message", finding.message},
          {"rule", finding.rule},
          {"what_to_do", what_to_do(finding.code)}};
}

json::object to_json(const Decision& decision) {
  json::object object;
  object["decision"] = decision.accepted ? "accepted" : "refused";
  object["event_id"] = decision.event_id ? json::value(*decision.event_id) : json::value(nullptr);
  json::array& refusals = object["refusals"].emplace_array();
  for (const Finding& finding : decision.refusals) refusals.push_back(to_json(finding));
  json::array& deviations = object["deviations"].emplace_array();
  for (const Finding& finding : decision.deviations) deviations.push_back(to_json(finding));
  json::array& next = object["next"].emplace_array();
  for (const Expectation& expected : decision.next) {
    json::object item{{"step", expected.step}};
    if (expected.due_by) item["due_by"] = format_time(*expected.due_by);
    next.push_back(std::move(item));
  }
  return object;
}

json::object to_json(const DeadlineReport& report) {
  json::object object;
  object["now"] = format_time(report.now);
  json::array& open = object["open"].emplace_array();
  for (const Obligation& obligation : report.open) {
    json::object item{{"step", obligation.step}};
    if (!obligation.unit.empty()) item["unit"] = obligation.unit;
    item["due_by"] = optional_time(obligation.due_by);
    if (!obligation.rule.empty()) item["rule"] = obligation.rule;
    open.push_back(std::move(item));
  }
  json::array& overdue = object["overdue"].emplace_array();
  for (const Finding& finding : report.overdue) overdue.push_back(to_json(finding));
  json::array& clocks = object["clocks"].emplace_array();
  for (const Clock& clock : report.clocks) clocks.push_back(to_json(clock));
  return object;
}

json::object to_json(const Clock& clock) {
  json::object item{{"step", clock.step}};
  item["unit"] = clock.unit.empty() ? json::value(nullptr) : json::value(clock.unit);
  item["rule"] = clock.rule;
  item["from"] = clock.from;
  item["anchor_missing"] = clock.anchor_missing;
  item["missing_step"] = clock.missing_step.empty() ? json::value(nullptr) : json::value(clock.missing_step);
  item["started_at"] = format_time(clock.started);
  item["due_by"] = format_time(clock.due_by);
  return item;
}

json::object to_json(const Hold& hold) {
  return {{"reason", hold.reason}, {"since", format_time(hold.since)}, {"event_id", hold.event_id}};
}

json::object to_json(const BagStatus& bag) {
  json::object item{{"unit", bag.unit}, {"kind", bag.kind}};
  item["dose"] = bag.dose ? json::value(*bag.dose) : json::value(nullptr);
  item["colour"] = bag.colour.empty() ? json::value(nullptr) : json::value(bag.colour);
  item["state"] = bag.state;
  item["hold"] = bag.hold ? json::value(to_json(*bag.hold)) : json::value(nullptr);
  return item;
}

json::object to_json(const TimePoints& points) {
  json::object object;
  object["vein_to_vein_s"] = optional_seconds(points.vein_to_vein);
  object["decision_to_infusion_s"] = optional_seconds(points.decision_to_infusion);
  object["ld_end_to_infusion_s"] = optional_seconds(points.ld_end_to_infusion);
  object["apheresis_to_release_s"] = optional_seconds(points.apheresis_to_release);
  object["manufacturing_turnaround_s"] = optional_seconds(points.manufacturing_turnaround);
  object["apheresis_age_at_manufacturing_start_s"] = optional_seconds(points.apheresis_age_at_manufacturing_start);
  json::array& thaw = object["thaw_to_infusion_end"].emplace_array();
  for (const UnitInterval& interval : points.thaw_to_infusion_end) {
    thaw.push_back(json::object{{"unit", interval.unit}, {"seconds", interval.duration.count()}});
  }
  return object;
}

}  // namespace cj::workflows
