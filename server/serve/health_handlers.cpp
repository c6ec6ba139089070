#include "server/serve/health_handlers.h"

#include <memory>

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/auth/authenticate.h"
#include "server/api/metrics.h"
#include "server/db/statement.h"
#include "server/db/worker_pool.h"
#include "server/feed/feed_hub.h"
#include "server/near_misses/foreign_identity.h"
#include "server/near_misses/near_miss_store.h"
#include "server/serve/version.h"

namespace cj::serve {

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

void handle_healthz(api::AppContext& app, Respond respond) {
  const bool feed_listening = app.feed && app.feed->listening();
  auto job = [respond, feed_listening](pqxx::connection_base& conn) {
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
      respond(api::json_response(
          503, json::object{{"status", "unavailable"}, {"version", kVersion}, {"database", database}}));
      return;
    }
    respond(api::json_response(200, json::object{{"status", "ok"},
                                                 {"version", kVersion},
                                                 {"database", database},
                                                 {"live_feed", {{"listening", feed_listening}}}}));
  };
  auto failed = [respond](const db::JobFailure& f) { respond(api::json_response(503, unavailable(f.message))); };
  if (!app.db->post(std::move(job), std::move(failed))) {
    respond(api::json_response(503, unavailable("the server is busy")));
  }
}

void handle_version(api::AppContext& app, Respond respond) {
  respond(api::json_response(200, json::object{{"name", "celljourney"},
                                               {"version", kVersion},
                                               {"api", kApiVersion},
                                               {"schema_version", app.schema_version_known}}));
}

namespace {

api::Response metrics_response(const api::AppContext& app, std::string extra) {
  return api::content_response("text/plain; version=0.0.4",
                               (app.metrics ? app.metrics->render(app) : std::string()) + extra);
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

namespace {

// Who may read the metrics on the main port: they tell how busy each site is, and the near misses.
void check_metrics_reader(const api::Request& req, pqxx::connection_base& conn) {
  const auto who = auth::authenticate(req, conn);
  if (who.is_station() || !(who.has_role(api::Role::kAdmin) || who.has_role(api::Role::kQa))) {
    throw base::Failure::forbidden("The metrics need the admin or QA role.");
  }
}

// gate: the request whose session must be checked first; null on the --metrics-listen port.
void serve_metrics(api::AppContext& app, std::shared_ptr<const api::Request> gate, Respond respond) {
  // The open deviations are counted in the database at each scrape: they change through
  // every server on it, and through QA closing them.
  auto job = [&app, gate, respond](pqxx::connection_base& conn) {
    if (gate) {
      try {
        check_metrics_reader(*gate, conn);
      } catch (const base::Failure& e) {
        return respond(api::error_response(e.error()));
      }
    }
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
      gauge +=
          "celljourney_deviations_open{severity=\"" + std::string(severity) + "\"} " + std::to_string(count) + "\n";
    }
    gauge += near_miss_metrics(near_misses::count_all_near_misses(tx));
    auto response = metrics_response(app, std::move(gauge));
    response.authenticated = gate != nullptr;
    respond(std::move(response));
  };
  auto unavailable = [&app, gate, respond] {
    // Without the database the rest of the metrics still answer (the pool figures say why),
    // but only where no session needs checking.
    if (!gate) return respond(metrics_response(app, {}));
    respond(api::error_response(503, "DATABASE_UNAVAILABLE",
                                "The database cannot be reached to check the session; use --metrics-listen for "
                                "metrics that need none."));
  };
  if (!app.db->post(std::move(job), [unavailable](const db::JobFailure&) { unavailable(); })) unavailable();
}

}  // namespace

void handle_metrics(api::AppContext& app, const api::Request& req, Respond respond) {
  serve_metrics(app, std::make_shared<const api::Request>(req), std::move(respond));
}

void handle_open_metrics(api::AppContext& app, Respond respond) { serve_metrics(app, nullptr, std::move(respond)); }

}  // namespace cj::serve
