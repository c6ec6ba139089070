#include "server/exports/export_routes.h"

#include <chrono>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "base/failure.h"
#include "server/exports/export_run.h"
#include "server/journeys/journey_access.h"

namespace cj::exports {
namespace {

using base::Failure;
using api::Call;
using api::Response;
using workflows::TimePoint;

constexpr std::initializer_list<api::Role> kExporters{api::Role::kQa, api::Role::kCoordinator};

Format format_of(const Call& call) {
  const auto name = call.query("format");
  if (!name)
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD", "Name the format: ?format=csv or ?format=fhir.", "format");
  const auto format = parse_format(*name);
  if (!format) throw Failure::invalid_field("format", "format must be csv or fhir (HL7 FHIR R4 JSON).");
  return *format;
}

TimePoint date_of(const Call& call, const char* field) {
  const auto text = call.query(field);
  if (!text)
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD", std::string("Give ?") + field + "=YYYY-MM-DD.", field);
  const auto date = workflows::parse_date(*text);
  if (!date) throw Failure::invalid_field(field, std::string(field) + " must be a date, YYYY-MM-DD.");
  return *date;
}

TimePoint now() { return base::now_seconds(); }

Response file_response(const ExportOutput& output, const std::string& stem) {
  Response res = api::content_response(std::string(output.content_type), output.body);
  res.set_header("Content-Disposition", "attachment; filename=\"" + stem + "." + std::string(output.extension) + "\"");
  res.set_header("X-Export-SHA256", output.sha256_hex);
  return res;
}

// GET /api/v1/journeys/{coi}/export?format=
Response journey_export(Call& call, pqxx::connection_base& db) {
  const Format format = format_of(call);
  pqxx::work tx(db);
  const auto journey = journeys::visible_journey(tx, call.who(), call.params.at(0));
  journeys::require_role_at(call.who(), journey.journey.site_id, kExporters, "An export");
  const auto output = render_export({export_journey(tx, journey)}, format, now());
  record_export(tx, call.who().name, journey.journey.coi, output, "", "");
  tx.commit();
  spdlog::info("export {} of journey {} by {} ({} bytes)", format_name(format), journey.journey.coi, call.who().name,
               output.body.size());
  return file_response(output, journey.journey.coi);
}

// GET /api/v1/export?from=&to=&format=
struct Range {
  Format format;
  TimePoint from, to;
};

Range range_of(const Call& call) {
  Range r{format_of(call), date_of(call, "from"), date_of(call, "to")};
  if (r.to < r.from) throw Failure::invalid_field("to", "to must not be before from.");
  return r;
}

Response range_export(Call& call, pqxx::connection_base& db) {
  const auto [format, from, to] = range_of(call);
  std::vector<std::int64_t> sites;
  for (const auto& held : call.who().roles) {
    if (held.role == api::Role::kQa || held.role == api::Role::kCoordinator) sites.push_back(held.site_id);
  }
  pqxx::work tx(db);
  std::vector<ExportJourney> journeys;
  for (const auto id : journeys_in_range(tx, from, to + std::chrono::days{1}, sites, false)) {
    auto loaded = journal::load_journey(tx, id);
    if (loaded.ok()) journeys.push_back(export_journey(tx, loaded.value()));
  }
  const std::string from_text = *call.query("from");
  const std::string to_text = *call.query("to");
  const auto output = render_export(journeys, format, now());
  record_export(tx, call.who().name, "journeys", output, from_text, to_text);
  tx.commit();
  spdlog::info("export {} of {} journeys ({}..{}) by {}", format_name(format), output.journeys, from_text, to_text,
               call.who().name);
  return file_response(output, "celljourney-" + from_text + "-" + to_text);
}

}  // namespace

std::vector<api::Route> export_routes() {
  api::Access exporters;
  exporters.roles = kExporters;
  return {{"GET", "/api/v1/journeys/{coi}/export", exporters, &journey_export, [](const Call& c) { format_of(c); }},
          {"GET", "/api/v1/export", exporters, &range_export, [](const Call& c) { range_of(c); }}};
}

}  // namespace cj::exports
