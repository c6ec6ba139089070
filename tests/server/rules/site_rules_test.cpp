// A site's rules (PUT/GET /api/v1/sites/{code}/rules, `celljourney site rules`): the site-set
// product values the definitions are loaded with. A text that does not read, or that would leave
// an open journey's product without its values, is refused with the loader's problems.
#include <cstdio>
#include <fstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "server/cli/site_rules_command.h"
#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class SiteRulesTest : public JourneySuite {};

bool mentions(const json::value& list, const std::string& text) {
  for (const auto& item : list.as_array()) {
    if (json::serialize(item).find(text) != std::string::npos) return true;
  }
  return false;
}

TEST_F(SiteRulesTest, AnAdministratorSetsTheRulesAndLearnsWhichProductsAreUsable) {
  add_site("r1", "R0001");
  add_user("adam.r1", {"admin@r1"});

  auto put = log_in("adam.r1").put("/api/v1/sites/r1/rules",
                                   json::object{{"yaml", read_source_file("workflows/sites/example.yaml")}});
  auto get = log_in("adam.r1").get("/api/v1/sites/r1/rules");

  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_TRUE(put.body.at("unusable").as_object().contains("yescarta")) << put.raw;
  EXPECT_TRUE(mentions(put.body.at("unusable").at("yescarta"), "yescarta/")) << put.raw;
  ASSERT_EQ(get.status, 200) << get.raw;
  EXPECT_EQ(get.text("updated_by"), "adam.r1");
  EXPECT_EQ(get.body.at("yaml"), read_source_file("workflows/sites/example.yaml").c_str());
}

TEST_F(SiteRulesTest, RulesThatDoNotReadAreRefusedWithTheLoadersProblems) {
  add_site("r2", "R0002");
  add_user("adam.r2", {"admin@r2"});

  auto reply =
      log_in("adam.r2").put("/api/v1/sites/r2/rules", json::object{{"yaml", "site: X\nvalues:\n  a: {value: 1}\n"}});

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "RULES_INVALID");
  ASSERT_FALSE(reply.body.at("error").at("problems").as_array().empty()) << reply.raw;
  EXPECT_TRUE(mentions(reply.body.at("error").at("problems"), "site-rules/r2:")) << reply.raw;
  EXPECT_EQ(sql("SELECT count(*)::text FROM site_rules r JOIN sites s ON s.id = r.site_id WHERE s.code = $1", "r2"),
            "0");
}

TEST_F(SiteRulesTest, RulesThatWouldStrandAnOpenJourneysProductAreRefused) {
  const World w = seed_world("r3", "R0003");
  new_journey(w);  // kymriah, loaded with test_eu.yaml
  add_user("adam.r3", {"admin@r3"});

  auto reply = log_in("adam.r3").put("/api/v1/sites/r3/rules",
                                     json::object{{"yaml", read_source_file("workflows/sites/example.yaml")}});

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "RULES_INVALID");
  EXPECT_NE(reply.raw.find("kymriah"), std::string::npos) << reply.raw;
}

TEST_F(SiteRulesTest, OnlyAnAdministratorOfThatSiteMaySetItsRules) {
  add_site("r4", "R0004");
  add_site("r4b", "R0041");
  add_user("adam.r4", {"admin@r4b", "coordinator@r4"});

  auto reply = log_in("adam.r4").put("/api/v1/sites/r4/rules", json::object{{"yaml", test_eu_rules()}});

  EXPECT_EQ(reply.status, 403) << reply.raw;
}

TEST_F(SiteRulesTest, TheCommandSetsTheRulesFromAFile) {
  add_site("r5", "R0005");
  const std::string file = ::testing::TempDir() + "site_rules_r5.yaml";
  std::ofstream(file) << test_eu_rules();

  const int rc = cli::run_site_rules_command({"r5", file, "--database", uri()});

  EXPECT_EQ(rc, 0);
  EXPECT_EQ(sql("SELECT yaml FROM site_rules r JOIN sites s ON s.id = r.site_id WHERE s.code = $1", "r5"),
            test_eu_rules());
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'site.rules' AND subject = $1", "r5"), "1");
  std::remove(file.c_str());
}

TEST_F(SiteRulesTest, TheCommandRefusesRulesThatDoNotRead) {
  add_site("r6", "R0006");
  const std::string file = ::testing::TempDir() + "site_rules_r6.yaml";
  std::ofstream(file) << "site: [unclosed\n";

  const int rc = cli::run_site_rules_command({"r6", file, "--database", uri()});

  EXPECT_EQ(rc, 1);
  EXPECT_EQ(sql("SELECT count(*)::text FROM site_rules r JOIN sites s ON s.id = r.site_id WHERE s.code = $1", "r6"),
            "0");
  std::remove(file.c_str());
}

}  // namespace
}  // namespace cj::testing
