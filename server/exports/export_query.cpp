#include "server/exports/export_query.h"

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/db/statement.h"
#include "server/journal/manufacturer_ids.h"
#include "server/rules/site_rules.h"
#include "workflows/engine.h"

namespace cj::exports {
namespace {

constexpr db::Statement kJourneysInRange{
    "export_journeys_in_range",
    "SELECT j.id FROM journeys j"
    " WHERE ($3 OR j.site_id = ANY($4::bigint[])) AND EXISTS (SELECT 1 FROM events e WHERE e.journey_id = j.id"
    " AND e.decision = 'accepted' AND e.occurred_at >= $1::timestamptz AND e.occurred_at < $2::timestamptz)"
    " ORDER BY j.id"};
constexpr db::Statement kDeviationCodes{"export_deviation_codes",
                                        "SELECT code FROM deviations WHERE journey_id = $1 ORDER BY id"};
constexpr db::Statement kSiteCode{"export_site_code", "SELECT code FROM sites WHERE id = $1"};

std::string id_array(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

std::shared_ptr<const rules::LoadedRules> rules_of(pqxx::transaction_base& tx, const journal::LoadedJourney& journey) {
  try {
    return rules::site_definition(tx, journey.journey.site_id, journey.journey.product);
  } catch (const base::Failure&) {
    return nullptr;  // RULES_MISSING: export what does not need the definition
  }
}

}  // namespace

std::vector<std::int64_t> journeys_in_range(pqxx::transaction_base& tx, workflows::TimePoint from,
                                            workflows::TimePoint to, const std::vector<std::int64_t>& site_ids,
                                            bool every_site) {
  std::vector<std::int64_t> ids;
  for (const auto& row : db::exec(tx, kJourneysInRange, workflows::format_time(from), workflows::format_time(to),
                                  every_site, id_array(site_ids))) {
    ids.push_back(row[0].as<std::int64_t>());
  }
  return ids;
}

ExportJourney export_journey(pqxx::transaction_base& tx, const journal::LoadedJourney& journey) {
  const auto rules = rules_of(tx, journey);
  JourneyFacts facts;
  facts.coi = journey.journey.coi;
  facts.product = journey.journey.product;
  facts.status = journey.journey.status;
  facts.site = db::exec1(tx, kSiteCode, journey.journey.site_id)[0].as<std::string>();
  facts.units = journey.identity.units;
  if (rules) facts.product_name = rules->definition.name;
  for (const auto& m : journal::current_identifiers(tx, journey.journey.id)) facts.identifiers[m.kind] = m.value;

  std::vector<FactEvent> accepted;
  for (const journal::StoredEvent& stored : journey.events) {
    if (!stored.accepted) continue;
    FactEvent fact;
    fact.seq = stored.seq;
    fact.recorded_at = stored.recorded_at;
    fact.corrects_event_id = stored.corrects_event_id.value_or(0);
    if (rules) {
      workflows::Decision decision;
      decision.units = stored.units;
      fact.recorded = workflows::record(rules->definition, stored.event, decision, stored.id);
    } else {
      fact.recorded.event_id = stored.id;
      fact.recorded.event = stored.event;
      fact.recorded.units = stored.units;
    }
    accepted.push_back(std::move(fact));
  }
  facts.events = counted_events(std::move(accepted));
  for (const auto& row : db::exec(tx, kDeviationCodes, journey.journey.id))
    facts.deviation_codes.push_back(row[0].as<std::string>());

  RegistryRow row = registry_row(rules ? &rules->definition : nullptr, facts);
  return {std::move(facts), std::move(row)};
}

}  // namespace cj::exports
