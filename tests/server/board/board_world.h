// Seeding and reading for the board suites (board_projection_test.cpp, board_api_test.cpp):
// GET /api/v1/board as a map by COI, and the desk events (hold, return, dispose, an
// out-of-order step) the scenario of journey_world.h does not record.
#pragma once

#include <map>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/journey_world.h"

namespace cj::testing {

class BoardSuite : public JourneySuite {
 protected:
  /// The rows GET /api/v1/board?query answers client, by COI (every page of 500).
  static std::map<std::string, boost::json::object> board(const ApiClient& client, const std::string& query = "") {
    std::map<std::string, boost::json::object> rows;
    std::string after;
    for (int page = 0; page < 100; ++page) {
      auto reply = client.get("/api/v1/board?limit=500" + (query.empty() ? "" : "&" + query) +
                              (after.empty() ? "" : "&after=" + after));
      EXPECT_EQ(reply.status, 200) << reply.raw;
      if (reply.status != 200) break;
      for (const auto& row : reply.body.at("journeys").as_array()) {
        rows[boost::json::value_to<std::string>(row.at("coi"))] = row.as_object();
      }
      if (reply.body.at("next_cursor").is_null()) break;
      after = boost::json::value_to<std::string>(reply.body.at("next_cursor"));
    }
    return rows;
  }

  /// The journey's row as w's coordinator sees it (?coi=); an empty object when it is not on the board.
  static boost::json::object row_of(const World& w, const std::string& coi) {
    auto rows = board(log_in(w.coordinator), "coi=" + coi);
    return rows.count(coi) ? rows.at(coi) : boost::json::object{};
  }

  /// POSTs a desk event (POST /api/v1/journeys/{coi}/events) by operators[0]; its reply.
  static ApiReply desk_event(const std::string& coi, const std::string& step, const boost::json::array& operators,
                             const boost::json::object& data, const std::string& occurred_at = "2026-11-20T12:00:00Z") {
    return log_in(boost::json::value_to<std::string>(operators.at(0)))
        .post("/api/v1/journeys/" + coi + "/events", boost::json::object{{"journey", coi},
                                                                         {"step", step},
                                                                         {"occurred_at", occurred_at},
                                                                         {"operators", operators},
                                                                         {"scans", boost::json::array{}},
                                                                         {"data", data}});
  }

  /// The journey's newest event id, read from the journal itself.
  static std::string newest_event_id(const std::string& coi) {
    return sql("SELECT max(e.id)::text FROM events e JOIN journeys j ON j.id = e.journey_id WHERE j.coi = $1", coi);
  }
};

}  // namespace cj::testing
