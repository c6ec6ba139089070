// PUT /api/v1/journeys/{coi}/identifiers/{kind}: gives one of the manufacturer's identifiers of a
// journey a value after its creation: a first value (the order confirmed later, the batch known
// at release) or a correction. Body {"value", "reason"}: the reason is required when the kind
// has a value already, and is kept with who changed it and when; the old value stays in the
// history (migration 0015: nothing is updated in place). The same value again changes nothing.
// Coordinator, physician or admin at the journey's site (403); 404 for a journey not visible.
// 200 {"identifiers": current, "history": every value}.
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/audit/admin_log.h"
#include "server/feed/feed_notice.h"
#include "server/journal/manufacturer_ids.h"
#include "server/journeys/journey_access.h"
#include "server/journeys/journey_routes.h"
#include "server/journeys/manufacturer_identifiers.h"
#include "server/rules/site_rules.h"
#include "workflows/identifiers.h"

namespace cj::journeys {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

constexpr auto kEditors = {api::Role::kCoordinator, api::Role::kPhysician, api::Role::kAdmin};

struct Change {
  std::string coi;
  IdentifierInput identifier;
  std::optional<std::string> reason;
};

Change change_of(const Call& call) {
  const std::string& coi = call.params.at(0);
  const std::string& kind = call.params.at(1);
  if (coi.empty() || coi.size() > 64) throw Failure::invalid_field("coi", "A COI has 1 to 64 characters.");
  if (kind.empty() || kind.size() > 32) throw Failure::invalid_field("kind", "A kind has 1 to 32 characters.");
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"value", "reason"});
  return {coi,
          {kind, api::required_string(body, "value", workflows::kMaxIdentifierLength)},
          api::optional_string(body, "reason", 500)};
}

Response put_identifier(Call& call, pqxx::connection_base& db) {
  auto [coi, given, reason] = change_of(call);
  pqxx::work tx(db);
  const auto journey = visible_journey(tx, call.who(), coi);
  const auto journey_id = journey.journey.id;
  require_role_at(call.who(), journey.journey.site_id, kEditors, "Changing a manufacturer's identifier");
  const auto rules = rules::site_definition(tx, journey.journey.site_id, journey.journey.product);
  const auto* rule = workflows::find_identifier(rules->definition, given.kind);
  if (!rule) {
    std::string kinds;
    for (const auto& r : rules->definition.identifiers) kinds += (kinds.empty() ? "" : ", ") + r.kind;
    throw Failure::invalid_field("kind", "'" + given.kind + "' is not an identifier of " + rules->definition.name +
                                             (kinds.empty() ? std::string(".") : "; the kinds are " + kinds + "."));
  }
  if (auto problem = workflows::identifier_problem(*rule, given.value)) throw Failure::invalid_field("value", *problem);
  bool has_value = false;
  for (const auto& m : journal::current_identifiers(tx, journey_id)) has_value = has_value || m.kind == given.kind;
  if (has_value && !reason) {
    throw Failure::invalid_field(
        "reason", "The " + rule->label + " has a value already: say why it changes (the old value is kept).");
  }
  const auto id = journal::record_identifier(tx, journey_id, given.kind, given.value, call.who().id,
                                             has_value ? reason : std::nullopt);
  if (id) {
    json::object details{{"kind", given.kind}, {"identifier_id", *id}};
    if (has_value) details["reason"] = *reason;
    audit::log_action(tx, call.who().name, has_value ? "journey.identifier_change" : "journey.identifier_add", coi,
                      std::move(details));
    feed::notify_feed(tx, json::serialize(json::object{{"type", "journey"},
                                                       {"site_id", journey.journey.site_id},
                                                       {"journey", coi},
                                                       {"status", journey.journey.status}}));
  }
  json::object out{{"identifiers", identifiers_json(tx, journey_id, &rules->definition)},
                   {"history", identifier_history_json(tx, journey_id)}};
  tx.commit();
  if (id)
    spdlog::info("journey {}: manufacturer identifier {} recorded (row {}) by user {}", coi, given.kind, *id,
                 call.who().id);
  return call.json(200, out);
}

}  // namespace

std::vector<api::Route> identifier_routes() {
  api::Access editors;
  editors.roles = kEditors;
  return {{"PUT", "/api/v1/journeys/{coi}/identifiers/{kind}", editors, &put_identifier,
           [](const Call& c) { change_of(c); }}};
}

}  // namespace cj::journeys
