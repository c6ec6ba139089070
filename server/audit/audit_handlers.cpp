#include "server/audit/audit_handlers.h"

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/app_context.h"
#include "server/audit/admin_log.h"
#include "server/audit/checkpoints.h"
#include "server/audit/verify_audit_trail.h"
#include "server/journal/hash.h"

namespace cj::audit {

namespace {

namespace json = boost::json;

// The report for people who may not see patients' identifiers: what differs is shown as a
// SHA-256 prefix unless it already is a hash or a seq (an altered scan may hold an MRN).
json::object redacted(json::object report) {
  for (json::value& v : report["broken"].as_array()) {
    for (const char* key : {"expected", "found"}) {
      json::string& text = v.as_object()[key].as_string();
      const bool hex = text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
      if (!hex && text.rfind("seq ", 0) != 0) {
        text = "sha256:" + journal::to_hex(journal::sha256(text)).substr(0, 16);
      }
    }
  }
  return report;
}

CheckpointTrust trust_of(const api::AppContext& app) {
  CheckpointTrust trust;
  if (!app.centre_public_key.empty()) trust.public_keys.push_back(app.centre_public_key);
  return trust;
}

api::Response verify(api::Call& call, pqxx::connection_base& db) {
  AuditVerifyOptions options;
  options.site_ids = call.who().site_ids();
  options.include_admin_chain = call.who().has_role(api::Role::kAdmin);
  options.trust = trust_of(call.app);
  const auto report = verify_audit_trail(db, options);
  spdlog::info("audit verify by {}: {} journeys, {} events, {} facts, {} broken", call.who().name,
               report.journeys_checked, report.events_checked, report.facts_checked, report.broken.size());
  return call.json(200, redacted(journal::to_json(report)));
}

api::Response take(api::Call& call, pqxx::connection_base& db) {
  if (call.app.centre_public_key.empty() || !call.app.centre_sign) {
    throw base::Failure(base::ErrorKind::conflict, "NO_CENTRE_KEY",
                        "This server has no centre key to sign checkpoints with: start it with --centre-key-file.");
  }
  const Checkpoint c = take_checkpoint(db, {call.app.centre_public_key, call.app.centre_sign}, call.who().name);
  {
    pqxx::work tx(db, "audit checkpoint log");
    log_action(tx, call.who().name, "audit.checkpoint", "checkpoint " + std::to_string(c.id));
    tx.commit();
  }
  spdlog::info("audit: checkpoint {} taken by {}", c.id, call.who().name);
  return call.json(201, to_json(c));
}

api::Response latest(api::Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db, "audit latest checkpoint");
  const auto c = latest_checkpoint(tx);
  if (!c) throw base::Failure(base::ErrorKind::not_found, "NOT_FOUND", "No checkpoint has been taken yet.");
  return call.json(200, to_json(*c));
}

}  // namespace

std::vector<api::Route> audit_routes() {
  const api::Access qa_or_admin{false, {api::Role::kQa, api::Role::kAdmin}, false};
  return {
      {"GET", "/api/v1/audit/verify", qa_or_admin, &verify},
      {"POST", "/api/v1/audit/checkpoints", qa_or_admin, &take},
      {"GET", "/api/v1/audit/checkpoints/latest", qa_or_admin, &latest},
  };
}

}  // namespace cj::audit
