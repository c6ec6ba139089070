// POST /api/v1/journeys/{coi}/units: registers a physical container to a journey.
//
// Body {"kind", "din"?, "product_code"?, "division"?, "id"?, "expires_at"?, "dose"?, "colour"?}:
// an ISBT 128 labelled unit has a DIN (13 characters, no flags) and usually its product code
// (8 characters); both are checked with the ISBT 128 codec (character sets, lengths). Other
// units (shippers, cassettes) carry "id": the exact text their label scans as. expires_at is an
// RFC 3339 time (workflows::parse_time: fractions dropped, offsets to UTC), or a date meaning the
// end of that day. Caller: coordinator, cell_lab, apheresis or
// admin at the journey's site. 201 with the unit; 409 UNIT_EXISTS when the DIN belongs to
// another journey or the unit is registered already.
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "isbt128/parse.h"
#include "server/audit/admin_log.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/journal/journeys.h"
#include "server/journeys/journey_access.h"
#include "server/journeys/journey_json.h"
#include "server/journeys/journey_routes.h"

namespace cj::journeys {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr auto kRegistrars = {api::Role::kCoordinator, api::Role::kCellLab, api::Role::kApheresis, api::Role::kAdmin};

// Reads text as one ISBT 128 data structure; 400 naming field with the codec's message.
void check_isbt128(const std::string& scanned, std::size_t length, const std::string& text, const char* field) {
  if (text.size() != length) {
    throw Failure::invalid_field(field, std::string("The ") + field + " must have " + std::to_string(length) +
                                            " characters; '" + text + "' has " + std::to_string(text.size()) + ".");
  }
  auto parsed = isbt128::parse(scanned);
  if (!parsed.ok()) {
    throw Failure::invalid_field(field, "'" + text + "' is not a valid ISBT 128 " + field + " (" +
                                            std::string(parsed.error().code_name()) + ": " + parsed.error().message +
                                            ")");
  }
}

std::optional<workflows::TimePoint> expiry(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  if (auto at = workflows::parse_time(*text)) return at;
  if (auto day = workflows::parse_date(*text)) return *day + std::chrono::days{1};
  throw Failure::invalid_field("expires_at", "expires_at must be " + std::string(api::kTimeForms) +
                                                 ", or a date (YYYY-MM-DD: to the end of that day, UTC).");
}

std::optional<int> dose(const json::object& body) {
  const auto* value = body.if_contains("dose");
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_int64() || value->as_int64() < 1 || value->as_int64() > 99) {
    throw Failure::invalid_field("dose", "dose must be a whole number from 1 (split-dose products: 1, 2).");
  }
  return static_cast<int>(value->as_int64());
}

journal::NewUnit unit_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"kind", "din", "product_code", "division", "id", "expires_at", "dose", "colour"});
  journal::NewUnit unit;
  unit.kind = api::required_string(body, "kind", 32);
  unit.din = api::optional_string(body, "din", 13);
  unit.product_code = api::optional_string(body, "product_code", 8);
  unit.division = api::optional_string(body, "division", 8);
  unit.external_id = api::optional_string(body, "id", 200);
  unit.expires_at = expiry(api::optional_string(body, "expires_at", 64));
  unit.dose = dose(body);
  unit.colour = api::optional_string(body, "colour", 32);
  if (unit.din) check_isbt128("=" + *unit.din + "00", 13, *unit.din, "din");
  if (unit.product_code) {
    if (!unit.din) throw Failure::invalid_field("product_code", "A product code needs the unit's DIN.");
    check_isbt128("=<" + *unit.product_code, 8, *unit.product_code, "product_code");
  }
  if (!unit.din && !unit.external_id) throw Failure::invalid_field("din", "A unit needs a DIN or an id.");
  return unit;
}

Response register_unit(Call& call, pqxx::connection_base& db) {
  auto unit = unit_of(call);
  pqxx::work tx(db);
  const auto journey = visible_journey(tx, call.who(), call.params.at(0));
  require_role_at(call.who(), journey.journey.site_id, kRegistrars, "Registering a unit");
  unit.journey_id = journey.journey.id;
  auto id = journal::register_unit(tx, unit);
  if (!id.ok()) {
    const auto code = id.error().code();
    if (code == storage::Status::Code::kAlreadyExists)
      throw Failure::conflict("UNIT_EXISTS", id.error().message() + ".");
    if (code == storage::Status::Code::kInvalidArgument)
      throw Failure::invalid_field("kind", id.error().message() + ".");
    throw std::runtime_error("registering a unit: " + id.error().to_string());
  }
  workflows::Unit shown{unit.kind,
                        unit.din.value_or(""),
                        unit.product_code.value_or(""),
                        unit.external_id.value_or(""),
                        unit.expires_at,
                        unit.dose,
                        unit.colour.value_or("")};
  audit::log_action(tx, call.who().name, "journey.register_unit", journey.journey.coi,
                    json::object{{"unit", shown.key()}, {"kind", unit.kind}});
  tx.commit();
  spdlog::info("journey {}: unit {} registered (id {}) by user {}", journey.journey.coi, shown.key(), *id,
               call.who().id);
  json::object out = unit_json(shown);
  out["unit_id"] = *id;
  out["journey"] = journey.journey.coi;
  return call.json(201, out);
}

}  // namespace

std::vector<api::Route> unit_routes() {
  api::Access registrars;
  registrars.roles = kRegistrars;
  return {{"POST", "/api/v1/journeys/{coi}/units", registrars, &register_unit, [](const Call& c) { unit_of(c); }}};
}

}  // namespace cj::journeys
