// The demo's data through the HTTP API of the server just started (demo.h): rules, people,
// training, stations, then six journeys replaying a core journey up to different steps, their
// times shifted so that each one's newest event is `lag` before now; one journey's shipper
// logger then uploads its readings, with a short excursion; the journeys not yet infused get
// their planned dates, so that the week view has this week's lymphodepletion and apheresis.
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

#include <boost/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "base/clock.h"
#include "server/demo/demo.h"
#include "server/demo/demo_rules.h"
#include "server/demo/loopback_client.h"
#include "workflows/time_point.h"

namespace cj::demo {

namespace json = boost::json;

namespace {

using std::chrono::minutes;

// One step of the core journey as the Kymriah scenario records it
// (tests/workflows/scenarios/kymriah_happy_journey.jsonl), with its time there.
struct TemplateStep {
  const char* step;
  const char* at;       // the scenario's occurred_at; only the gaps between steps are kept
  const char* who;      // the demo person who records it
  const char* witness;  // the second person of a two-person check; empty when none
  const char* station;  // the station it is scanned at; empty: a desk event by `who`
};

constexpr TemplateStep kSteps[] = {
    {"order", "2026-10-01T09:00:00Z", "cora", "", ""},
    {"apheresis.collect", "2026-10-05T12:00:00Z", "ann", "", "AP-1"},
    {"apheresis.label", "2026-10-05T12:10:00Z", "ann", "", "AP-1"},
    {"apheresis.ship", "2026-10-05T15:00:00Z", "ann", "", "AP-1"},
    {"manufacturing.receive", "2026-10-06T10:00:00Z", "cora", "", ""},
    {"manufacturing.start", "2026-10-07T08:00:00Z", "cora", "", ""},
    {"manufacturing.release", "2026-10-28T10:00:00Z", "cora", "", ""},
    {"product.ship", "2026-10-29T08:00:00Z", "cora", "", ""},
    {"product.receive", "2026-10-30T09:00:00Z", "alice", "", "LAB-1"},
    {"product.store", "2026-10-30T09:20:00Z", "alice", "", "LAB-1"},
    {"premedication", "2026-11-20T09:15:00Z", "nina", "", "WARD-1"},
    {"product.thaw", "2026-11-20T09:30:00Z", "alice", "", "LAB-1"},
    {"product.thaw_complete", "2026-11-20T09:35:00Z", "alice", "", "LAB-1"},
    {"infusion.verify", "2026-11-20T09:40:00Z", "nina", "paul", "WARD-1"},
    {"infusion.start", "2026-11-20T09:50:00Z", "nina", "", "WARD-1"},
    {"lymphodepletion.end", "2026-11-17T12:00:00Z", "nina", "", ""},  // optional (core.yaml)
};
constexpr std::size_t kPremedication = 10;
constexpr std::size_t kLymphodepletionEnd = 15;
constexpr std::size_t kProductShip = 7, kProductReceive = 8;

// A planned date of a journey (docs/schedule.md): `day` days from today (UTC) at `hour`, and
// an end the same way (end_day < 0: none).
struct PlannedItem {
  const char* kind;  // apheresis, manufacturing, shipment, lymphodepletion, infusion
  int day, hour;
  int end_day = -1, end_hour = 0;
};

struct DemoJourney {
  const char* product;
  const char* mrn;  // 8 characters: the wristband reads "&#0008" + MRN
  const char* initials;
  std::vector<std::size_t> steps;  // indexes into kSteps, in order
  minutes lag;                     // how long ago the newest step happened
  bool logger = false;             // its product shipper's logger uploads readings, with an excursion
  std::vector<PlannedItem> plan;   // what is still ahead of it, for the week view and the board
};

// Six journeys at different stages; the carvykti bag is shipped before its COI label was
// scanned (OUT_OF_ORDER: an open deviation); the abecma product's shipper logger shows 20
// minutes above the shipper limit on the way back (TEMP_EXCURSION: the second open deviation,
// and the curve on its journey page); the first Kymriah bag's lymphodepletion ended three days
// before its infusion, which started a minute ago, and its clock from thaw to the end of the
// infusion (30 min from the thaw's completion) runs out about 14 minutes after the demo was
// seeded: the board counts it down live, then shows it overdue, and the sweeper raises OVERDUE.
std::vector<DemoJourney> journeys() {
  return {
      {"kymriah",
       "DEMO0001",
       "A.B.",
       {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, kLymphodepletionEnd, kPremedication, 11, 12, 13, 14},
       minutes(1),
       false,
       {}},  // infusing: nothing left to plan
      {"yescarta",
       "DEMO0002",
       "C.D.",
       {0, 1, 2, 3, 4, 5},
       minutes(2 * 24 * 60),
       false,
       {{"shipment", 13, 8}, {"lymphodepletion", 14, 9, 16, 12}, {"infusion", 19, 10}}},
      {"abecma",
       "DEMO0003",
       "E.F.",
       {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
       minutes(3 * 24 * 60),
       true,
       {{"lymphodepletion", 1, 9, 3, 12}, {"infusion", 4, 10}}},
      {"carvykti",
       "DEMO0004",
       "G.H.",
       {0, 1, 3},
       minutes(3 * 60),
       false,
       {{"manufacturing", 1, 8, 25, 17}, {"infusion", 30, 10}}},
      {"tecartus", "DEMO0005", "I.J.", {0}, minutes(2 * 60), false, {{"apheresis", 2, 8, 2, 14}, {"infusion", 35, 10}}},
      {"kymriah",
       "DEMO0006",
       "K.L.",
       {0, 1, 2},
       minutes(40),
       false,
       {{"manufacturing", 1, 8, 22, 17}, {"infusion", 28, 10}}},
  };
}

const char* const kTrainedIn[] = {"kymriah", "yescarta", "tecartus", "abecma", "carvykti"};

}  // namespace

struct Seeder::Impl {
  Impl(unsigned short port, std::string tls_cert_file) : http(port, std::move(tls_cert_file)) {}
  LoopbackClient http;
  std::map<std::string, std::string> tokens;        // username -> "Bearer ..."
  std::map<std::string, std::string> station_keys;  // code -> "Station ..."
  std::string sealing_key;                          // the server's, raw: stations seal proofs to it

