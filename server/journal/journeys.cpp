#include "server/journal/journeys.h"

#include <array>
#include <algorithm>
#include <regex>

#include <pqxx/pqxx>

#include "isbt128/coi.h"
#include "server/db/statement.h"
#include "server/journal/facts.h"
#include "server/journal/sql_params.h"

namespace cj::journal {

using storage::Status;

namespace {

constexpr int kLastSequence = 999999;

constexpr db::Statement kCreateFacts{
    "journal_journeys_create_facts",
    "SELECT (SELECT fin FROM sites WHERE id = $1), (SELECT site_id FROM patients WHERE id = $2),"
    " EXISTS (SELECT 1 FROM users WHERE id = $3),"
    " (extract(year FROM now() AT TIME ZONE 'UTC')::integer % 100)"};
// The upsert locks the (site, year) row until commit: concurrent creations queue here.
constexpr db::Statement kNextSequence{
    "journal_journeys_next_sequence",
    "INSERT INTO coi_sequences AS s (site_id, year, next) VALUES ($1, $2, 2)"
    " ON CONFLICT (site_id, year) DO UPDATE SET next = s.next + 1 RETURNING s.next - 1"};
constexpr db::Statement kInsertJourney{"journal_journeys_insert_journey",
                                       "INSERT INTO journeys (coi, product, site_id, patient_id, created_by, physician)"
                                       " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr db::Statement kJourneyExists{"journal_journeys_journey_exists", "SELECT 1 FROM journeys WHERE id = $1"};
constexpr db::Statement kParentJourney{"journal_journeys_parent_journey", "SELECT journey_id FROM units WHERE id = $1"};
constexpr db::Statement kDinOwner{
    "journal_journeys_din_owner",
    "SELECT j.coi FROM units u JOIN journeys j ON j.id = u.journey_id WHERE u.din = $1 AND u.journey_id <> $2"
    " LIMIT 1"};
constexpr db::Statement kInsertUnit{
    "journal_journeys_insert_unit",
    "INSERT INTO units (journey_id, kind, din, product_code, division, external_id, parent_unit_id, expires_at,"
    " dose, colour) VALUES ($1, $2, $3, $4, $5, $6, $7::bigint, $8::timestamptz, $9::integer, $10)"
    " ON CONFLICT DO NOTHING RETURNING id"};

std::string six_digits(int n) {
  std::string text = std::to_string(n);
  return std::string(6 - std::min<std::size_t>(6, text.size()), '0') + text;
}

}  // namespace

storage::Result<CreatedJourney> create_journey(pqxx::transaction_base& tx, std::int64_t site_id,
                                               std::int64_t patient_id, const std::string& product,
                                               std::int64_t created_by, const std::optional<std::string>& physician) {
  static const std::regex kProduct("[a-z0-9][a-z0-9_-]{0,63}");
  if (!std::regex_match(product, kProduct)) {
    return Status::invalid_argument("'" + product + "' is not a product definition name (e.g. \"kymriah\")");
  }
  const auto facts = db::exec1(tx, kCreateFacts, site_id, patient_id, created_by);
  if (facts[0].is_null()) return Status::not_found("no site with id " + std::to_string(site_id));
  if (facts[1].is_null()) return Status::not_found("no patient with id " + std::to_string(patient_id));
  if (facts[1].as<std::int64_t>() != site_id) {
    return Status::invalid_argument("patient " + std::to_string(patient_id) + " is not a patient of site " +
                                    std::to_string(site_id));
  }
  if (!facts[2].as<bool>()) return Status::not_found("no user with id " + std::to_string(created_by));
  const std::string fin = facts[0].as<std::string>();
  const int year = facts[3].as<int>();

  const int sequence = db::exec1(tx, kNextSequence, site_id, year)[0].as<int>();
  if (sequence > kLastSequence) {
    return Status::failed_precondition("site " + fin + " has issued all " + std::to_string(kLastSequence) +
                                       " Chain of Identity numbers of this year");
  }
  auto coi = isbt128::make_coi(fin, year, six_digits(sequence));
  if (!coi.ok()) return Status::internal("cannot build a COI for FIN " + fin + ": " + coi.error().message);

  const auto id = db::exec1(tx, kInsertJourney, coi.value().content, product, site_id, patient_id, created_by,
                            physician ? physician->c_str() : nullptr)[0]
                      .as<std::int64_t>();
  chain_new_facts(tx, id);  // its creation, with the patient's identifiers
  return CreatedJourney{id, coi.value().content};
}

storage::Result<std::int64_t> register_unit(pqxx::transaction_base& tx, const NewUnit& unit) {
  static constexpr std::array<std::string_view, 7> kKinds{"apheresis_bag", "bag",  "cassette", "shipper",
                                                          "carton",        "vial", "rfic"};
  if (std::find(kKinds.begin(), kKinds.end(), unit.kind) == kKinds.end()) {
    return Status::invalid_argument("'" + unit.kind +
                                    "' is not a unit kind (apheresis_bag, bag, cassette, shipper, "
                                    "carton, vial, rfic)");
  }
  if (!unit.din && !unit.external_id) return Status::invalid_argument("a unit needs a DIN or an external id");
  static const std::regex kDin("[A-Z0-9]{13}");
  static const std::regex kProductCode("[A-Z0-9]{8}");
  if (unit.din && !std::regex_match(*unit.din, kDin)) {
    return Status::invalid_argument("DIN '" + *unit.din + "' is not 13 capital letters or digits");
  }
  if (unit.product_code && (!unit.din || !std::regex_match(*unit.product_code, kProductCode))) {
    return Status::invalid_argument("product code '" + *unit.product_code +
                                    "' needs a DIN and 8 capital letters or digits");
  }
  if (unit.dose && *unit.dose < 1) return Status::invalid_argument("a dose number starts at 1");
  if (db::exec(tx, kJourneyExists, unit.journey_id).empty()) {
    return Status::not_found("no journey with id " + std::to_string(unit.journey_id));
  }
  if (unit.parent_unit_id) {
    const auto parent = db::exec(tx, kParentJourney, *unit.parent_unit_id);
    if (parent.empty() || parent[0][0].as<std::int64_t>() != unit.journey_id) {
      return Status::invalid_argument("parent unit " + std::to_string(*unit.parent_unit_id) +
                                      " is not a unit of the same journey");
    }
  }
  if (unit.din) {
    // A DIN names one collection, hence one patient: it never belongs to two journeys, whatever
    // the product code (the unique index covers the same DIN + product code + division).
    const auto owner = db::exec(tx, kDinOwner, *unit.din, unit.journey_id);
    if (!owner.empty()) {
      return Status::already_exists("DIN " + *unit.din + " belongs to journey " + owner[0][0].as<std::string>());
    }
  }
  const auto parent = detail::number_text(unit.parent_unit_id);
  const std::optional<std::string> expires =
      unit.expires_at ? std::optional<std::string>(workflows::format_time(*unit.expires_at)) : std::nullopt;
  const auto dose = detail::number_text(unit.dose ? std::optional<std::int64_t>(*unit.dose) : std::nullopt);
  const auto rows =
      db::exec(tx, kInsertUnit, unit.journey_id, unit.kind, detail::text_or_null(unit.din),
               detail::text_or_null(unit.product_code), detail::text_or_null(unit.division),
               detail::text_or_null(unit.external_id), detail::text_or_null(parent), detail::text_or_null(expires),
               detail::text_or_null(dose), detail::text_or_null(unit.colour));
  if (rows.empty()) return Status::already_exists("that unit is already registered");
  chain_new_facts(tx, unit.journey_id);
  return rows[0][0].as<std::int64_t>();
}

}  // namespace cj::journal
