// POST /api/v1/journeys: a new journey for a patient of a site, with its COI.
//
// The caller must hold coordinator, physician or admin at the site (403 otherwise, the same
// answer for a site that does not exist). The product must be an embedded definition (400) that
// loads with the site's rules (409 RULES_MISSING naming the missing site-set values). The
// patient is found by MRN at the site or created; an MRN already known with other initials or
// another date of birth is refused (409 PATIENT_MISMATCH): a typing mistake here would put one
// patient's cells under another patient's name.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "base/clock.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/board/projection.h"
#include "server/journal/journeys.h"
#include "server/journal/patients.h"
#include "server/feed/feed_notice.h"
#include "server/journeys/journey_access.h"
#include "server/journeys/journey_json.h"
#include "server/journeys/journey_routes.h"
#include "server/journeys/manufacturer_identifiers.h"
#include "server/journal/manufacturer_ids.h"
#include "server/rules/site_rules.h"
#include "workflows/product_catalog.h"

namespace cj::journeys {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr auto kCreators = {api::Role::kCoordinator, api::Role::kPhysician, api::Role::kAdmin};

void check_product(const std::string& product) {
  const auto names = workflows::embedded_product_names();
  if (std::find(names.begin(), names.end(), product) != names.end()) return;
  std::string known;
  for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
  throw Failure::invalid_field("product", "'" + product + "' is not a product; the products are " + known + ".");
}

std::int64_t patient_for(pqxx::transaction_base& tx, const journal::Patient& wanted) {
  auto found = journal::find_patient(tx, wanted.site_id, wanted.mrn);
  if (found.ok()) {
    const bool same_dob = !wanted.date_of_birth || found->date_of_birth == wanted.date_of_birth;
    if (found->initials != wanted.initials || !same_dob) {
      throw Failure::conflict("PATIENT_MISMATCH",
                              "MRN " + wanted.mrn +
                                  " is registered at this site with other initials or another date "
                                  "of birth; check the patient's identity before creating a journey.");
    }
    return found->id;
  }
  if (found.error().code() != storage::Status::Code::kNotFound) {
    throw std::runtime_error("finding a patient: " + found.error().to_string());
  }
  auto created = journal::create_patient(tx, wanted);
  if (!created.ok()) throw Failure::invalid_field("patient", created.error().message());
  return *created;
}

// A date of birth is a real calendar date that has already come: a future one is a typing slip
// (2061 for 1961) that would follow the patient through every label and export. "Today" is the
// UTC date plus one day, so that a site ahead of UTC can record a child born after its midnight.
void check_date_of_birth(const std::string& text) {
  constexpr const char* kField = "patient.date_of_birth";
  api::checked_utc_time(text, kField);
  const std::chrono::year_month_day latest{std::chrono::floor<std::chrono::days>(base::now_seconds()) +
                                           std::chrono::days{1}};
  char latest_text[16];
  std::snprintf(latest_text, sizeof latest_text, "%04d-%02u-%02u", static_cast<int>(latest.year()),
                static_cast<unsigned>(latest.month()), static_cast<unsigned>(latest.day()));
  if (text > latest_text) {
    throw Failure::invalid_field(kField, "The date of birth " + text + " is in the future; check the year.");
  }
}

struct NewJourney {
  std::string site_code;
  std::string product;
  journal::Patient patient;
  std::optional<std::string> physician;
  std::vector<IdentifierInput> identifiers;
};

// Every field checked before the database is asked anything (route validate: the fuzzer).
NewJourney new_journey_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"site", "product", "patient", "physician", "identifiers"});
  const std::string site_code = api::required_string(body, "site", 32);
  const std::string product = api::required_string(body, "product", 64);
  const auto* patient_value = body.if_contains("patient");
  if (!patient_value || patient_value->is_null())
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD", "The field 'patient' is required.", "patient");
  const auto& patient_body = api::object_element(*patient_value, "patient");
  api::refuse_unknown_fields(patient_body, {"mrn", "initials", "date_of_birth"}, "patient");
  journal::Patient patient{0,
                           0,
                           api::required_string(patient_body, "mrn", 64, "patient"),
                           api::required_string(patient_body, "initials", 8, "patient"),
                           api::optional_string(patient_body, "date_of_birth", 10, "patient"),
                           std::nullopt};
  if (patient.date_of_birth) check_date_of_birth(*patient.date_of_birth);
  check_product(product);
  auto physician = api::optional_string(body, "physician", 100);
  return {site_code, product, std::move(patient), std::move(physician), identifiers_of(body)};
}

Response create(Call& call, pqxx::connection_base& db) {
  auto [site_code, product, patient, physician, identifiers] = new_journey_of(call);

  pqxx::work tx(db);
  const auto site_id = admin::find_site(tx, site_code);
  if (!site_id)
    throw Failure::forbidden("You hold none of the roles coordinator, physician, admin at site '" + site_code + "'.");
  require_role_at(call.who(), *site_id, kCreators, "Creating a journey");
  const auto rules = rules::site_definition(tx, *site_id, product);  // 409 RULES_MISSING before anything is written
  check_identifiers(rules->definition, identifiers, true);
  patient.site_id = *site_id;
  const auto patient_id = patient_for(tx, patient);
  auto created = journal::create_journey(tx, *site_id, patient_id, product, call.who().id, physician);
  if (!created.ok()) {
    if (created.error().code() == storage::Status::Code::kFailedPrecondition) {
      throw Failure::conflict("COI_EXHAUSTED", created.error().message());
    }
    throw std::runtime_error("creating a journey: " + created.error().to_string());
  }
  json::array kinds;
  for (const auto& given : identifiers) {
    journal::record_identifier(tx, created->id, given.kind, given.value, call.who().id, std::nullopt);
    kinds.emplace_back(given.kind);
  }
  audit::log_action(tx, call.who().name, "journey.create", created->coi,
                    json::object{{"site", site_code}, {"product", product}, {"identifiers", std::move(kinds)}});
  feed::notify_feed(tx,
                    json::serialize(json::object{
                        {"type", "journey"}, {"site_id", *site_id}, {"journey", created->coi}, {"status", "active"}}));
  board::refresh(tx, created->id);  // on the board from its creation, at stage 0
  auto document = journey_json(tx, created->id, call.who());
  tx.commit();
  spdlog::info("journey {} created (id {}, site {}, product {}) by user {}", created->coi, created->id, *site_id,
               product, call.who().id);
  return call.json(201, document);
}

}  // namespace

std::vector<api::Route> creation_routes() {
  api::Access creators;
  creators.roles = kCreators;
  return {{"POST", "/api/v1/journeys", creators, &create, [](const Call& c) { new_journey_of(c); }}};
}

}  // namespace cj::journeys
