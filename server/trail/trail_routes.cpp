#include "server/trail/trail_routes.h"

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "base/failure.h"
#include "server/api/app_context.h"
#include "server/audit/admin_log.h"
#include "server/audit/checkpoints.h"
#include "server/audit/verify_audit_trail.h"
#include "server/journal/hash.h"
#include "server/trail/trail_csv.h"
#include "server/trail/trail_pdf.h"
#include "workflows/time_point.h"

namespace cj::trail {
namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

Filter filter_of(const Call& call) {
  return parse_filter([&](std::string_view name) { return call.query(name); });
}

void validate(const Call& call) { filter_of(call); }

// An administrator reviews every record; QA the records of the sites they are QA at.
Scope scope_of(const api::Principal& who) {
  Scope scope;
  scope.everything = who.has_role(api::Role::kAdmin);
  for (const auto& r : who.roles) {
    if (r.role == api::Role::kQa) scope.site_ids.push_back(r.site_id);
  }
  return scope;
}

using ReadOnly = pqxx::transaction<pqxx::isolation_level::repeatable_read, pqxx::readwrite_policy::read_only>;

Response page(Call& call, pqxx::connection_base& db) {
  const Filter filter = filter_of(call);
  ReadOnly tx(db, "audit trail page");
  const Page found = search(tx, filter, scope_of(call.who()));
  json::array entries;
  for (const Entry& e : found.entries) entries.push_back(to_json(e));
  return call.json(200, json::object{{"entries", std::move(entries)},
                                     {"next", found.next ? json::value(format_cursor(*found.next)) : nullptr},
                                     {"filter", describe(filter)}});
}

// Every entry matching, in one snapshot; refused beyond max.
std::vector<Entry> every_entry(pqxx::connection_base& db, Filter filter, const Scope& scope, std::size_t max) {
  filter.limit = kMaxLimit;
  filter.after.reset();
  std::vector<Entry> all;
  ReadOnly tx(db, "audit trail copy");
  for (;;) {
    Page p = search(tx, filter, scope);
    all.insert(all.end(), std::make_move_iterator(p.entries.begin()), std::make_move_iterator(p.entries.end()));
    if (all.size() > max) {
      throw Failure(base::ErrorKind::unprocessable, "TOO_MANY_RECORDS",
                    "More than " + std::to_string(max) +
                        " records match: narrow the search (dates, journey, person, kind) and copy it in parts.");
    }
    if (!p.next) break;
    filter.after = p.next;
  }
  return all;
}

Response copy(Call& call, pqxx::connection_base& db, const std::string& action, const Filter& filter,
              std::string content_type, std::string body, const char* extension) {
  const std::string sha = journal::to_hex(journal::sha256(body));
  {
    pqxx::work tx(db, "audit trail copy log");
    audit::log_action(tx, call.who().name, action, "audit trail",
                      json::object{{"filter", describe(filter)}, {"bytes", body.size()}, {"sha256", sha}});
    tx.commit();
  }
  std::string stamp = workflows::format_time(base::now_seconds());
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  Response res = api::content_response(std::move(content_type), std::move(body));
  res.set_header("Content-Disposition", "attachment; filename=\"audit-trail-" + stamp + "." + extension + "\"");
  res.set_header("X-Export-SHA256", sha);
  return res;
}

Response csv(Call& call, pqxx::connection_base& db) {
  const Filter filter = filter_of(call);
  const auto entries = every_entry(db, filter, scope_of(call.who()), kMaxCsvEntries);
  spdlog::info("audit trail CSV for {}: {} entries ({})", call.who().name, entries.size(), describe(filter));
  return copy(call, db, "export.audit_csv", filter, "text/csv; charset=utf-8; header=present",
              csv_header() + csv_rows(entries), "csv");
}

ReportVerification verification_of(Call& call, pqxx::connection_base& db) {
  audit::AuditVerifyOptions options;
  const Scope scope = scope_of(call.who());
  if (!scope.everything) options.site_ids = scope.site_ids;
  options.include_admin_chain = scope.everything;
  if (!call.app.centre_public_key.empty()) options.trust.public_keys.push_back(call.app.centre_public_key);
  const auto report = audit::verify_audit_trail(db, options);
  ReportVerification v;
  v.intact = report.intact();
  v.journeys = report.journeys_checked;
  v.events = report.events_checked;
  v.facts = report.facts_checked;
  v.admin_entries = report.admin_entries_checked;
  v.checkpoints = report.checkpoints_checked;
  // Named by COI, chain and seq; never what differs (an altered scan may hold an MRN).
  for (const auto& b : report.broken) {
    v.broken.push_back((b.coi.empty() ? b.chain : b.coi + " " + b.chain) + " seq " + std::to_string(b.seq) + ": " +
                       b.problem);
  }
  pqxx::read_transaction tx(db, "audit trail checkpoint");
  if (const auto c = audit::latest_checkpoint(tx)) {
    v.checkpoint = "checkpoint " + std::to_string(c->id) + " taken " + c->taken_at + " by " + c->taken_by +
                   ", signed by the key with SHA-256 " + journal::to_hex(journal::sha256(c->public_key)).substr(0, 16) +
                   "…, signature " + journal::to_hex(c->signature).substr(0, 16) + "…";
  }
  return v;
}

Response pdf(Call& call, pqxx::connection_base& db) {
  const Filter filter = filter_of(call);
  const auto entries = every_entry(db, filter, scope_of(call.who()), kMaxPdfEntries);
  const ReportHeading heading{describe(filter), workflows::format_time(base::now_seconds()), call.who().name};
  std::string body = render_trail_pdf(heading, entries, verification_of(call, db));
  spdlog::info("audit trail PDF for {}: {} entries, {} bytes", call.who().name, entries.size(), body.size());
  return copy(call, db, "export.audit_pdf", filter, "application/pdf", std::move(body), "pdf");
}

}  // namespace

std::vector<api::Route> trail_routes() {
  const api::Access qa_or_admin{false, {api::Role::kQa, api::Role::kAdmin}, false};
  return {
      {"GET", "/api/v1/audit/trail", qa_or_admin, &page, &validate},
      {"GET", "/api/v1/audit/trail.csv", qa_or_admin, &csv, &validate},
      {"GET", "/api/v1/audit/trail.pdf", qa_or_admin, &pdf, &validate},
  };
}

}  // namespace cj::trail
