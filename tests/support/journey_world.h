// Seeding for the journey and scan suites (journeys_test.cpp, scans_test.cpp,
// site_rules_test.cpp): a site with its rules (tests/workflows/sites/test_eu.yaml), a
// coordinator and an apheresis nurse trained for Kymriah, and a station; and the events of the
// Kymriah scenario (tests/workflows/scenarios/kymriah_happy_journey.jsonl) as request bodies.
//
// Tests in a suite share one database: each test seeds its own world under its own tag (site
// code, FIN, usernames and station code are derived from it) and its own DINs.
#pragma once

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/rules/site_rules.h"
#include "tests/support/api_suite.h"
#include "tests/support/operator_proofs.h"

namespace cj::testing {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CELLJOURNEY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline const std::string& test_eu_rules() {
  static const std::string yaml = read_source_file("tests/workflows/sites/test_eu.yaml");
  return yaml;
}

/// One site's people and station.
struct World {
  std::string site;         // "w1"
  std::string fin;          // "J0001"
  std::string coordinator;  // "cora.w1": coordinator, Kymriah training
  std::string nurse;        // "ann.w1": apheresis, Kymriah training
  std::string station;      // "AP-w1"
  std::string station_key;
};

class JourneySuite : public ApiSuite {
 protected:
  /// Stores yaml as the site's rules, as `celljourney site rules` does.
  static void set_rules(const std::string& site, const std::string& yaml) {
    pqxx::connection conn(uri());
    pqxx::work tx(conn);
    const auto id = tx.exec_params1("SELECT id FROM sites WHERE code = $1", site)[0].as<std::int64_t>();
    (void)rules::store_site_rules(tx, id, site, yaml, std::nullopt, "test");
    tx.commit();
  }

  /// Kymriah training from 2026-01-01 to 2027-12-31.
  static void train(const std::string& username, const std::string& qualification = "kymriah") {
    pqxx::connection conn(uri());
    pqxx::work tx(conn);
    tx.exec_params0(
        "INSERT INTO qualifications (user_id, qualification, valid_from, valid_until) "
        "SELECT id, $2, '2026-01-01T00:00:00Z', '2027-12-31T00:00:00Z' FROM users WHERE username = $1",
        username, qualification);
    tx.commit();
  }

  static World seed_world(const std::string& tag, const std::string& fin, bool with_rules = true) {
    World w{tag, fin, "cora." + tag, "ann." + tag, "AP-" + tag, ""};
    add_site(w.site, fin);
    if (with_rules) set_rules(w.site, test_eu_rules());
    add_user(w.coordinator, {"coordinator@" + w.site});
    add_user(w.nurse, {"apheresis@" + w.site});
    train(w.coordinator);
    train(w.nurse);
    w.station_key = add_station(w.station, w.site);
    return w;
  }

  /// POSTs a Kymriah journey for patient mrn at the world's site as its coordinator; its COI.
  static std::string new_journey(const World& w, const std::string& mrn = "MRN12345") {
    auto reply = log_in(w.coordinator)
                     .post("/api/v1/journeys",
                           boost::json::object{{"site", w.site},
                                               {"product", "kymriah"},
                                               {"patient", boost::json::object{{"mrn", mrn}, {"initials", "JD"}}}});
    EXPECT_EQ(reply.status, 201) << reply.raw;
    return reply.text("coi");
  }

  /// Registers an apheresis bag with DIN din ("A999926100001") to journey coi.
  static void add_apheresis_bag(const World& w, const std::string& coi, const std::string& din) {
    auto reply =
        log_in(w.coordinator)
            .post("/api/v1/journeys/" + coi + "/units", boost::json::object{{"kind", "apheresis_bag"}, {"din", din}});
    EXPECT_EQ(reply.status, 201) << reply.raw;
  }

  /// The scenario's order event (accepted for a coordinator).
  static boost::json::object order_event(const World& w, const std::string& coi, const std::string& key) {
    return {{"journey", coi},
            {"step", "order"},
            {"occurred_at", "2026-10-01T09:00:00Z"},
            {"station", w.station},
            {"operators", boost::json::array{w.coordinator}},
            {"scans", boost::json::array{}},
            {"data", boost::json::object{{"order_reference", "PO-1"}}},
            {"idempotency_key", key}};
  }

  /// The scenario's collection: the bag with DIN din (flags 00) and the wristband of MRN12345.
  static boost::json::object collect_event(const World& w, const std::string& coi, const std::string& din,
                                           const std::string& key) {
    return {{"journey", coi},
            {"step", "apheresis.collect"},
            {"occurred_at", "2026-10-05T12:00:00Z"},
            {"station", w.station},
            {"operators", boost::json::array{w.nurse}},
            {"scans", boost::json::array{"=" + din + "00", "&#0008MRN12345"}},
            {"data", boost::json::object{{"volume_ml", 250}}},
            {"idempotency_key", key}};
  }

