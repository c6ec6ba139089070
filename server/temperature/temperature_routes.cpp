#include "server/temperature/temperature_routes.h"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/journeys/journey_access.h"
#include "server/temperature/evidence.h"
#include "server/temperature/evidence_json.h"
#include "server/temperature/chart_zone.h"
#include "server/temperature/temperature_chart.h"
#include "workflows/time_point.h"

namespace cj::temperature {
namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;
using api::Role;

constexpr std::size_t kMaxReadings = 20000;  // two weeks at one reading a minute

// The station (of the journey's site: visible_journey checks) or a user with a writing role.
void require_writer(const Call& call, const journal::LoadedJourney& journey) {
  if (call.who().is_station()) return;
  journeys::require_role_at(call.who(), journey.journey.site_id, {Role::kCellLab, Role::kCoordinator},
                            "Recording temperature readings");
}

std::string text_field(const json::object& body, const char* name, std::size_t max, bool required) {
  const json::value* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) {
    if (required) throw Failure::invalid_field(name, std::string("`") + name + "` is required.");
    return "";
  }
  if (!value->is_string() || value->get_string().empty() || value->get_string().size() > max) {
    throw Failure::invalid_field(
        name, std::string("`") + name + "` must be a text of 1 to " + std::to_string(max) + " characters.");
  }
  const std::string text(value->get_string());
  // A logger serial or a storage position is one line of text: a NUL would truncate it in the
  // database and control characters have no place in it (as for every text field of the API).
  if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    throw Failure::invalid_field(name, std::string("`") + name + "` must not hold NUL or control characters.");
  }
  return text;
}

// shipper / storage_position / unit, from the JSON body or the query.
Placement placement_of(const std::string& shipper, const std::string& position, const std::string& unit) {
  if (!shipper.empty() && !position.empty()) {
    throw Failure::invalid_field("storage_position", "Give a shipper or a storage position, not both.");
  }
  Placement placement;
  placement.kind = position.empty() ? "shipper" : "storage";
  placement.place = position.empty() ? shipper : position;
  placement.unit = unit;
  return placement;
}

json::object record(pqxx::work& tx, const journal::LoadedJourney& journey, const Placement& placement,
                    const std::string& source, const std::vector<hardware::TemperatureReading>& readings) {
  const Recorded done = record_readings(tx, journey, placement, source, readings);
  tx.commit();
  json::array raised;
  for (const std::int64_t id : done.raised) raised.push_back(id);
  json::object out{{"journey", journey.journey.coi},
                   {"recorded", done.count.recorded},
                   {"already_recorded", done.count.already},
                   {"evaluated", done.problem.empty()},
                   {"deviations_raised", std::move(raised)}};
  if (!done.problem.empty()) out["problem"] = done.problem;
  return out;
}

struct Push {
  std::string coi, logger;
  Placement placement;
  std::vector<hardware::TemperatureReading> readings;
};

Push push_of(const Call& call) {
  const json::object& body = call.body_object();
  const std::string coi = text_field(body, "journey", 64, true);
  const std::string logger = text_field(body, "logger", 100, true);
  const Placement placement =
      placement_of(text_field(body, "shipper", 200, false), text_field(body, "storage_position", 200, false),
                   text_field(body, "unit", 200, false));
  const json::value* list = body.if_contains("readings");
  if (list == nullptr || !list->is_array() || list->get_array().empty() || list->get_array().size() > kMaxReadings) {
    throw Failure::invalid_field(
        "readings", "`readings` must be a list of 1 to " + std::to_string(kMaxReadings) + " {\"at\", \"celsius\"}.");
  }
  std::vector<hardware::TemperatureReading> readings;
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const std::string field = "readings[" + std::to_string(i) + "]";
    const json::object* item = list->get_array()[i].if_object();
    const json::value* at = item ? item->if_contains("at") : nullptr;
    const json::value* celsius = item ? item->if_contains("celsius") : nullptr;
    const auto time = at && at->is_string() ? workflows::parse_time(at->get_string()) : std::nullopt;
    if (!time) throw Failure::invalid_field(field + ".at", field + ".at must be " + std::string(api::kTimeForms) + ".");
    if (celsius == nullptr || !celsius->is_number())
      throw Failure::invalid_field(field + ".celsius", field + ".celsius must be a number.");
    const double value = celsius->to_number<double>();
    if (value < -273.15 || value > 1000)
      throw Failure::invalid_field(field + ".celsius", field + ".celsius is not a temperature.");
    readings.push_back({*time, value, logger, static_cast<int>(i)});
  }
  return {coi, logger, placement, std::move(readings)};
}

