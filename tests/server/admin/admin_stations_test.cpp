// The administration API for stations and qualifications.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class AdminStationsTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    ApiSuite::SetUpTestSuite();
    add_site("north", "A0001");
    add_site("south", "A0002");
    add_user("admin-north", {"admin@north"});
    add_user("nurse-north", {"clinical@north"});
    add_user("nurse-south", {"clinical@south"});
  }
};

TEST_F(AdminStationsTest, CreatingAStationShowsItsKeyOnceAndTheKeyWorks) {
  auto admin = log_in("admin-north");
  auto reply =
      admin.post("/api/v1/stations", json::object{{"code", "CL-01"}, {"site", "north"}, {"name", "Cell lab 1"}});
  ASSERT_EQ(reply.status, 201) << reply.raw;
  const auto key = reply.text("key");
  EXPECT_EQ(key.size(), 43u);
  EXPECT_EQ(reply.body.at("site"), "north");
  EXPECT_EQ(anonymous().with_station_key(key).get("/api/v1/session").status, 200);
  auto list = admin.get("/api/v1/stations");
  EXPECT_NE(list.raw.find("CL-01"), std::string::npos);
  EXPECT_EQ(list.raw.find(key), std::string::npos);
  EXPECT_EQ(sql("SELECT count(*) FROM stations WHERE key_hash = sha256(convert_to($1, 'UTF8'))", key), "1");
}

TEST_F(AdminStationsTest, ARevokedStationKeyStopsWorking) {
  auto admin = log_in("admin-north");
  const auto key =
      admin.post("/api/v1/stations", json::object{{"code", "CL-02"}, {"site", "north"}, {"name", "Cell lab 2"}})
          .text("key");
  auto reply = admin.post("/api/v1/stations/CL-02/revoke", json::object{});
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_TRUE(reply.body.at("revoked_at").is_string());
  EXPECT_EQ(anonymous().with_station_key(key).get("/api/v1/session").status, 401);
}

TEST_F(AdminStationsTest, StationsOfOtherSitesCannotBeCreatedOrRevoked) {
  auto admin = log_in("admin-north");
  EXPECT_EQ(
      admin.post("/api/v1/stations", json::object{{"code", "S-01"}, {"site", "south"}, {"name", "South 1"}}).status,
      403);
  add_station("S-02", "south");
  EXPECT_EQ(admin.post("/api/v1/stations/S-02/revoke", json::object{}).status, 404);
  EXPECT_EQ(sql("SELECT count(*) FROM stations WHERE code = 'S-02' AND revoked_at IS NULL"), "1");
}

TEST_F(AdminStationsTest, ADuplicateStationCodeIs409) {
  auto admin = log_in("admin-north");
  ASSERT_EQ(admin.post("/api/v1/stations", json::object{{"code", "CL-03"}, {"site", "north"}, {"name", "x"}}).status,
            201);
  auto again = admin.post("/api/v1/stations", json::object{{"code", "CL-03"}, {"site", "north"}, {"name", "x"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "STATION_EXISTS");
}

TEST_F(AdminStationsTest, AQualificationIsRecordedAndListed) {
  auto admin = log_in("admin-north");
  auto reply =
      admin.post("/api/v1/users/nurse-north/qualifications", json::object{{"qualification", "kymriah"},
                                                                          {"valid_from", "2026-01-01"},
                                                                          {"valid_until", "2099-01-01T00:00:00Z"},
                                                                          {"issuing_centre", "Training Centre Basel"}});
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body.at("valid_from"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(reply.body.at("current"), true);
  auto list = admin.get("/api/v1/users/nurse-north/qualifications");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body.at("qualifications").as_array().size(), 1u);
  EXPECT_EQ(list.body.at("qualifications").at(0).at("issuing_centre"), "Training Centre Basel");
}

TEST_F(AdminStationsTest, AQualificationNeedsValidDatesInOrder) {
  auto admin = log_in("admin-north");
  auto url = "/api/v1/users/nurse-north/qualifications";
  EXPECT_EQ(admin.post(url, json::object{{"qualification", "car-t-core"}, {"valid_from", "2026-02-30"}}).error_field(),
            "valid_from");
  EXPECT_EQ(admin.post(url, json::object{{"qualification", "car-t-core"}, {"valid_from", "01/02/2026"}}).error_field(),
            "valid_from");
  auto backwards = admin.post(
      url, json::object{{"qualification", "car-t-core"}, {"valid_from", "2026-06-01"}, {"valid_until", "2026-01-01"}});
  EXPECT_EQ(backwards.status, 400);
  EXPECT_EQ(backwards.error_field(), "valid_until");
  EXPECT_EQ(
      admin.post(url, json::object{{"qualification", "Kymriah Training"}, {"valid_from", "2026-01-01"}}).error_field(),
      "qualification");
}

TEST_F(AdminStationsTest, QualificationsOfPeopleAtOtherSitesAreNotFound) {
  auto reply = log_in("admin-north")
                   .post("/api/v1/users/nurse-south/qualifications",
                         json::object{{"qualification", "kymriah"}, {"valid_from", "2026-01-01"}});
  EXPECT_EQ(reply.status, 404);
}

}  // namespace
}  // namespace cj::testing
