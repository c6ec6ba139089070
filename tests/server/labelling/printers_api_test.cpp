// GET /api/v1/printers (server/labelling/printer_routes.h): the print form's list of a site's
// printers, registered the way an administrator does it (`celljourney printer add`).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/server/labelling/label_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class PrintersApi : public LabelSuite {};

TEST_F(PrintersApi, ASiteListsItsPrintersByNameWithFormatAndDpi) {
  const World w = seed_world("pr1", "J0101");
  add_printer("pr1", "WARD-ZEBRA", "tcp://127.0.0.1:9100");
  add_printer("pr1", "LAB-LASER", "cups://lab");

  auto reply = log_in(w.nurse).get("/api/v1/printers?site=pr1");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto& printers = reply.body.at("printers").as_array();
  ASSERT_EQ(printers.size(), 2u) << reply.raw;
  EXPECT_EQ(printers[0], (json::object{{"site", "pr1"}, {"name", "LAB-LASER"}, {"format", "pdf"}, {"dpi", 203}}));
  EXPECT_EQ(printers[1], (json::object{{"site", "pr1"}, {"name", "WARD-ZEBRA"}, {"format", "zpl"}, {"dpi", 203}}));
}

TEST_F(PrintersApi, OnlyTheSitesAdministratorsSeeAPrintersAddress) {
  seed_world("pr2", "J0102");
  add_user("ada.pr2", {"admin@pr2"});
  add_printer("pr2", "AP-ZEBRA", "tcp://127.0.0.1:9100");

  auto reply = log_in("ada.pr2").get("/api/v1/printers?site=pr2");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("printers").at(0).at("uri"), "tcp://127.0.0.1:9100") << reply.raw;
}

TEST_F(PrintersApi, WithoutASiteAUserSeesThePrintersOfTheirOwnSitesOnly) {
  const World mine = seed_world("pr3", "J0103");
  seed_world("pr3b", "J0113");
  add_printer("pr3", "MINE", "tcp://127.0.0.1:9100");
  add_printer("pr3b", "THEIRS", "tcp://127.0.0.1:9100");

  auto reply = log_in(mine.coordinator).get("/api/v1/printers");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  for (const auto& p : reply.body.at("printers").as_array()) EXPECT_EQ(p.at("site"), "pr3") << reply.raw;
  EXPECT_EQ(reply.body.at("printers").as_array().size(), 1u) << reply.raw;
}

TEST_F(PrintersApi, AnotherHospitalsSiteAnswersLikeASiteThatDoesNotExist) {
  const World mine = seed_world("pr4", "J0104");
  seed_world("pr4b", "J0114");
  add_printer("pr4b", "THEIRS", "tcp://127.0.0.1:9100");

  auto theirs = log_in(mine.coordinator).get("/api/v1/printers?site=pr4b");
  auto none = log_in(mine.coordinator).get("/api/v1/printers?site=nowhere");

  EXPECT_EQ(theirs.status, 404) << theirs.raw;
  EXPECT_EQ(theirs.body.at("error").at("code"), "UNKNOWN_SITE") << theirs.raw;
  EXPECT_EQ(none.status, 404) << none.raw;
  EXPECT_EQ(none.body.at("error").at("code"), "UNKNOWN_SITE") << none.raw;
}

TEST_F(PrintersApi, AStationSeesItsOwnSitesPrinters) {
  const World w = seed_world("pr5", "J0105");
  add_printer("pr5", "AP-ZEBRA", "tcp://127.0.0.1:9100");

  auto reply = station_of(w).get("/api/v1/printers?site=pr5");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("printers").at(0).at("name"), "AP-ZEBRA") << reply.raw;
  EXPECT_FALSE(reply.body.at("printers").at(0).as_object().contains("uri")) << reply.raw;
}

TEST_F(PrintersApi, ARetiredPrinterIsNotOffered) {
  const World w = seed_world("pr6", "J0106");
  add_printer("pr6", "OLD", "tcp://127.0.0.1:9100");
  add_printer("pr6", "NEW", "tcp://127.0.0.1:9101");
  sql("UPDATE printers SET retired_at = now() WHERE name = 'OLD'");

  auto reply = log_in(w.coordinator).get("/api/v1/printers?site=pr6");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  ASSERT_EQ(reply.body.at("printers").as_array().size(), 1u) << reply.raw;
  EXPECT_EQ(reply.body.at("printers").at(0).at("name"), "NEW");
}

}  // namespace
}  // namespace cj::testing
