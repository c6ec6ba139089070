#include "server/labelling/unit_label_data.h"

#include <charconv>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/db/statement.h"
#include "server/journal/event_record.h"
#include "server/journal/load_journey.h"

namespace cj::labelling {

namespace {

namespace json = boost::json;
using base::Failure;

constexpr db::Statement kUnitsByDin{
    "labelling_units_by_din",
    "SELECT u.id, u.journey_id, j.site_id, j.coi, u.din, coalesce(u.product_code, '') FROM units u"
    " JOIN journeys j ON j.id = u.journey_id WHERE u.din = $1 ORDER BY u.id"};
constexpr db::Statement kPatient{
    "labelling_patient",
    "SELECT p.mrn, p.initials, to_char(p.date_of_birth, 'YYYY-MM-DD'), coalesce(p.wristband, p.mrn)"
    " FROM journeys j JOIN patients p ON p.id = j.patient_id WHERE j.id = $1"};
// Transaction-local: the label's time zone for the to_char() calls below.
constexpr db::Statement kUseLabelZone{
    "labelling_use_label_zone",
    "SELECT set_config('TimeZone', coalesce((SELECT value FROM settings WHERE key = 'labels.time_zone'), 'UTC'), true)"};
constexpr db::Statement kLocalTime{
    "labelling_local_time",
    "SELECT to_char($1::timestamptz, 'YYYY-MM-DD\"T\"HH24:MI'), to_char($1::timestamptz, 'TZ'),"
    " (extract(timezone FROM $1::timestamptz) / 60)::integer"};
// The collecting facility: the site of the station that recorded the collection, else the
// journey's own site (an event entered at a desk has no station).
constexpr db::Statement kStationSiteName{
    "labelling_station_site_name", "SELECT s.name FROM stations st JOIN sites s ON s.id = st.site_id WHERE st.id = $1"};
constexpr db::Statement kSiteName{"labelling_site_name", "SELECT name FROM sites WHERE id = $1"};
constexpr db::Statement kBoardUrl{"labelling_board_url", "SELECT value FROM settings WHERE key = 'labels.board_url'"};

[[noreturn]] void unknown_unit(const std::string& din) {
  throw Failure(base::ErrorKind::not_found, "UNKNOWN_UNIT", "No unit with DIN " + din + " at your sites.", "unit");
}

// The digits of text, or nullopt.
std::optional<int> number(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// An event's unit key ("din", "din/product_code") names this unit.
bool names_unit(const std::string& key, const LabelUnit& unit) {
  const auto slash = key.find('/');
  const std::string din = key.substr(0, slash);
  const std::string code = slash == std::string::npos ? "" : key.substr(slash + 1);
  return din == unit.din && (code.empty() || unit.product_code.empty() || code == unit.product_code);
}

json::object local_time(pqxx::transaction_base& tx, workflows::TimePoint at) {
  const auto row = db::exec1(tx, kLocalTime, journal::record_time(at));
  return {{"local", row[0].as<std::string>()},
          {"zone", row[1].as<std::string>()},
          {"utc_offset_minutes", row[2].as<int>()}};
}

// The last accepted event of step (naming the unit, when unit is given).
const journal::StoredEvent* last_event(const journal::LoadedJourney& journey, const std::string& step,
                                       const LabelUnit* unit) {
  const journal::StoredEvent* found = nullptr;
  for (const auto& stored : journey.events) {
    if (!stored.accepted || stored.event.step != step) continue;
    if (unit) {
      bool named = false;
      for (const auto& key : stored.units) named = named || names_unit(key, *unit);
      if (!named) continue;
    }
    found = &stored;
  }
  return found;
}

std::optional<std::string> text_field(const journal::StoredEvent& stored, const char* name) {
  const auto* value = stored.event.data.if_contains(name);
  if (!value || !value->is_string() || value->as_string().empty()) return std::nullopt;
  return std::string(value->as_string());
}

std::optional<double> number_field(const journal::StoredEvent& stored, const char* name) {
  const auto* value = stored.event.data.if_contains(name);
  if (!value || !value->is_number()) return std::nullopt;
  return value->to_number<double>();
}

// What the bag needs from its collection: volume (core field volume_ml), the anticoagulant
// (a product or site definition's `anticoagulant` field; the core records none) and the
// collecting facility's name.
void add_collection_contents(pqxx::transaction_base& tx, const journal::StoredEvent& collected,
                             std::int64_t journey_site, json::object& data) {
  if (auto volume = number_field(collected, "volume_ml"); volume && *volume > 0) data["volume_ml"] = *volume;
  if (auto anticoagulant = text_field(collected, "anticoagulant")) data["anticoagulant"] = *anticoagulant;
  pqxx::result site;
  if (collected.station_id) site = db::exec(tx, kStationSiteName, *collected.station_id);
  if (site.empty()) site = db::exec(tx, kSiteName, journey_site);
  if (!site.empty()) data["collection_facility"] = site[0][0].as<std::string>();
}

}  // namespace

LabelUnit find_label_unit(pqxx::transaction_base& tx, const api::Principal& who, const std::string& din,
                          const std::optional<std::string>& product_code) {
  if (din.size() != 13) unknown_unit(din);
  std::vector<LabelUnit> found;
  for (const auto& r : db::exec(tx, kUnitsByDin, din)) {
    LabelUnit unit{r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>(),
                   r[3].as<std::string>(),  r[4].as<std::string>(),  r[5].as<std::string>()};
    if (!who.can_see_site(unit.site_id)) unknown_unit(din);  // a DIN belongs to one journey, one site
    if (product_code && unit.product_code != *product_code) continue;
    found.push_back(std::move(unit));
  }
  if (found.empty()) unknown_unit(din);
  if (found.size() > 1) {
    throw Failure(base::ErrorKind::conflict, "AMBIGUOUS_UNIT",
                  "Several units have DIN " + din + "; name the product code (?product_code=... or \"product_code\").",
                  "product_code");
  }
  return found.front();
}

json::object label_data(pqxx::transaction_base& tx, const LabelUnit& unit, const std::string& board) {
  auto loaded = journal::load_journey(tx, unit.journey_id);
  if (!loaded.ok()) throw std::runtime_error("loading journey " + unit.coi + ": " + loaded.error().to_string());
  const journal::LoadedJourney& journey = loaded.value();
  db::exec(tx, kUseLabelZone);

  json::object data;
  const auto din_year = number(std::string_view(unit.din).substr(5, 2));
  const auto din_sequence = number(std::string_view(unit.din).substr(7, 6));
  if (din_year && din_sequence) {
    data["din"] = json::object{{"fin", unit.din.substr(0, 5)}, {"year", *din_year}, {"sequence", *din_sequence}};
  }
  if (unit.product_code.size() == 8) {
    data["product"] = json::object{{"pdc", unit.product_code.substr(0, 5)},
                                   {"collection_type", unit.product_code.substr(5, 1)},
                                   {"division", unit.product_code.substr(6, 2)}};
  }
  // COI: "CH" + FIN (5) + year (2) + sequence (6), as 0003 checks it.
  if (const auto coi_year = number(std::string_view(unit.coi).substr(7, 2)); coi_year && unit.coi.size() == 15) {
    data["coi"] =
        json::object{{"fin", unit.coi.substr(2, 5)}, {"year", *coi_year}, {"sequence", unit.coi.substr(9, 6)}};
  }
  const auto patient = db::exec1(tx, kPatient, unit.journey_id);
  json::object person{{"mrn", patient[0].as<std::string>()},
                      {"initials", patient[1].as<std::string>()},
                      {"id_location", "00"},
                      {"id", patient[3].as<std::string>()}};
  if (!patient[2].is_null()) person["date_of_birth"] = patient[2].as<std::string>();
  data["patient"] = std::move(person);

  if (const auto* collected = last_event(journey, "apheresis.collect", &unit)) {
    data["collected"] = local_time(tx, collected->event.occurred_at);
    add_collection_contents(tx, *collected, unit.site_id, data);
  }
  if (const auto* shipped = last_event(journey, "apheresis.ship", &unit)) {
    data["shipped"] = local_time(tx, shipped->event.occurred_at);
    if (auto shipper = text_field(*shipped, "shipper_id")) data["shipper_id"] = *shipper;
  }
  if (const auto* received = last_event(journey, "product.receive", nullptr)) {
    data["received"] = local_time(tx, received->event.occurred_at);
  }
  if (const auto* stored = last_event(journey, "product.store", &unit)) {
    if (auto location = text_field(*stored, "location")) data["storage_position"] = *location;
  }
  for (const auto& registered : journey.identity.units) {
    if (registered.din == unit.din && registered.product_code == unit.product_code && registered.expires_at) {
      data["expires"] = local_time(tx, *registered.expires_at);
    }
  }
  const auto configured = db::exec(tx, kBoardUrl);
  std::string base = configured.empty() ? board : configured[0][0].as<std::string>();
  while (!base.empty() && base.back() == '/') base.pop_back();
  data["link"] = base + "/journeys/" + unit.coi;
  return data;
}

}  // namespace cj::labelling
