#include "server/http/health_handlers.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/db/worker_pool.h"
#include "server/feed/feed_hub.h"
#include "server/http/metrics.h"
#include "server/near_misses/foreign_identity.h"
#include "server/near_misses/near_miss_store.h"
#include "server/version.h"

namespace cj::server {

namespace json = boost::json;

namespace {

constexpr db::Statement kSchemaVersion{"health_schema_version",
                                       "SELECT coalesce(max(version), 0), current_user::text FROM schema_migrations"};
constexpr db::Statement kOpenDeviations{
    "metrics_open_deviations", "SELECT severity, count(*) FROM deviations WHERE status <> 'closed' GROUP BY severity"};

json::object unavailable(std::string_view why) {
  return {{"status", "unavailable"}, {"version", kVersion}, {"database", {{"reachable", false}, {"error", why}}}};
}
}  // namespace

void handle_healthz(AppContext& app, const ReplyTo& to, Respond respond) {
  const bool feed_listening = app.feed && app.feed->listening();
  auto job = [to, respond, feed_listening](pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    json::object database{{"reachable", true}};
    try {
      const auto row = db::exec1(tx, kSchemaVersion);
      database["schema_version"] = row[0].as<int>();
      database["role"] = row[1].as<std::string>();  // the rights the server works with
    } catch (const pqxx::sql_error& e) {
      // Reachable but not migrated (or not ours): not healthy either.
      database["schema_version"] = nullptr;
      database["error"] = "the schema is not installed";
      respond(json_response(to, http::status::service_unavailable,
                            json::object{{"status", "unavailable"}, {"version", kVersion}, {"database", database}}));
      return;
    }
    respond(json_response(to, http::status::ok,
                          json::object{{"status", "ok"},
                                       {"version", kVersion},
                                       {"database", database},
                                       {"live_feed", {{"listening", feed_listening}}}}));
  };
  auto failed = [to, respond](const db::JobFailure& f) {
    respond(json_response(to, http::status::service_unavailable, unavailable(f.message)));
  };
  if (!app.db->post(std::move(job), std::move(failed))) {
    respond(json_response(to, http::status::service_unavailable, unavailable("the server is busy")));
  }
}

void handle_version(AppContext& app, const ReplyTo& to, Respond respond) {
  respond(json_response(to, http::status::ok,
                        json::object{{"name", "celljourney"},
                                     {"version", kVersion},
                                     {"api", kApiVersion},
                                     {"schema_version", app.schema_version_known}}));
}

}  // namespace cj::server

namespace cj::server {

namespace {

Response metrics_response(const AppContext& app, const ReplyTo& to, std::string extra) {
  Response res{http::status::ok, to.version};
  res.set(http::field::server, "CellJourney");
  res.set(http::field::content_type, "text/plain; version=0.0.4");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(to.keep_alive);
  res.body() = (app.metrics ? app.metrics->render(app) : std::string()) + extra;
  res.prepare_payload();
  return res;
}

// Near misses never go away (0010_near_misses.sql), so their count is a counter even though it
// is read from the database; the unreviewed ones are a gauge. Every near-miss code is listed.
std::string near_miss_metrics(const std::vector<near_misses::CodeCount>& counts) {
  std::string total =
      "# HELP celljourney_near_misses_total Near misses recorded (refused scans of another patient's COI, wristband "
      "or bag), by refusal code.\n"
      "# TYPE celljourney_near_misses_total counter\n";
  std::string open =
      "# HELP celljourney_near_misses_unreviewed Near misses QA has not reviewed yet, by refusal code.\n"
      "# TYPE celljourney_near_misses_unreviewed gauge\n";
  for (const auto code : near_misses::kNearMissCodes) {
    const std::string name(workflows::code_name(code));
    long all = 0, unreviewed = 0;
    for (const auto& c : counts) {
      if (c.code != name) continue;
      all += c.count;
      if (!c.reviewed) unreviewed += c.count;
    }
    total += "celljourney_near_misses_total{code=\"" + name + "\"} " + std::to_string(all) + "\n";
    open += "celljourney_near_misses_unreviewed{code=\"" + name + "\"} " + std::to_string(unreviewed) + "\n";
  }
  return total + open;
}

}  // namespace

void handle_metrics(AppContext& app, const ReplyTo& to, Respond respond) {
  // The open deviations are counted in the database at each scrape: they change through
  // every server on it, and through QA closing them.
  auto job = [&app, to, respond](pqxx::connection_base& conn) {
    pqxx::read_transaction tx(conn);
    const auto rows = db::exec(tx, kOpenDeviations);
    std::string gauge =
        "# HELP celljourney_deviations_open Deviations not yet closed, by severity.\n"
        "# TYPE celljourney_deviations_open gauge\n";
    for (const char* severity : {"minor", "major", "critical"}) {
      long count = 0;
      for (const auto& row : rows) {
        if (row[0].as<std::string>() == severity) count = row[1].as<long>();
      }
      gauge += "celljourney_deviations_open{severity=\"" + std::string(severity) + "\"} " + std::to_string(count) + "\n";
    }
    gauge += near_miss_metrics(near_misses::count_all_near_misses(tx));
    respond(metrics_response(app, to, std::move(gauge)));
  };
  // Without the database the rest of the metrics still answer (the pool figures say why).
  auto failed = [&app, to, respond](const db::JobFailure&) { respond(metrics_response(app, to, {})); };
  if (!app.db->post(std::move(job), std::move(failed))) respond(metrics_response(app, to, {}));
}

}  // namespace cj::server
