// A site's capacity and week (PUT/GET /api/v1/sites/{code}/capacity, GET .../week and
// .../week.ics): places per weekday and date with a reason, and the week's planned, due,
// slipped and conflicting items in the site's time zone, also as an iCalendar read back strictly.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/server/schedule/ical_reader.h"
#include "tests/server/schedule/schedule_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class SiteWeekTest : public ScheduleSuite {
 protected:
  static ApiReply put_capacity(const std::string& user, const std::string& site, const json::object& body) {
    return log_in(user).put("/api/v1/sites/" + site + "/capacity", body);
  }
  static json::object chairs_every_day(int places) {
    json::array changes;
    for (int weekday = 1; weekday <= 7; ++weekday) {
      changes.emplace_back(json::object{{"resource", "apheresis_chair"}, {"weekday", weekday}, {"places", places}});
    }
    return json::object{{"reason", "weekly staffing"}, {"changes", changes}};
  }
  static const json::object& day_of(const json::object& week, const std::string& date) {
    for (const auto& d : week.at("days").as_array())
      if (d.at("date") == date.c_str()) return d.as_object();
    throw std::runtime_error("no day " + date);
  }
  static const json::object* item_of(const json::object& day, const std::string& coi, const char* kind) {
    for (const auto& i : day.at("items").as_array())
      if (i.at("coi") == coi.c_str() && i.at("kind") == kind) return &i.as_object();
    return nullptr;
  }
};

TEST_F(SiteWeekTest, CapacityIsSetPerWeekdayAndOverriddenForADateWithAReason) {
  const World w = zurich_world("sw1", "L0001");
  ASSERT_EQ(put_capacity(w.coordinator, "sw1", chairs_every_day(2)).status, 200);
  auto holiday = put_capacity(
      w.coordinator, "sw1",
      json::object{
          {"reason", "unit closed for the holiday"},
          {"changes", json::array{json::object{{"resource", "apheresis_chair"}, {"date", day(2)}, {"places", 0}}}}});
  ASSERT_EQ(holiday.status, 200) << holiday.raw;
  auto read = log_in(w.nurse).get("/api/v1/sites/sw1/capacity?from=" + day(0) + "&to=" + day(6));
  ASSERT_EQ(read.status, 200) << read.raw;
  std::map<std::string, json::value> chairs;
  for (const auto& d : read.body.at("days").as_array())
    if (d.at("resource") == "apheresis_chair") chairs[str(d.at("date"))] = d.at("places");
  EXPECT_EQ(chairs.size(), 7u);
  EXPECT_EQ(chairs[day(1)], 2);
  EXPECT_EQ(chairs[day(2)], 0);
  EXPECT_EQ(read.body.at("changes").at(0).at("reason"), "unit closed for the holiday");
  EXPECT_EQ(read.body.at("changes").at(0).at("changed_by"), w.coordinator.c_str());
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'site.capacity' AND subject = 'sw1'"), "2");
  // Beds were never set: no number is made up for them.
  for (const auto& d : read.body.at("days").as_array())
    if (d.at("resource") == "infusion_bed") {
      EXPECT_TRUE(d.at("places").is_null());
    }
}

// One setting, one record of its changes: the zone is the site's settings' (an administrator's).
TEST_F(SiteWeekTest, TheCapacityDoesNotSetTheSiteTimeZoneItSaysWhereItIsSet) {
  const World w = zurich_world("sw9", "L0009");
  json::object body = chairs_every_day(1);
  body["time_zone"] = "Europe/Paris";
  auto reply = put_capacity(w.coordinator, "sw9", body);
  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "time_zone") << reply.raw;
  EXPECT_NE(reply.raw.find("/api/v1/sites/{code}/settings"), std::string::npos) << reply.raw;
  EXPECT_EQ(sql("SELECT time_zone FROM sites WHERE code = 'sw9'"), "Europe/Zurich");
  EXPECT_EQ(sql("SELECT count(*)::text FROM site_capacity c JOIN sites s ON s.id = c.site_id WHERE s.code = 'sw9'"),
            "0");  // nothing of the refused change was kept
}

TEST_F(SiteWeekTest, BadCapacityChangesAreRefusedNamingTheField) {
  const World w = zurich_world("sw2", "L0002");
  const struct {
    json::object body;
    const char* field;
  } cases[] = {
      {json::object{{"changes", json::array{}}}, "reason"},
      {json::object{{"reason", "x"},
                    {"changes", json::array{json::object{{"resource", "sofa"}, {"weekday", 1}, {"places", 1}}}}},
       "changes[0].resource"},
      {json::object{
           {"reason", "x"},
           {"changes", json::array{json::object{{"resource", "infusion_bed"}, {"weekday", 8}, {"places", 1}}}}},
       "changes[0].weekday"},
      {json::object{
           {"reason", "x"},
           {"changes", json::array{json::object{{"resource", "infusion_bed"}, {"date", day(1)}, {"places", -1}}}}},
       "changes[0].places"},
  };
  for (const auto& c : cases) {
    auto reply = put_capacity(w.coordinator, "sw2", c.body);
    EXPECT_EQ(reply.status, 400) << c.field << ": " << reply.raw;
    EXPECT_EQ(reply.error_field(), c.field) << reply.raw;
  }
  EXPECT_EQ(put_capacity(w.nurse, "sw2", chairs_every_day(1)).status, 403);
  const World other = zurich_world("sw3", "L0003");
  EXPECT_EQ(put_capacity(other.coordinator, "sw2", chairs_every_day(1)).status, 404)
      << "another site's coordinator is told no such site of theirs";
  EXPECT_EQ(sql("SELECT count(*)::text FROM site_capacity s JOIN sites t ON t.id = s.site_id WHERE t.code = 'sw2'"),
            "0");
}

