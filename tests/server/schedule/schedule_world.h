// Seeding for the schedule suites (plan_api_test.cpp, site_week_test.cpp): a Kymriah world in
// the Europe/Zurich zone, dates of the site's current week, and plan bodies.
#pragma once

#include <string>

#include <boost/json.hpp>

#include "tests/support/journey_world.h"

namespace cj::testing {

class ScheduleSuite : public JourneySuite {
 protected:
  /// A world (journey_world.h) whose site counts its days in Europe/Zurich.
  static World zurich_world(const std::string& tag, const std::string& fin) {
    World w = seed_world(tag, fin);
    sql("UPDATE sites SET time_zone = 'Europe/Zurich' WHERE code = '" + tag + "'");
    return w;
  }

  /// The Monday of the current week in Europe/Zurich, plus days ("2026-12-09").
  static std::string day(int days) {
    return sql("SELECT (date_trunc('week', now() AT TIME ZONE 'Europe/Zurich')::date + " + std::to_string(days) +
               ")::text");
  }
  /// "<day(days)>T<hh>:00:00Z".
  static std::string at(int days, int hour) {
    return day(days) + "T" + (hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00Z";
  }

  static boost::json::object item(const std::string& kind, const std::string& start, const std::string& end = "") {
    boost::json::object i{{"kind", kind}, {"start", start}};
    if (!end.empty()) i["end"] = end;
    return i;
  }

  /// PUTs the plan of coi as w's coordinator.
  static ApiReply put_plan(const World& w, const std::string& coi, const boost::json::array& items,
                           const std::string& reason = "") {
    boost::json::object body{{"items", items}};
    if (!reason.empty()) body["reason"] = reason;
    return log_in(w.coordinator).put("/api/v1/journeys/" + coi + "/plan", body);
  }

  static std::string str(const boost::json::value& v) { return boost::json::value_to<std::string>(v); }
};

}  // namespace cj::testing
