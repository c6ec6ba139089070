// Seeding and walking for safety_clock_test.cpp: a site per test with the test site's rules
// (tests/workflows/sites/test_eu.yaml), a station and the people of the scenarios' contexts
// (tests/workflows/contexts/), trained for the product; a journey of any product with the units
// of its context registered through the API, walked through POST /api/v1/scans with the events
// of its happy journey (tests/workflows/scenarios/PRODUCT_happy_journey.jsonl).
//
// Every time of a walk is shifted by one amount, so that a chosen event happens a chosen time
// before now (the engine refuses events ahead of the server's clock); the gaps between events
// are the scenario's. Journey n (10..99, one per journey of a suite) gets DINs A999926n....,
// shipper, cassette, carton and RfIC ids "...-n" and MRN "MRN000n".
//
// The suite's server does not sweep by itself (--sweep-interval 0): an OVERDUE deviation exists
// only once a test has run `celljourney sweep`.
#pragma once

#include <optional>
#include <regex>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "base/clock.h"
#include "tests/server/board/board_world.h"
#include "tests/support/server_process.h"
#include "workflows/time_point.h"

namespace cj::testing {

using workflows::TimePoint;

/// A journey being walked through its product's happy scenario.
struct Walk {
  World w;
  std::string product;
  std::string coi;
  std::vector<boost::json::object> script;  // the scenario's events, made this journey's
  std::size_t next = 0;                     // the next one to post
  int keys = 0;                             // idempotency keys used
};

class SafetyClockSuite : public BoardSuite {
 public:
  static void SetUpTestSuite() { start_suite({"--sweep-interval", "0"}); }

 protected:
  static TimePoint now() { return base::now_seconds(); }
  static std::string at(TimePoint t) { return workflows::format_time(t); }
  static TimePoint time_of(const boost::json::object& event) {
    return *workflows::parse_time(event.at("occurred_at").as_string());
  }
  /// The username of a context's person ("alice") at w's site: "alice.TAG".
  static std::string person(const World& w, const std::string& name) { return name + "." + w.site; }

  /// Site `tag` with the test site's rules and a station; cora (coordinator), ann (apheresis),
  /// alice and bob (cell_lab), nina (clinical), paul (physician) and quinn (qa), trained for
  /// product from a year ago to a year ahead.
  static World seed_site(const std::string& tag, const std::string& fin, const std::string& product) {
    World w{tag, fin, "cora." + tag, "ann." + tag, "ST-" + tag, ""};
    add_site(w.site, fin);
    set_rules(w.site, test_eu_rules());
    for (const auto& [name, role] : std::vector<std::pair<std::string, std::string>>{{"cora", "coordinator"},
                                                                                     {"ann", "apheresis"},
                                                                                     {"alice", "cell_lab"},
                                                                                     {"bob", "cell_lab"},
                                                                                     {"nina", "clinical"},
                                                                                     {"paul", "physician"},
                                                                                     {"quinn", "qa"}}) {
      add_user(person(w, name), {role + "@" + w.site});
      pqxx::connection conn(uri());
      pqxx::work tx(conn);
      tx.exec_params0(
          "INSERT INTO qualifications (user_id, qualification, valid_from, valid_until) "
          "SELECT id, $2, now() - interval '1 year', now() + interval '1 year' FROM users WHERE username = $1",
          person(w, name), product);
      tx.commit();
    }
    w.station_key = add_station(w.station, w.site);
    return w;
  }