  json::value call(const std::string& method, const std::string& target, const json::value& body,
                   const std::string& authorization, int expected) {
    auto reply = http.request(method, target, body.is_null() ? "" : json::serialize(body), authorization);
    // A person has at most 5 sessions: someone logging in as a demo person while the demo is
    // seeded (the first thing a visitor does) may end the seeder's. It logs in again, once.
    if (reply.status == 401 && expected != 401 && !authorization.empty()) {
      for (auto& [username, token] : tokens) {
        if (token != authorization) continue;
        token.clear();
        reply = http.request(method, target, body.is_null() ? "" : json::serialize(body), as(username));
        break;
      }
    }
    if (reply.status != expected) {
      throw std::runtime_error(method + " " + target + ": " +
                               (reply.status == 0 ? reply.error : std::to_string(reply.status) + " " + reply.body));
    }
    return reply.body.empty() ? json::value() : json::parse(reply.body);
  }

  const std::string& as(const std::string& username) {
    auto& token = tokens[username];
    if (token.empty()) {
      const auto session =
          call("POST", "/api/v1/session", json::object{{"username", username}, {"password", kPassword}}, "", 201);
      token = "Bearer " + std::string(session.at("token").as_string());
    }
    return token;
  }

  void people_and_stations() {
    const std::string& admin = as("ada");
    call("PUT", std::string("/api/v1/sites/") + kSite + "/rules", json::object{{"yaml", demo_rules_yaml()}}, admin,
         200);
    const std::string trained_from = workflows::format_time(base::now_seconds() - std::chrono::hours(24 * 365));
    for (const Login& login : logins()) {
      if (login.role == "admin") continue;
      call("POST", "/api/v1/users",
           json::object{{"username", login.username},
                        {"display_name", login.username + " (demo " + login.role + ")"},
                        {"password", kPassword},
                        {"roles", json::array{json::object{{"site", kSite}, {"role", login.role}}}}},
           admin, 201);
      call("PUT", "/api/v1/users/" + login.username + "/badge", json::object{{"badge", badge_of(login.username)}},
           admin, 204);
      call("PUT", "/api/v1/users/" + login.username + "/pin", json::object{{"pin", kPin}}, admin, 204);
      if (login.role == "qa") continue;
      for (const char* product : kTrainedIn) {
        call("POST", "/api/v1/users/" + login.username + "/qualifications",
             json::object{{"qualification", product}, {"valid_from", trained_from}}, admin, 201);
      }
    }
    for (const auto& [code, name] : {std::pair{"AP-1", "Apheresis unit"}, std::pair{"LAB-1", "Cell lab bench"},
                                     std::pair{"WARD-1", "Ward bedside"}}) {
      const auto station =
          call("POST", "/api/v1/stations", json::object{{"code", code}, {"site", kSite}, {"name", name}}, admin, 201);
      station_keys[code] = "Station " + std::string(station.at("key").as_string());
    }
    sealing_key = fetch_sealing_key(station_keys.begin()->second);
  }