Response push_readings(Call& call, pqxx::connection_base& db) {
  const auto [coi, logger, placement, readings] = push_of(call);
  pqxx::work tx(db);
  const auto journey = journeys::visible_journey(tx, call.who(), coi);
  require_writer(call, journey);
  json::object out = record(tx, journey, placement, "station", readings);
  out["logger"] = logger;
  return call.json(200, out);
}

struct Import {
  hardware::TemperatureCsvOptions options;
  Placement placement;
};

Import import_of(const Call& call) {
  const std::string type(call.request.header("Content-Type"));
  if (type.rfind("text/csv", 0) != 0) {
    throw Failure(base::ErrorKind::unsupported_media, "UNSUPPORTED_MEDIA_TYPE",
                  "Send the logger's file as Content-Type: text/csv.");
  }
  hardware::TemperatureCsvOptions options;
  options.zone = call.query("zone").value_or("");
  options.logger = call.query("logger").value_or("");
  options.unit = call.query("unit").value_or("");
  if (!options.unit.empty() && options.unit != "C" && options.unit != "F") {
    throw Failure::invalid_field("unit", "`unit` is C or F.");
  }
  const Placement placement =
      placement_of(call.query("shipper").value_or(""), call.query("storage_position").value_or(""),
                   call.query("unit_id").value_or(""));
  return {options, placement};
}

// The file is read after the journey is found (a stranger's file is not parsed); the fuzzer
// reads it here too.
void check_import(const Call& call) {
  (void)hardware::read_temperature_csv(call.request.body, import_of(call).options);
}

Response import_csv(Call& call, pqxx::connection_base& db) {
  const auto [options, placement] = import_of(call);
  pqxx::work tx(db);
  const auto journey = journeys::visible_journey(tx, call.who(), call.params.at(0));
  require_writer(call, journey);
  const hardware::TemperatureCsv csv = hardware::read_temperature_csv(call.request.body, options);
  if (!csv.ok() || csv.readings.empty()) {
    // Evidence is all or nothing: a file with a bad row is refused whole, every row named.
    json::array rows;
    for (const auto& e : csv.errors) rows.push_back(json::object{{"line", e.line}, {"message", e.message}});
    const std::string first = csv.errors.empty()
                                  ? "the file has no readings"
                                  : "line " + std::to_string(csv.errors[0].line) + ": " + csv.errors[0].message;
    return call.json(422, json::object{{"error", json::object{{"code", "CSV_INVALID"},
                                                              {"message", "The file was refused, nothing recorded (" +
                                                                              std::to_string(csv.errors.size()) +
                                                                              " problem(s)); " + first + "."},
                                                              {"field", "body"},
                                                              {"rows", std::move(rows)}}}});
  }
  json::object out = record(tx, journey, placement, "logger_file", csv.readings);
  out["rows"] = csv.readings.size();
  out["unit"] = csv.unit;
  return call.json(200, out);
}

Response show_evidence(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto journey = journeys::visible_journey(tx, call.who(), call.params.at(0));
  return call.json(200, evidence_json(journey.journey.coi, journey_evidence(tx, journey)));
}

int size_query(const Call& call, const char* name, int fallback, int min, int max) {
  const auto text = call.query(name);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
    throw Failure::invalid_field(name, std::string("`") + name + "` is a number of pixels from " + std::to_string(min) +
                                           " to " + std::to_string(max) + ".");
  }
  return value;
}

struct Size {
  int width, height;
};

Size size_of(const Call& call) {
  return {size_query(call, "width", 900, kChartMinWidth, kChartMaxWidth),
          size_query(call, "height", 400, kChartMinHeight, kChartMaxHeight)};
}

Response show_curve(Call& call, pqxx::connection_base& db) {
  const auto [width, height] = size_of(call);
  pqxx::read_transaction tx(db);
  const auto journey = journeys::visible_journey(tx, call.who(), call.params.at(0));
  const JourneyEvidence evidence = journey_evidence(tx, journey);
  std::string png = render_temperature_png(journey.journey.coi, evidence,
                                           site_chart_zone(tx, journey.journey.site_id, evidence), width, height);
  Response res = api::content_response("image/png", std::move(png));
  return res;
}

}  // namespace

std::vector<api::Route> temperature_routes() {
  const api::Access writers{false, {Role::kCellLab, Role::kCoordinator}, true};
  return {
      {"POST", "/api/v1/temperature/readings", writers, push_readings, [](const Call& c) { push_of(c); }},
      {"POST", "/api/v1/journeys/{coi}/temperature", writers, import_csv, &check_import},
      {"GET", "/api/v1/journeys/{coi}/temperature", api::Access{}, show_evidence},
      {"GET", "/api/v1/journeys/{coi}/temperature.png", api::Access{}, show_curve, [](const Call& c) { size_of(c); }},
  };
}

}  // namespace cj::temperature