  /// A new journey of product at w's site (POST /api/v1/journeys) with its context's units
  /// registered (expiring a year from now), its happy journey ready to walk, shifted so that the
  /// first event of `step` happens at `when`.
  static Walk start_journey(const World& w, const std::string& product, int n, const std::string& step,
                            TimePoint when) {
    Walk j{w, product, "", {}, 0, 0};
    const std::string mrn = "MRN000" + std::to_string(n);
    auto cora = log_in(w.coordinator);
    auto created = cora.post("/api/v1/journeys",
                             boost::json::object{{"site", w.site},
                                                 {"product", product},
                                                 {"patient", boost::json::object{{"mrn", mrn}, {"initials", "JD"}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    j.coi = created.text("coi");
    const auto ours = [&](const std::string& text) {
      std::string out = std::regex_replace(text, std::regex("CHA99992600001A"), j.coi);
      out = std::regex_replace(out, std::regex("A9999261[02]([0-9]{4})"), "A999926" + std::to_string(n) + "$1");
      out = std::regex_replace(out, std::regex("(SHIP|CAS|CTN|RFIC)-0001"), "$1-" + std::to_string(n));
      return std::regex_replace(out, std::regex("MRN12345"), mrn);
    };

    const auto context = boost::json::parse(ours(read_source_file("tests/workflows/contexts/" + product + ".json")));
    for (auto unit : context.at("journey").at("units").as_array()) {
      auto& u = unit.as_object();
      if (u.contains("expires_at")) u["expires_at"] = at(now() + std::chrono::days{365});
      auto reply = cora.post("/api/v1/journeys/" + j.coi + "/units", u);
      EXPECT_EQ(reply.status, 201) << reply.raw;
    }

    std::istringstream lines(ours(read_source_file("tests/workflows/scenarios/" + product + "_happy_journey.jsonl")));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.find("\"scenario\"") != std::string::npos) continue;  // the header
      boost::json::object event = boost::json::parse(line).as_object();
      event.erase("expect");
      event["station"] = w.station;
      boost::json::array operators;
      for (const auto& name : event.at("operators").as_array()) {
        operators.emplace_back(person(w, boost::json::value_to<std::string>(name)));
      }
      event["operators"] = std::move(operators);
      j.script.push_back(std::move(event));
    }
    std::optional<TimePoint> anchor;
    for (const auto& event : j.script) {
      if (!anchor && event.at("step") == step.c_str()) anchor = time_of(event);
    }
    EXPECT_TRUE(anchor) << product << "'s happy journey has no " << step;
    for (auto& event : j.script) event["occurred_at"] = at(time_of(event) + (when - anchor.value_or(when)));
    return j;
  }

  /// The k-th (from 1) scripted event of step.
  static const boost::json::object& scripted(const Walk& j, const std::string& step, int k = 1) {
    for (const auto& event : j.script) {
      if (event.at("step") == step.c_str() && --k == 0) return event;
    }
    throw std::logic_error(j.product + "'s happy journey has too few " + step);
  }

  /// The next scripted event, to post as it is or changed.
  static boost::json::object& upcoming(Walk& j) {
    if (j.next >= j.script.size()) throw std::logic_error(j.product + "'s walk is over");
    return j.script[j.next];
  }

  /// Posts event from the journey's station (POST /api/v1/scans) with a new idempotency key.
  static ApiReply scan(Walk& j, boost::json::object event) {
    event["idempotency_key"] = j.coi + "-" + std::to_string(++j.keys);
    return station_of(j.w).post("/api/v1/scans", event);
  }

  /// Posts the next scripted event; its reply.
  static ApiReply post_next(Walk& j) {
    auto reply = scan(j, upcoming(j));
    ++j.next;
    return reply;
  }

  /// Posts the scripted events before the next one of step, each accepted.
  static void walk_to(Walk& j, const std::string& step) {
    while (upcoming(j).at("step") != step.c_str()) {
      const std::string sent = boost::json::serialize(upcoming(j));
      auto reply = post_next(j);
      ASSERT_EQ(reply.status, 200) << sent << "\n" << reply.raw;
    }
  }

  /// The same and that one too, accepted; the time it happened.
  static TimePoint walk_through(Walk& j, const std::string& step) {
    walk_to(j, step);
    if (HasFatalFailure()) return {};
    const TimePoint when = time_of(upcoming(j));
    auto reply = post_next(j);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return when;
  }

  /// A step entered at a desk (POST /api/v1/journeys/{coi}/events) by people of the context
  /// ("cora"), no unit scanned, at `when`.
  static ApiReply desk(const Walk& j, const std::string& step, const std::vector<std::string>& who,
                       const boost::json::object& data, TimePoint when) {
    boost::json::array operators;
    for (const auto& name : who) operators.emplace_back(person(j.w, name));
    return desk_event(j.coi, step, operators, data, at(when));
  }

  /// The key of the bag (or vial) an event scans: "A999926233456/S1194A00".
  static std::string bag_of(const boost::json::object& event) {
    std::string din, code;
    for (const auto& scanned : event.at("scans").as_array()) {
      const auto text = boost::json::value_to<std::string>(scanned);
      if (text.rfind("=<", 0) == 0) code = text.substr(2);
      else if (text.rfind("=", 0) == 0) din = text.substr(1, 13);
    }
    return din + "/" + code;
  }

  /// The codes of a decision's refusals or deviations ("refusals", "deviations").
  static std::vector<std::string> codes(const boost::json::value& decision, const char* which) {
    std::vector<std::string> out;
    for (const auto& finding : decision.at(which).as_array()) {
      out.push_back(boost::json::value_to<std::string>(finding.at("code")));
    }
    return out;
  }

  /// The clock of rule (and unit, when given) on a board row or journey page; empty if none.
  static boost::json::object clock_of(const boost::json::value& clocks, const std::string& rule,
                                      const std::string& unit = "") {
    for (const auto& c : clocks.as_array()) {
      if (c.at("rule") == rule.c_str() && (unit.empty() || c.at("unit") == unit.c_str())) return c.as_object();
    }
    return {};
  }

  /// The journey's deviations as GET /api/v1/deviations?journey= lists them to quinn (qa),
  /// open ones, with code (any code when empty).
  static std::vector<boost::json::object> open_deviations(const Walk& j, const std::string& code = "") {
    auto reply = log_in(person(j.w, "quinn")).get("/api/v1/deviations?status=open&journey=" + j.coi);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    std::vector<boost::json::object> out;
    if (reply.status != 200) return out;
    for (const auto& d : reply.body.at("deviations").as_array()) {
      if (code.empty() || d.at("code") == code.c_str()) out.push_back(d.as_object());
    }
    return out;
  }

  /// The COIs GET /api/v1/journeys?status= lists to w's coordinator.
  static std::vector<std::string> listed_with_status(const World& w, const std::string& status) {
    auto reply = log_in(w.coordinator).get("/api/v1/journeys?site=" + w.site + "&status=" + status);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    std::vector<std::string> cois;
    if (reply.status != 200) return cois;
    for (const auto& journey : reply.body.at("journeys").as_array()) {
      cois.push_back(boost::json::value_to<std::string>(journey.at("coi")));
    }
    return cois;
  }

  /// One deadline sweep now, as the server's timer runs it.
  static void sweep() {
    const CommandResult swept = run_celljourney({"sweep", "--database", uri()});
    ASSERT_EQ(swept.exit_code, 0) << swept.output;
  }
};

}  // namespace cj::testing