  // The stations' events happened in the past (the demo's times run up to now), before any
  // sign-in a token could prove, so each person's proof is sealed as a station does offline:
  // badge and PIN for this station, time and event, sealed to the server's key.
  std::string fetch_sealing_key(const std::string& station) {
    const auto reply = http.request("GET", "/api/v1/operator-tokens/sealing-key", "", station);
    if (reply.status == 503) {
      throw std::runtime_error(
          "the demo's scans need the centre key to prove who scanned them: start serve with --centre-key-file "
          "(scripts/run makes one)");
    }
    const auto body = json::parse(reply.body);
    const std::string text(body.at("key").as_string());
    std::string key(crypto_box_PUBLICKEYBYTES, '\0');
    std::size_t length = 0;
    if (sodium_init() < 0 ||
        sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), text.data(), text.size(), nullptr,
                          &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != key.size()) {
      throw std::runtime_error("the server's sealing key does not read as 32 bytes of base64");
    }
    return key;
  }

  json::object sealed_proof(const std::string& username, const json::object& event) const {
    const std::string message = json::serialize(json::object{{"v", 1},
                                                             {"badge", badge_of(username)},
                                                             {"pin", kPin},
                                                             {"station", event.at("station")},
                                                             {"operator", username},
                                                             {"occurred_at", event.at("occurred_at")},
                                                             {"idempotency_key", event.at("idempotency_key")}});
    std::string box(message.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()),
                    reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                    reinterpret_cast<const unsigned char*>(sealing_key.data()));
    std::string text(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(box.data()), box.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    text.resize(text.size() - 1);  // the terminating NUL
    return {{"operator", username}, {"sealed", text}};
  }

  // The event of template step i for the journey, at time `at`.
  json::object event(std::size_t i, const std::string& coi, const DemoJourney& j, std::size_t n,
                     const std::string& at) {
    const TemplateStep& s = kSteps[i];
    const std::string apheresis_bag = "=A999826" + std::to_string(100000 + n) + "00";
    const std::string bag = "=A999826" + std::to_string(200000 + n) + "00";
    const std::string shipper = "SHIP-DEMO-" + std::to_string(n);
    json::array scans;
    json::object data;
    const std::string step = s.step;
    if (step == "order") data = {{"order_reference", "PO-DEMO-" + std::to_string(n)}};
    if (step == "apheresis.collect") {
      scans = {apheresis_bag, std::string("&#0008") + j.mrn};
      data = {{"volume_ml", 250}};
    }
    if (step == "apheresis.label") scans = {apheresis_bag, "&/" + coi};
    if (step == "apheresis.ship") {
      scans = {apheresis_bag};
      data = {{"shipper_id", "AS-DEMO-" + std::to_string(n)}};
    }
    if (step == "manufacturing.receive") data = {{"logger_readings_c", json::array{4.1, 5.0, 6.2}}};
    if (step == "manufacturing.release")
      data = {{"out_of_specification", false}, {"certificate", "RFIC-DEMO-" + std::to_string(n)}};
    if (step == "product.ship") data = {{"shipper_id", shipper}};
    if (step == "product.receive") {
      scans = {shipper};
      data = {{"logger_readings_c", json::array{-185.0, -180.5}},
              {"checklist",
               json::object{{"shipper_intact", true}, {"tamper_seal_matches", true}, {"logger_no_alarm", true}}}};
    }
    if (step == "product.store") {
      scans = {bag, "=<S1194A00"};
      data = {{"location", "LN2-1/R2/B" + std::to_string(n)}, {"temperature_c", -180.0}};
    }
    if (step == "product.thaw" || step == "product.thaw_complete" || step == "infusion.start") {
      scans = {bag, "=<S1194A00"};
    }
    if (step == "infusion.verify") {
      scans = {std::string("&#0008") + j.mrn, bag, "=<S1194A00", "&/" + coi};
      data = {{"tocilizumab_doses_on_site", 2}};
    }
    json::array operators{s.who};
    if (*s.witness) operators.emplace_back(s.witness);
    json::object e{{"journey", coi},
                   {"step", step},
                   {"occurred_at", at},
                   {"operators", std::move(operators)},
                   {"scans", std::move(scans)},
                   {"data", std::move(data)}};
    if (*s.station) {
      e["station"] = s.station;
      e["idempotency_key"] = "demo-" + coi + "-" + std::to_string(i);
      json::array proofs{sealed_proof(s.who, e)};
      if (*s.witness) proofs.push_back(sealed_proof(s.witness, e));
      e["proofs"] = std::move(proofs);
    }
    return e;
  }