TEST_F(SiteWeekTest, TheWeekShowsPlannedDueSlippedAndConflictingItemsInTheSitesZone) {
  const World w = zurich_world("sw4", "L0004");
  // Next week (all of it ahead): one chair on its Thursday (day 10), two collections that day;
  // one of them also plans manufacturing from the Friday.
  auto one_chair = put_capacity(
      w.coordinator, "sw4",
      json::object{
          {"reason", "one nurse on duty"},
          {"changes", json::array{json::object{{"resource", "apheresis_chair"}, {"date", day(10)}, {"places", 1}}}}});
  ASSERT_EQ(one_chair.status, 200) << one_chair.raw;
  const std::string first = new_journey(w, "MRN00041"), second = new_journey(w, "MRN00042");
  ASSERT_EQ(put_plan(w, first, {item("apheresis", at(10, 7), at(10, 11)), item("manufacturing", at(11, 8), at(37, 8))})
                .status,
            201);
  ASSERT_EQ(put_plan(w, second, {item("apheresis", at(10, 12), at(10, 15))}).status, 201);
  // Two collections that were due two hours ago: one recorded (done), one not (slipped).
  const std::string earlier = sql("SELECT iso_utc(now() - interval '3 hours')");
  const std::string due = sql("SELECT iso_utc(now() - interval '2 hours')");
  const std::string collected = kymriah_journey_until(w, 4, "apheresis.label", "MRN00043");
  const std::string missed = new_journey(w, "MRN00044");
  ASSERT_EQ(put_plan(w, collected, {item("apheresis", earlier, due)}).status, 201);
  ASSERT_EQ(put_plan(w, missed, {item("apheresis", earlier, due)}).status, 201);

  auto reply = log_in(w.coordinator).get("/api/v1/sites/sw4/week?start=" + day(7));
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const json::object& week = reply.body.as_object();
  EXPECT_EQ(week.at("time_zone"), "Europe/Zurich");
  EXPECT_EQ(week.at("days").as_array().size(), 7u);
  const json::object* a = item_of(day_of(week, day(10)), first, "apheresis");
  ASSERT_NE(a, nullptr) << reply.raw;
  EXPECT_EQ(a->at("state"), "due");
  EXPECT_EQ(a->at("conflict"), true);
  const std::string local =
      sql("SELECT to_char($1::timestamptz AT TIME ZONE 'Europe/Zurich', 'YYYY-MM-DD\"T\"HH24:MI')", at(10, 7));
  EXPECT_EQ(a->at("start_local"), local.c_str());
  EXPECT_NE(local, at(10, 7).substr(0, 16));  // the site's zone, not UTC
  const json::object* m = item_of(day_of(week, day(12)), first, "manufacturing");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->at("state"), "planned");
  EXPECT_EQ(m->at("conflict"), false);
  ASSERT_EQ(week.at("conflicts").as_array().size(), 1u) << reply.raw;
  EXPECT_EQ(week.at("conflicts").at(0).at("date"), day(10).c_str());
  EXPECT_EQ(week.at("conflicts").at(0).at("booked"), 2);

  std::vector<std::string> slipped;
  for (const auto& s : week.at("slipped").as_array()) slipped.push_back(str(s.at("coi")));
  EXPECT_EQ(slipped, std::vector<std::string>{missed}) << reply.raw;
}

TEST_F(SiteWeekTest, TheWeekExportsAsAnICalendarWithStableUids) {
  const World w = zurich_world("sw5", "L0005");
  const std::string coi = new_journey(w, "MRN00051");
  ASSERT_EQ(put_plan(w, coi, {item("apheresis", at(1, 7), at(1, 11)), item("infusion", at(6, 9))}).status, 201);
  auto coordinator = log_in(w.coordinator);
  auto reply = coordinator.get("/api/v1/sites/sw5/week.ics?start=" + day(0));
  ASSERT_EQ(reply.status, 200) << reply.raw;
  Ical cal;
  ASSERT_NO_THROW(cal = read_ical(reply.raw)) << reply.raw;
  ASSERT_EQ(cal.events.size(), 2u) << reply.raw;
  const auto& apheresis = cal.events[0].props;
  EXPECT_EQ(apheresis.at("UID"), coi + "-apheresis@celljourney");
  EXPECT_EQ(apheresis.at("SUMMARY"), "JD · kymriah · apheresis");
  EXPECT_EQ(apheresis.at("DTSTART"), day(1).substr(0, 4) + day(1).substr(5, 2) + day(1).substr(8, 2) + "T070000Z");
  EXPECT_NE(apheresis.at("DESCRIPTION").find("COI " + coi + "; step apheresis.collect"), std::string::npos);
  EXPECT_EQ(cal.events[1].props.count("DTEND"), 0u);  // the infusion is planned as a point in time
  // A changed plan keeps the UIDs: a calendar re-importing it updates the events.
  ASSERT_EQ(put_plan(w, coi, {item("apheresis", at(2, 7), at(2, 11)), item("infusion", at(6, 9))}, "chair free").status,
            200);
  const auto again = read_ical(coordinator.get("/api/v1/sites/sw5/week.ics?start=" + day(0)).raw);
  EXPECT_EQ(again.events.at(0).props.at("UID"), coi + "-apheresis@celljourney");
  EXPECT_NE(again.events.at(0).props.at("DTSTART"), apheresis.at("DTSTART"));
  EXPECT_EQ(coordinator.get("/api/v1/sites/sw5/week?start=2026-13-01").error_field(), "start");
}

}  // namespace
}  // namespace cj::testing
