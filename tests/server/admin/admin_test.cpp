// The administration API: sites, users and roles, scoped to the sites an administrator manages.
// (Stations and qualifications: admin_stations_test.cpp.)
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

// Two hospitals: an administrator at each, and a QA person at north.
class AdminTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    ApiSuite::SetUpTestSuite();
    add_site("north", "A0001");
    add_site("south", "A0002");
    add_user("admin-north", {"admin@north"});
    add_user("admin-south", {"admin@south"});
    add_user("qa-north", {"qa@north"});
  }

 protected:
  static json::object new_user(const std::string& username, const std::string& site,
                               const std::string& role = "clinical") {
    return json::object{{"username", username},
                        {"display_name", "Nurse " + username},
                        {"password", "a long enough password"},
                        {"roles", json::array{json::object{{"site", site}, {"role", role}}}}};
  }
};

TEST_F(AdminTest, AnAdministratorCreatesAUserWhoCanThenLogIn) {
  auto reply = log_in("admin-north").post("/api/v1/users", new_user("nina", "north"));
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body.at("username"), "nina");
  EXPECT_EQ(reply.body.at("active"), true);
  EXPECT_EQ(reply.body.at("roles"), (json::array{json::object{{"site", "north"}, {"role", "clinical"}}}));
  EXPECT_EQ(reply.raw.find("password"), std::string::npos) << reply.raw;
  EXPECT_EQ(anonymous()
                .post("/api/v1/session", json::object{{"username", "nina"}, {"password", "a long enough password"}})
                .status,
            201);
}

TEST_F(AdminTest, AQaUserMayNotCreateUsers) {
  auto reply = log_in("qa-north").post("/api/v1/users", new_user("olaf", "north"));
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.error_code(), "FORBIDDEN");
}

TEST_F(AdminTest, AnAdministratorAtOneSiteCannotCreateUsersAtAnother) {
  auto reply = log_in("admin-north").post("/api/v1/users", new_user("pia", "south"));
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.error_code(), "FORBIDDEN");
  EXPECT_EQ(sql("SELECT count(*) FROM users WHERE username = 'pia'"), "0");
}

TEST_F(AdminTest, APasswordShorterThanTwelveCharactersIsRefused) {
  auto user = new_user("quinn", "north");
  user["password"] = "short-pw";
  auto reply = log_in("admin-north").post("/api/v1/users", user);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "password");
}

TEST_F(AdminTest, WeakPasswordsAreRefusedWithLibpwqualitysReason) {
  auto admin = log_in("admin-north");
  auto digits = new_user("quentin", "north");
  digits["password"] = "123456789012";
  auto refused = admin.post("/api/v1/users", digits);
  EXPECT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.error_field(), "password");
  EXPECT_NE(refused.raw.find("too simplistic/systematic"), std::string::npos) << refused.raw;
  auto word = new_user("quentin", "north");
  word["password"] = "password1234";
  refused = admin.post("/api/v1/users", word);
  EXPECT_EQ(refused.status, 400) << refused.raw;
  EXPECT_NE(refused.raw.find("based on a dictionary word"), std::string::npos) << refused.raw;
  EXPECT_EQ(sql("SELECT count(*) FROM users WHERE username = 'quentin'"), "0");
}

TEST_F(AdminTest, UnknownFieldsAndWrongTypesAreRefusedNamingTheField) {
  auto admin = log_in("admin-north");
  auto extra = new_user("rita", "north");
  extra["is_superuser"] = true;
  auto reply = admin.post("/api/v1/users", extra);
  EXPECT_EQ(reply.error_code(), "UNKNOWN_FIELD");
  EXPECT_EQ(reply.error_field(), "is_superuser");

  auto bad_roles = new_user("rita", "north");
  bad_roles["roles"] = "admin@north";
  EXPECT_EQ(admin.post("/api/v1/users", bad_roles).error_field(), "roles");

  auto bad_role = new_user("rita", "north", "surgeon");
  reply = admin.post("/api/v1/users", bad_role);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "roles[0].role");

  auto bad_name = new_user("Rita Smith", "north");
  EXPECT_EQ(admin.post("/api/v1/users", bad_name).error_field(), "username");
}

TEST_F(AdminTest, ADisplayNameIsOneLineWithoutControlCharacters) {
  auto user = new_user("rolf", "north");
  user["display_name"] = "Rolf\nSmith";
  auto reply = log_in("admin-north").post("/api/v1/users", user);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_field(), "display_name");
}

TEST_F(AdminTest, ATakenUsernameIs409) {
  auto admin = log_in("admin-north");
  ASSERT_EQ(admin.post("/api/v1/users", new_user("sam", "north")).status, 201);
  auto again = admin.post("/api/v1/users", new_user("sam", "north"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "USERNAME_TAKEN");
}

TEST_F(AdminTest, TheUserListShowsOnlyPeopleAtTheSitesOneManages) {
  add_user("tom-south", {"cell_lab@south"});
  auto reply = log_in("admin-north").get("/api/v1/users");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_NE(reply.raw.find("\"qa-north\""), std::string::npos);
  EXPECT_EQ(reply.raw.find("\"tom-south\""), std::string::npos);
  EXPECT_EQ(reply.raw.find("\"admin-south\""), std::string::npos);
}

TEST_F(AdminTest, APersonAtAnotherSiteIsNotFound) {
  add_user("uma-south", {"cell_lab@south"});
  EXPECT_EQ(log_in("admin-north").get("/api/v1/users/uma-south").status, 404);
  EXPECT_EQ(log_in("admin-south").get("/api/v1/users/uma-south").status, 200);
  EXPECT_EQ(log_in("admin-south").get("/api/v1/users/no-such-person").status, 404);
}

TEST_F(AdminTest, ReplacingRolesTouchesOnlyTheSitesOneManages) {
  add_user("vera", {"clinical@north", "cell_lab@south"});
  auto reply = log_in("admin-north")
                   .put("/api/v1/users/vera/roles",
                        json::object{{"roles", json::array{json::object{{"site", "north"}, {"role", "physician"}}}}});
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("roles"), (json::array{json::object{{"site", "north"}, {"role", "physician"}}}));
  EXPECT_EQ(sql("SELECT string_agg(s.code || ':' || r.role, ',' ORDER BY s.code) FROM user_site_roles r "
                "JOIN sites s ON s.id = r.site_id JOIN users u ON u.id = r.user_id WHERE u.username = 'vera'"),
            "north:physician,south:cell_lab");
}