  void journey(const DemoJourney& j, std::size_t n) {
    const auto created = call("POST", "/api/v1/journeys",
                              json::object{{"site", kSite},
                                           {"product", j.product},
                                           {"patient", json::object{{"mrn", j.mrn}, {"initials", j.initials}}}},
                              as("cora"), 201);
    const std::string coi(created.at("coi").as_string());
    const std::string units = "/api/v1/journeys/" + coi + "/units";
    // With its product code (S1194 cellular therapy, for autologous use), so its label can be printed.
    call("POST", units,
         json::object{
             {"kind", "apheresis_bag"}, {"din", "A999826" + std::to_string(100000 + n)}, {"product_code", "S1194100"}},
         as("cora"), 201);
    call("POST", units, json::object{{"kind", "shipper"}, {"id", "SHIP-DEMO-" + std::to_string(n)}}, as("cora"), 201);
    call("POST", units,
         json::object{{"kind", "bag"},
                      {"din", "A999826" + std::to_string(200000 + n)},
                      {"product_code", "S1194A00"},
                      {"expires_at", "2099-12-31"}},
         as("cora"), 201);
    // Planned first, as a coordinator does at enrolment (and so that the seeding's last event,
    // which tests wait for, comes after every plan).
    if (!j.plan.empty()) plan(coi, j.plan);
    // The newest step `lag` ago, the others before it with the template's gaps.
    const auto now = base::now_seconds();
    const auto shift = (now - j.lag) - *workflows::parse_time(kSteps[j.steps.back()].at);
    for (const std::size_t i : j.steps) {
      const std::string at = workflows::format_time(*workflows::parse_time(kSteps[i].at) + shift);
      const json::object e = event(i, coi, j, n, at);
      if (*kSteps[i].station) {
        call("POST", "/api/v1/scans", e, station_keys.at(kSteps[i].station), 200);
      } else {
        call("POST", "/api/v1/journeys/" + coi + "/events", e, as(kSteps[i].who), 200);
      }
    }
    if (j.logger)
      logger_readings(coi, n, *workflows::parse_time(kSteps[kProductShip].at) + shift,
                      *workflows::parse_time(kSteps[kProductReceive].at) + shift);
    spdlog::info("demo: journey {} ({}) at {}", coi, j.product, kSteps[j.steps.back()].step);
  }

  // The journey's planned dates, as the coordinator enters them on its page.
  void plan(const std::string& coi, const std::vector<PlannedItem>& items) {
    const auto today = std::chrono::floor<std::chrono::days>(base::now_seconds());
    const auto at = [&](int day, int hour) {
      return workflows::format_time(workflows::TimePoint(today + std::chrono::days(day) + std::chrono::hours(hour)));
    };
    json::array planned;
    for (const PlannedItem& item : items) {
      json::object o{{"kind", item.kind}, {"start", at(item.day, item.hour)}};
      if (item.end_day >= 0) o["end"] = at(item.end_day, item.end_hour);
      planned.push_back(std::move(o));
    }
    call("PUT", "/api/v1/journeys/" + coi + "/plan", json::object{{"items", std::move(planned)}}, as("cora"), 201);
  }

  // The product shipper's logger, read out at the cell lab on receipt: a reading every 10 min
  // from shipping to receipt, about -185 °C, except 20 minutes at about -140 °C half-way (above
  // the demo's -150 °C shipper limit: one TEMP_EXCURSION).
  void logger_readings(const std::string& coi, std::size_t n, workflows::TimePoint from, workflows::TimePoint to) {
    json::array readings;
    const auto middle = from + (to - from) / 2;
    for (auto at = from; at <= to; at += minutes(10)) {
      const bool warm = at >= middle && at < middle + minutes(20);
      const double wobble = static_cast<double>(readings.size() % 5) * 0.4;
      readings.push_back(
          json::object{{"at", workflows::format_time(at)}, {"celsius", warm ? -141.0 + wobble : -185.0 + wobble}});
    }
    call("POST", "/api/v1/temperature/readings",
         json::object{{"journey", coi},
                      {"logger", "LOG-DEMO-" + std::to_string(n)},
                      {"shipper", "SHIP-DEMO-" + std::to_string(n)},
                      {"readings", std::move(readings)}},
         station_keys.at("LAB-1"), 200);
  }
};

Seeder::Seeder(unsigned short port, std::string tls_cert_file)
    : impl_(std::make_unique<Impl>(port, std::move(tls_cert_file))) {}
Seeder::~Seeder() = default;

void Seeder::run() {
  impl_->people_and_stations();
  std::size_t n = 0;
  for (const DemoJourney& j : journeys()) impl_->journey(j, ++n);
}

void Seeder::abort() { impl_->http.abort(); }

}  // namespace cj::demo