  /// A Kymriah journey at w's site recorded through POST /api/v1/scans with the events of the
  /// Kymriah scenario (tests/workflows/scenarios/kymriah_happy_journey.jsonl, one bag) before its
  /// first `stop_step` event ("infusion.end": recorded up to its infusion start on 2026-11-20, so
  /// its infusion end is long overdue; "" for every event). n (2..9) makes its DINs and shipper
  /// its own; mrn is 8 characters (the wristband reads "&#0008" + mrn). Adds the cell lab and
  /// bedside people the scenario needs ("lab.", "nina.", "paul."), once per site.
  static std::string kymriah_journey_until(const World& w, int n, const std::string& stop_step,
                                           const std::string& mrn = "MRN12345") {
    const std::map<std::string, std::string> people{{"cora", w.coordinator},
                                                    {"ann", w.nurse},
                                                    {"alice", "lab." + w.site},
                                                    {"nina", "nina." + w.site},
                                                    {"paul", "paul." + w.site}};
    if (sql("SELECT count(*)::text FROM users WHERE username = $1", people.at("alice")) == "0") {
      add_user(people.at("alice"), {"cell_lab@" + w.site});
      add_user(people.at("nina"), {"clinical@" + w.site});
      add_user(people.at("paul"), {"physician@" + w.site});
      for (const char* who : {"alice", "nina", "paul"}) train(people.at(who));
    }
    const std::string coi = new_journey(w, mrn);
    const std::string din_prefix = "A999926" + std::to_string(n);  // A999926100001 -> A999926n00001
    auto coordinator = log_in(w.coordinator);
    for (const boost::json::object& unit :
         {boost::json::object{{"kind", "apheresis_bag"}, {"din", din_prefix + "00001"}},
          boost::json::object{{"kind", "shipper"}, {"id", "SHIP-" + w.site}},
          boost::json::object{{"kind", "bag"},
                              {"din", din_prefix + "23456"},
                              {"product_code", "S1194A00"},
                              {"expires_at", "2099-12-31"}}}) {
      auto reply = coordinator.post("/api/v1/journeys/" + coi + "/units", unit);
      EXPECT_EQ(reply.status, 201) << reply.raw;
    }
    std::istringstream lines(read_source_file("tests/workflows/scenarios/kymriah_happy_journey.jsonl"));
    std::string line;
    int seq = 0;
    while (std::getline(lines, line)) {
      if (line.find("\"scenario\"") != std::string::npos) continue;   // the header
      if (line.find("A999926123457") != std::string::npos) continue;  // the second bag: not ours
      if (!stop_step.empty() && line.find("\"step\": \"" + stop_step + "\"") != std::string::npos) break;
      line = std::regex_replace(line, std::regex("CHA99992600001A"), coi);
      line = std::regex_replace(line, std::regex("A9999261"), din_prefix);
      line = std::regex_replace(line, std::regex("SHIP-0001"), "SHIP-" + w.site);
      line = std::regex_replace(line, std::regex("MRN12345"), mrn);
      boost::json::object event = boost::json::parse(line).as_object();
      event.erase("expect");
      event["station"] = w.station;
      boost::json::array operators;
      for (const auto& name : event.at("operators").as_array())
        operators.emplace_back(people.at(boost::json::value_to<std::string>(name)));
      event["operators"] = std::move(operators);
      event["idempotency_key"] = w.site + "-" + std::to_string(n) + "-" + std::to_string(++seq);
      auto reply = station_of(w).post("/api/v1/scans", with_proofs(station_of(w), event));
      EXPECT_EQ(reply.status, 200) << boost::json::serialize(event) << "\n" << reply.raw;
    }
    return coi;
  }

  static ApiClient station_of(const World& w) { return anonymous().with_station_key(w.station_key); }

  /// The journey's id, as text.
  static std::string journey_id(const std::string& coi) {
    return sql("SELECT id::text FROM journeys WHERE coi = $1", coi);
  }
  /// "accepted/refused": how many events of each the journey has recorded ("2/1").
  static std::string recorded(const std::string& coi) {
    return sql(
        "SELECT count(*) FILTER (WHERE e.decision = 'accepted') || '/' || "
        "count(*) FILTER (WHERE e.decision = 'refused') FROM journeys j "
        "LEFT JOIN events e ON e.journey_id = j.id WHERE j.coi = $1",
        coi);
  }
};

}  // namespace cj::testing
