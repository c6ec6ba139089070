#include "server/audit/audit_handlers.h"

#include <spdlog/spdlog.h>

#include "server/journal/verify_chains.h"

namespace cj::audit {

namespace {

// The whole journal is checked, whatever the caller's sites: a broken chain anywhere is a
// finding for every quality reviewer, and the report names journeys by COI only (no patient data).
api::Response verify(api::Call& call, pqxx::connection_base& db) {
  const auto report = journal::verify_chains(db);
  spdlog::info("audit verify by {}: {} journeys, {} events, {} broken", call.who().name, report.journeys_checked,
               report.events_checked, report.broken.size());
  return call.json(200, journal::to_json(report));
}

}  // namespace

std::vector<api::Route> audit_routes() {
  return {
      {"GET", "/api/v1/audit/verify", {false, {api::Role::kQa, api::Role::kAdmin}, false}, &verify},
  };
}

}  // namespace cj::audit
