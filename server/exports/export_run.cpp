#include "server/exports/export_run.h"

#include <boost/json.hpp>

#include "server/audit/admin_log.h"
#include "server/exports/fhir_bundle.h"
#include "server/exports/registry_csv.h"
#include "server/journal/hash.h"

namespace cj::exports {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "csv") return Format::kCsv;
  if (name == "fhir") return Format::kFhir;
  return std::nullopt;
}

std::string_view format_name(Format format) { return format == Format::kCsv ? "csv" : "fhir"; }

ExportOutput render_export(const std::vector<ExportJourney>& journeys, Format format, workflows::TimePoint now) {
  ExportOutput output;
  output.format = format;
  output.journeys = journeys.size();
  if (format == Format::kCsv) {
    std::vector<RegistryRow> rows;
    rows.reserve(journeys.size());
    for (const auto& journey : journeys) rows.push_back(journey.row);
    output.body = registry_csv(rows);
    output.content_type = "text/csv; charset=utf-8; header=present";
    output.extension = "csv";
  } else {
    std::vector<JourneyFacts> facts;
    facts.reserve(journeys.size());
    for (const auto& journey : journeys) facts.push_back(journey.facts);
    output.body = boost::json::serialize(fhir_bundle(facts, now));
    output.content_type = "application/fhir+json; fhirVersion=4.0";
    output.extension = "json";
  }
  output.sha256_hex = journal::to_hex(journal::sha256(output.body));
  return output;
}

void record_export(pqxx::transaction_base& tx, const std::string& actor, const std::string& subject,
                   const ExportOutput& output, const std::string& from, const std::string& to) {
  boost::json::object details{{"format", format_name(output.format)},
                              {"journeys", output.journeys},
                              {"bytes", output.body.size()},
                              {"sha256", output.sha256_hex}};
  if (!from.empty()) details["from"] = from;
  if (!to.empty()) details["to"] = to;
  audit::log_action(tx, actor, "export." + std::string(format_name(output.format)), subject, details);
}

}  // namespace cj::exports
