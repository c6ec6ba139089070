#include "tests/bench/ingest/seed.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "server/auth/operator_credentials.h"
#include "server/rules/site_rules.h"

namespace cj::bench {

namespace json = boost::json;
using storage::Status;

namespace {

constexpr const char* kPassword = "ingest bench password";
constexpr const char* kPin = "246813";
constexpr std::size_t kNurseTokens = 16;

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CELLJOURNEY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void add_user(pqxx::transaction_base& tx, const std::string& username, const std::string& role_at_site) {
  admin::NewUser user{username, "Bench " + username, kPassword, {admin::parse_role_at_site(role_at_site, "role")}};
  admin::create_user(tx, user, "celljourney-ingest");
  const auto id = tx.exec_params1("SELECT id FROM users WHERE username = $1", username)[0].as<std::int64_t>();
  auth::set_badge(tx, id, username, "badge-" + username, "celljourney-ingest");
  auth::set_pin(tx, id, username, kPin, "celljourney-ingest");
  // Kymriah training, valid around today whatever the date the bench runs.
  tx.exec_params0(
      "INSERT INTO qualifications (user_id, qualification, valid_from, valid_until) "
      "SELECT id, 'kymriah', now() - interval '1 year', now() + interval '1 year' FROM users WHERE username = $1",
      username);
}

std::string padded(std::size_t number, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*zu", width, number);
  return text;
}

Status expect(const HttpReply& reply, int status, const std::string& what) {
  if (reply.status == status) return {};
  return Status::internal(what + ": HTTP " + std::to_string(reply.status) + " " + reply.error + reply.body);
}

}  // namespace

std::string utc_now_text(std::chrono::seconds ago) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - ago);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

World seed_world(const std::string& uri) {
  World w;
  pqxx::connection conn(uri);
  pqxx::work tx(conn);
  const auto site_id = admin::create_site(tx, {w.site, "Ingest bench hospital", w.fin}, "celljourney-ingest");
  (void)rules::store_site_rules(tx, site_id, w.site, read_source_file("tests/workflows/sites/test_eu.yaml"),
                                std::nullopt, "celljourney-ingest");
  add_user(tx, w.coordinator, "coordinator@" + w.site);
  add_user(tx, w.nurse, "apheresis@" + w.site);
  add_user(tx, w.qa, "qa@" + w.site);
  w.station_key = admin::create_station(tx, {w.station, w.site, "Apheresis bench station"}, "celljourney-ingest");
  tx.commit();
  return w;
}

Status log_in_coordinator(World& world, HttpConnection& http) {
  const auto reply =
      http.request("POST", "/api/v1/session",
                   json::serialize(json::object{{"username", world.coordinator}, {"password", kPassword}}), {});
  if (auto s = expect(reply, 201, "logging in " + world.coordinator); !s.ok()) return s;
  world.coordinator_token = std::string(json::parse(reply.body).at("token").as_string());
  const auto qa = http.request("POST", "/api/v1/session",
                               json::serialize(json::object{{"username", world.qa}, {"password", kPassword}}), {});
  if (auto s = expect(qa, 201, "logging in " + world.qa); !s.ok()) return s;
  world.qa_token = std::string(json::parse(qa.body).at("token").as_string());
  world.nurse_tokens.clear();
  for (std::size_t i = 0; i < kNurseTokens; ++i) {
    const auto signed_in = http.request(
        "POST", "/api/v1/operator-tokens",
        json::serialize(json::object{{"badge", "badge-" + world.nurse}, {"pin", kPin}, {"purpose", "shift"}}),
        "Station " + world.station_key);
    if (auto s = expect(signed_in, 201, "signing " + world.nurse + " in at the station"); !s.ok()) return s;
    world.nurse_tokens.emplace_back(json::parse(signed_in.body).at("token").as_string());
  }
  return {};
}

storage::Result<std::vector<Journey>> create_journeys(const World& world, HttpConnection& http, std::size_t first,
                                                      std::size_t count) {
  const std::string as_coordinator = "Bearer " + world.coordinator_token;
  std::vector<Journey> journeys;
  for (std::size_t n = first; n < first + count; ++n) {
    Journey j{"", "A999926" + padded(n, 6), "MRN" + padded(n, 5)};
    auto reply =
        http.request("POST", "/api/v1/journeys",
                     json::serialize(json::object{{"site", world.site},
                                                  {"product", "kymriah"},
                                                  {"patient", json::object{{"mrn", j.mrn}, {"initials", "JD"}}}}),
                     as_coordinator);
    if (auto s = expect(reply, 201, "creating journey " + std::to_string(n)); !s.ok()) return s;
    j.coi = std::string(json::parse(reply.body).at("coi").as_string());

    reply = http.request("POST", "/api/v1/journeys/" + j.coi + "/units",
                         json::serialize(json::object{{"kind", "apheresis_bag"}, {"din", j.din}}), as_coordinator);
    if (auto s = expect(reply, 201, "registering bag " + j.din); !s.ok()) return s;

    // At the coordinator's desk: the session proves who ordered.
    const json::object order{{"step", "order"},
                             {"occurred_at", utc_now_text(std::chrono::hours(1))},
                             {"operators", json::array{world.coordinator}},
                             {"scans", json::array{}},
                             {"data", json::object{{"order_reference", "PO-" + std::to_string(n)}}},
                             {"idempotency_key", "order-" + j.coi}};
    reply = http.request("POST", "/api/v1/journeys/" + j.coi + "/events", json::serialize(order), as_coordinator);
    if (auto s = expect(reply, 200, "ordering " + j.coi); !s.ok()) return s;
    journeys.push_back(std::move(j));
  }
  return journeys;
}

std::string collect_scan(const World& world, const Journey& journey, const std::string& key) {
  const std::string& token = world.nurse_tokens.at(std::hash<std::string>{}(key) % world.nurse_tokens.size());
  return json::serialize(
      json::object{{"journey", journey.coi},
                   {"step", "apheresis.collect"},
                   {"occurred_at", utc_now_text(std::chrono::seconds(1))},
                   {"station", world.station},
                   {"operators", json::array{world.nurse}},
                   {"scans", json::array{"=" + journey.din + "00", "&#0008" + journey.mrn}},
                   {"data", json::object{{"volume_ml", 250}}},
                   {"proofs", json::array{json::object{{"operator", world.nurse}, {"token", token}}}},
                   {"idempotency_key", key}});
}

}  // namespace cj::bench
