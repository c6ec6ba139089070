#include "server/temperature/evidence.h"

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/board/projection.h"
#include "server/db/statement.h"
#include "server/journal/facts.h"
#include "server/deviations/deviation_store.h"
#include "server/journal/append_event.h"
#include "server/rules/site_rules.h"

namespace cj::temperature {
namespace {

constexpr db::Statement kRaise{
    "temperature_raise_deviation",
    "WITH raised AS (INSERT INTO deviations (journey_id, code, severity, message, rule, subject)"
    " VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (journey_id, code, rule, subject) WHERE event_id IS NULL DO NOTHING RETURNING id)"
    " INSERT INTO deviation_events (deviation_id, action) SELECT id, 'raised' FROM raised RETURNING deviation_id"};

workflows::TemperatureLimits limits_for(const workflows::Definition& definition, const std::string& kind) {
  if (kind == "storage") {
    if (!definition.storage) return {};
    return {definition.storage->min_c, definition.storage->max_c, definition.storage->rule};
  }
  if (const workflows::StepRule* receive = definition.find_step("product.receive")) {
    for (const workflows::TemperatureRule& rule : receive->temperatures) {
      if (rule.field == "logger_readings_c") return {rule.min_c, rule.max_c, rule.rule};
    }
  }
  return {};
}

int gap_factor(const workflows::SiteConfig& site) {
  const auto found = site.values.find("core/temperature-gap.factor");
  if (found == site.values.end()) return 3;
  try {
    const int factor = std::stoi(found->second.text);
    return factor >= 1 ? factor : 3;
  } catch (const std::exception&) {
    return 3;
  }
}

}  // namespace

JourneyEvidence journey_evidence(pqxx::transaction_base& tx, const journal::LoadedJourney& journey) {
  JourneyEvidence out;
  std::shared_ptr<const rules::LoadedRules> rules;
  try {
    rules = rules::site_definition(tx, journey.journey.site_id, journey.journey.product);
  } catch (const base::Failure& e) {
    out.problem = e.what();
  }
  for (LoggedSeries& series : journey_series(tx, journey.journey.id)) {
    SeriesEvidence item{std::move(series), {}, {}};
    if (rules) {
      item.limits = limits_for(rules->definition, item.series.kind);
      item.evidence = workflows::find_temperature_evidence(item.series.samples, item.limits,
                                                           {.gap_factor = gap_factor(rules->site), .max_gap = {}});
    }
    out.series.push_back(std::move(item));
  }
  return out;
}

std::vector<std::int64_t> raise_evidence(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                                         const JourneyEvidence& evidence) {
  std::vector<std::int64_t> raised;
  for (const SeriesEvidence& item : evidence.series) {
    const auto findings = workflows::evidence_findings(item.evidence, item.series.logger, item.limits);
    const auto subjects = workflows::evidence_subjects(item.evidence, item.series.logger);
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const workflows::Finding& f = findings[i];
      const std::string code(workflows::code_name(f.code));
      const auto rows =
          db::exec(tx, kRaise, journey.journey.id, code, std::string(workflows::severity_name(f.severity)), f.message,
                   f.rule.empty() ? std::string("core/temperature") : f.rule, subjects[i]);
      if (rows.empty()) continue;
      deviations::DeviationRow row;
      row.id = rows[0][0].as<std::int64_t>();
      row.coi = journey.journey.coi;
      row.site_id = journey.journey.site_id;
      row.code = code;
      deviations::notify_change(tx, row, "open");
      raised.push_back(row.id);
      spdlog::info("temperature: deviation {} {} raised on journey {}", row.id, code, journey.journey.coi);
    }
  }
  if (!raised.empty()) journal::chain_new_facts(tx, journey.journey.id);
  board::refresh(tx, journey.journey.id);
  return raised;
}

Recorded record_readings(pqxx::transaction_base& tx, const journal::LoadedJourney& journey, const Placement& placement,
                         const std::string& source, std::span<const hardware::TemperatureReading> readings) {
  if (!journal::lock_journey(tx, journey.journey.id).ok()) {
    throw std::runtime_error("journey " + journey.journey.coi + " is gone");
  }
  Recorded out;
  out.count = store_readings(tx, journey.journey.id, placement, source, readings);
  const JourneyEvidence evidence = journey_evidence(tx, journey);
  out.problem = evidence.problem;
  if (evidence.evaluated()) out.raised = raise_evidence(tx, journey, evidence);
  return out;
}

}  // namespace cj::temperature
