// A site's settings: its administrators set how long sessions may stay unused and the time zone
// its times are shown in (PUT /api/v1/sites/{code}/settings, `celljourney site set`).
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class SiteSettingsTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    ApiSuite::SetUpTestSuite();
    add_site("east", "A0011");
    add_site("west", "A0012");
    add_user("admin-east", {"admin@east"});
    add_user("admin-west", {"admin@west"});
    add_user("nurse-east", {"apheresis@east"});
  }

 protected:
  static json::object idle(std::int64_t minutes) { return {{"session_idle_minutes", minutes}}; }
};

TEST_F(SiteSettingsTest, AnAdministratorSetsTheSitesIdleTimeoutAndItIsLogged) {
  auto reply = log_in("admin-east").put("/api/v1/sites/east/settings", idle(30));
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("code"), "east");
  EXPECT_EQ(reply.body.at("session_idle_minutes"), 30);
  EXPECT_EQ(sql("SELECT session_idle_minutes::text FROM sites WHERE code = 'east'"), "30");
  EXPECT_EQ(sql("SELECT details->>'was' FROM admin_log WHERE action = 'site.settings' AND subject = 'east' "
                "ORDER BY id DESC LIMIT 1"),
            R"({"session_idle_minutes": 15})");
  auto sites = log_in("admin-east").get("/api/v1/sites");
  EXPECT_NE(sites.raw.find("\"session_idle_minutes\":30"), std::string::npos) << sites.raw;
}

TEST_F(SiteSettingsTest, AnAdministratorOfAnotherSiteOrANurseMayNotChangeIt) {
  EXPECT_EQ(log_in("admin-west").put("/api/v1/sites/east/settings", idle(600)).status, 403);
  EXPECT_EQ(log_in("nurse-east").put("/api/v1/sites/east/settings", idle(600)).status, 403);
  EXPECT_NE(sql("SELECT session_idle_minutes::text FROM sites WHERE code = 'east'"), "600");
}

TEST_F(SiteSettingsTest, TheTimeoutIsAWholeNumberOfMinutesFromOneTo720) {
  auto admin = log_in("admin-west");
  for (const json::value& bad : {json::value(0), json::value(721), json::value(2.5), json::value("10")}) {
    auto reply = admin.put("/api/v1/sites/west/settings", json::object{{"session_idle_minutes", bad}});
    EXPECT_EQ(reply.status, 400) << json::serialize(bad);
    EXPECT_EQ(reply.error_field(), "session_idle_minutes") << reply.raw;
  }
  EXPECT_EQ(admin.put("/api/v1/sites/west/settings", json::object{}).error_code(), "MISSING_FIELD");
  EXPECT_EQ(admin.put("/api/v1/sites/west/settings", json::object{{"colour", "red"}}).error_code(), "UNKNOWN_FIELD");
  EXPECT_EQ(sql("SELECT session_idle_minutes::text FROM sites WHERE code = 'west'"), "15");
}

TEST_F(SiteSettingsTest, AShorterTimeoutEndsASessionUnusedThatLongAtOnce) {
  auto nurse = log_in("nurse-east");
  ASSERT_EQ(nurse.get("/api/v1/session").status, 200);
  sql("UPDATE sessions SET last_seen_at = now() - interval '5 minutes' WHERE user_id = "
      "(SELECT id FROM users WHERE username = 'nurse-east')");
  ASSERT_EQ(log_in("admin-east").put("/api/v1/sites/east/settings", idle(4)).status, 200);
  EXPECT_EQ(nurse.get("/api/v1/session").status, 401);
}

TEST_F(SiteSettingsTest, AnAdministratorSetsTheSitesTimeZoneAndThePagesReadItFromTheSiteList) {
  auto admin = log_in("admin-east");
  auto reply = admin.put("/api/v1/sites/east/settings", json::object{{"time_zone", "Europe/Berlin"}});
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("time_zone"), "Europe/Berlin");
  EXPECT_EQ(reply.body.at("session_idle_minutes").as_int64() > 0, true) << "the other setting is kept";
  EXPECT_EQ(sql("SELECT details->'was'->>'time_zone' FROM admin_log WHERE action = 'site.settings' "
                "AND subject = 'east' ORDER BY id DESC LIMIT 1"),
            "UTC")
      << "a new site's times are UTC until it is set";
  auto nurse_view = log_in("nurse-east").get("/api/v1/sites");
  EXPECT_NE(nurse_view.raw.find(R"("time_zone":"Europe/Berlin")"), std::string::npos) << nurse_view.raw;
}

TEST_F(SiteSettingsTest, ATimeZonePostgreSQLDoesNotKnowIsRefusedAndNullReturnsToTheInstallationsZoneOrUtc) {
  auto admin = log_in("admin-west");
  for (const json::value& bad : {json::value("Mars/Olympus_Mons"), json::value("Europe/../etc"), json::value(1)}) {
    auto reply = admin.put("/api/v1/sites/west/settings", json::object{{"time_zone", bad}});
    EXPECT_EQ(reply.status, 400) << json::serialize(bad);
    EXPECT_EQ(reply.error_field(), "time_zone") << reply.raw;
  }
  ASSERT_EQ(admin.put("/api/v1/sites/west/settings", json::object{{"time_zone", "America/New_York"}}).status, 200);
  auto reply = admin.put("/api/v1/sites/west/settings", json::object{{"time_zone", nullptr}});
  ASSERT_EQ(reply.status, 200) << reply.raw;
  const std::string installation =
      sql("SELECT coalesce((SELECT value FROM settings WHERE key = 'labels.time_zone'), 'UTC')");
  EXPECT_EQ(sql("SELECT time_zone FROM sites WHERE code = 'west'"), installation);
  EXPECT_EQ(json::value_to<std::string>(reply.body.at("time_zone")), installation);
}

}  // namespace
}  // namespace cj::testing
