#include "tests/bench/ingest/pgbench_run.h"

#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/journal/event_record.h"
#include "server/storage/subprocess.h"

namespace cj::bench {

namespace {

using storage::Status;

std::string first_match(const std::string& text, const char* pattern) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex(pattern))) return m[1];
  return {};
}

}  // namespace

storage::Result<PgbenchVariables> pgbench_variables(const std::string& uri, const World& world,
                                                    const std::vector<Journey>& journeys, std::size_t per_client,
                                                    bool shared, const std::string& sample_key) {
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn);
  std::vector<std::int64_t> ids;
  for (const auto& j : journeys) {
    ids.push_back(tx.exec_params1("SELECT id FROM journeys WHERE coi = $1", j.coi)[0].as<std::int64_t>());
  }
  for (std::size_t i = 1; i < ids.size(); ++i) {
    if (ids[i] != ids[0] + static_cast<std::int64_t>(i)) {
      return Status::failed_precondition("the pgbench journeys do not have consecutive ids");
    }
  }
  const auto station =
      tx.exec_params1("SELECT id, site_id, encode(key_hash, 'hex') FROM stations WHERE code = $1", world.station);
  const auto sample = tx.exec_params(
      "SELECT to_jsonb(e.operators)::text, to_jsonb(e.scans)::text, e.data::text, to_jsonb(e.units)::text,"
      " e.decision_json::text, e.canonical, i.response, e.id, e.seq, j.coi, e.occurred_at::text"
      " FROM events e JOIN idempotency i ON i.key = e.idempotency_key JOIN journeys j ON j.id = e.journey_id"
      " WHERE e.idempotency_key = $1",
      sample_key);
  if (sample.empty()) return Status::not_found("no event for the sample scan " + sample_key);
  const auto& s = sample[0];
  // The notice the server sends for an accepted scan (record_step.cpp feed_payload).
  const std::string payload =
      boost::json::serialize(boost::json::object{{"type", "event"},
                                                 {"site_id", station[1].as<std::int64_t>()},
                                                 {"journey", s[9].as<std::string>()},
                                                 {"step", "apheresis.collect"},
                                                 {"decision", "accepted"},
                                                 {"event_id", s[7].as<std::int64_t>()},
                                                 {"seq", s[8].as<int>()},
                                                 {"deviations", boost::json::array{}},
                                                 {"refusals", boost::json::array{}}});
  return PgbenchVariables{{"first_journey", std::to_string(ids.front())},
                          {"per_client", std::to_string(per_client)},
                          {"client_stride", shared ? "0" : std::to_string(per_client)},
                          {"site_id", station[1].as<std::string>()},
                          {"station_id", station[0].as<std::string>()},
                          {"station", world.station},
                          {"key_hash", station[2].as<std::string>()},
                          {"operators", s[0].as<std::string>()},
                          {"scans", s[1].as<std::string>()},
                          {"data", s[2].as<std::string>()},
                          {"units", s[3].as<std::string>()},
                          {"decision", s[4].as<std::string>()},
                          {"canonical", s[5].as<std::string>()},
                          {"principal", "station:" + world.station},
                          {"response", s[6].as<std::string>()},
                          {"payload", payload},
                          {"occurred_at", s[10].as<std::string>()},
                          {"time_format", journal::kTimeFormat},
                          {"day_format", "YYYY-MM-DD\"T\"HH24:MI:SS\"Z\""}};
}

storage::Result<PgbenchResult> run_pgbench(const std::string& pgbench, const std::string& uri, unsigned clients,
                                           unsigned seconds, const PgbenchVariables& variables,
                                           const std::string& mode) {
  const std::string k = std::to_string(clients);
  std::vector<std::string> argv{pgbench, "-n",          "-M", mode, "-c", k, "-j", k, "-T", std::to_string(seconds),
                                "-f",    PGBENCH_SCRIPT};
  PgbenchResult result;
  result.command = pgbench + " -n -M " + mode + " -c " + k + " -j " + k + " -T " + std::to_string(seconds) + " -f " +
                   PGBENCH_SCRIPT + " -D ... '" + uri + "'";
  for (const auto& [name, value] : variables) {
    argv.push_back("-D");
    argv.push_back(name + "=" + value);
  }
  argv.push_back(uri);
  auto outcome = storage::run_command(argv, {}, std::chrono::seconds(seconds + 60));
  if (!outcome.ok()) return outcome.error();
  result.output = outcome->output;
  if (!outcome->succeeded()) {
    return Status::internal("pgbench failed (" + outcome->describe() + "):\n" + storage::tail_lines(result.output, 15));
  }
  const std::string tps = first_match(result.output, R"(tps = ([0-9.]+) \(without initial connection time\))");
  if (tps.empty()) return Status::internal("pgbench printed no tps:\n" + storage::tail_lines(result.output, 15));
  result.tps = std::stod(tps);
  const std::string done = first_match(result.output, R"(number of transactions actually processed: (\d+))");
  const std::string failed = first_match(result.output, R"(number of failed transactions: (\d+))");
  const std::string latency = first_match(result.output, R"(latency average = ([0-9.]+) ms)");
  result.transactions = done.empty() ? 0 : std::stoul(done);
  result.failed = failed.empty() ? 0 : std::stoul(failed);
  result.latency_ms = latency.empty() ? 0 : std::stod(latency);
  return result;
}

}  // namespace cj::bench