TEST_F(AdminTest, RolesAtAnotherSiteCannotBeGranted) {
  add_user("walt", {"clinical@north"});
  auto reply = log_in("admin-north")
                   .put("/api/v1/users/walt/roles",
                        json::object{{"roles", json::array{json::object{{"site", "south"}, {"role", "admin"}}}}});
  EXPECT_EQ(reply.status, 403);
}

TEST_F(AdminTest, AnAdministratorCannotRemoveTheirOwnAdminRole) {
  add_user("admin-two", {"admin@north"});
  auto reply = log_in("admin-two")
                   .put("/api/v1/users/admin-two/roles",
                        json::object{{"roles", json::array{json::object{{"site", "north"}, {"role", "qa"}}}}});
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.error_code(), "OWN_ADMIN_ROLE");
}

TEST_F(AdminTest, DeactivatingAUserEndsTheirSessionsAndLogins) {
  add_user("xena", {"clinical@north"});
  auto xena = log_in("xena");
  auto reply = log_in("admin-north").post("/api/v1/users/xena/deactivate", json::object{});
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("active"), false);
  EXPECT_EQ(xena.get("/api/v1/session").status, 401);
  EXPECT_EQ(anonymous().post("/api/v1/session", json::object{{"username", "xena"}, {"password", kPassword}}).status,
            401);
}

TEST_F(AdminTest, APersonWithRolesAtOtherSitesCanOnlyBeDeactivatedByAnAdministratorOfAllOfThem) {
  add_user("yann", {"clinical@north", "clinical@south"});
  auto reply = log_in("admin-north").post("/api/v1/users/yann/deactivate", json::object{});
  EXPECT_EQ(reply.status, 403) << reply.raw;
  EXPECT_EQ(sql("SELECT active FROM users WHERE username = 'yann'"), "t");
}

TEST_F(AdminTest, AnAdministratorCanUnlockALockedAccount) {
  add_user("ugo", {"clinical@north"});
  ASSERT_EQ(log_in("admin-north").post("/api/v1/users/ugo/lock", json::object{}).status, 200);
  auto locked = log_in("admin-north").get("/api/v1/users/ugo");
  EXPECT_EQ(locked.body.at("locked"), true) << locked.raw;
  EXPECT_TRUE(locked.body.at("locked_at").is_string()) << locked.raw;
  auto reply = log_in("admin-north").post("/api/v1/users/ugo/unlock", json::object{});
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("locked"), false);
  EXPECT_TRUE(reply.body.at("locked_at").is_null());
  EXPECT_EQ(anonymous().post("/api/v1/session", json::object{{"username", "ugo"}, {"password", kPassword}}).status,
            201);
}

TEST_F(AdminTest, CreatingASiteMakesTheCreatorItsAdministrator) {
  auto admin = log_in("admin-south");
  auto reply = admin.post("/api/v1/sites", json::object{{"code", "east"}, {"name", "East Clinic"}, {"fin", "A0003"}});
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.body.at("fin"), "A0003");
  EXPECT_EQ(log_in("admin-south").post("/api/v1/users", new_user("yusuf", "east")).status, 201);
  auto sites = log_in("admin-south").get("/api/v1/sites");
  EXPECT_NE(sites.raw.find("\"east\""), std::string::npos) << sites.raw;
  EXPECT_EQ(sites.raw.find("\"north\""), std::string::npos) << sites.raw;
}

TEST_F(AdminTest, SitesNeedAValidCodeAndFinAndAreUnique) {
  auto admin = log_in("admin-north");
  EXPECT_EQ(admin.post("/api/v1/sites", json::object{{"code", "west"}, {"name", "West"}, {"fin", "a1"}}).error_field(),
            "fin");
  EXPECT_EQ(admin.post("/api/v1/sites", json::object{{"code", "West Side"}, {"name", "West"}, {"fin", "A0009"}})
                .error_field(),
            "code");
  auto dup = admin.post("/api/v1/sites", json::object{{"code", "north"}, {"name", "Again"}, {"fin", "A0008"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.error_code(), "SITE_EXISTS");
  EXPECT_EQ(log_in("qa-north")
                .post("/api/v1/sites", json::object{{"code", "west"}, {"name", "West"}, {"fin", "A0009"}})
                .status,
            403);
}

TEST_F(AdminTest, EveryChangeIsInTheAdminLogWithItsActor) {
  ASSERT_EQ(log_in("admin-north").post("/api/v1/users", new_user("zoe", "north")).status, 201);
  EXPECT_EQ(sql("SELECT actor FROM admin_log WHERE action = 'user.create' AND subject = 'zoe'"), "admin-north");
}

}  // namespace
}  // namespace cj::testing
