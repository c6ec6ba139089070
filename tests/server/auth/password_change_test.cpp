// Changing a password: one's own, knowing the current one (PUT /api/v1/session/password), or an
// administrator's reset (PUT /api/v1/users/{username}/password). Whoever knew the old password
// is signed out.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

constexpr const char* kNewPassword = "violet kettle under rain";

class PasswordChangeTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    ApiSuite::SetUpTestSuite();
    add_site("pc-north", "A0021");
    add_site("pc-south", "A0022");
    add_user("pc-admin-north", {"admin@pc-north"});
    add_user("pc-admin-south", {"admin@pc-south"});
  }

 protected:
  static json::object change(const std::string& current, const std::string& next) {
    return {{"password", current}, {"new_password", next}};
  }
  static int login_status(const std::string& username, const std::string& password) {
    return anonymous().post("/api/v1/session", json::object{{"username", username}, {"password", password}}).status;
  }
};

TEST_F(PasswordChangeTest, APersonChangesTheirPasswordAndTheirOtherSessionsEnd) {
  add_user("pc-ann", {"apheresis@pc-north"});
  auto here = log_in("pc-ann");
  auto elsewhere = log_in("pc-ann");
  auto reply = here.put("/api/v1/session/password", change(kPassword, kNewPassword));
  ASSERT_EQ(reply.status, 204) << reply.raw;
  EXPECT_EQ(here.get("/api/v1/session").status, 200);       // the session that changed it stays
  EXPECT_EQ(elsewhere.get("/api/v1/session").status, 401);  // every other one ends
  EXPECT_EQ(login_status("pc-ann", kPassword), 401);
  EXPECT_EQ(login_status("pc-ann", kNewPassword), 201);
  EXPECT_EQ(sql("SELECT details->>'sessions_ended' FROM admin_log WHERE action = 'user.password_change' AND "
                "subject = 'pc-ann'"),
            "1");
}

TEST_F(PasswordChangeTest, AWrongCurrentPasswordChangesNothingAndIsCountedLikeAFailedLogin) {
  add_user("pc-bob", {"apheresis@pc-north"});
  auto bob = log_in("pc-bob");
  auto reply = bob.put("/api/v1/session/password", change("not my password at all", kNewPassword));
  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.error_code(), "WRONG_PASSWORD");
  EXPECT_EQ(login_status("pc-bob", kPassword), 201);
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'signature.refused' AND subject = 'pc-bob'"), "1");
}

TEST_F(PasswordChangeTest, TheNewPasswordIsCheckedLikeAtCreation) {
  add_user("pc-cat", {"apheresis@pc-north"});
  auto cat = log_in("pc-cat");
  for (const char* weak : {"short", "password1234", "pc-cat-pc-cat"}) {
    auto reply = cat.put("/api/v1/session/password", change(kPassword, weak));
    EXPECT_EQ(reply.status, 400) << weak;
    EXPECT_EQ(reply.error_field(), "new_password") << reply.raw;
  }
  EXPECT_EQ(cat.put("/api/v1/session/password", json::object{{"password", kPassword}}).error_code(), "MISSING_FIELD");
  EXPECT_EQ(login_status("pc-cat", kPassword), 201);
}

TEST_F(PasswordChangeTest, AnAdministratorResetsAForgottenPasswordAndEverySessionEnds) {
  add_user("pc-dan", {"cell_lab@pc-north"});
  auto dan = log_in("pc-dan");
  auto reply =
      log_in("pc-admin-north").put("/api/v1/users/pc-dan/password", json::object{{"new_password", kNewPassword}});
  ASSERT_EQ(reply.status, 204) << reply.raw;
  EXPECT_EQ(dan.get("/api/v1/session").status, 401);
  EXPECT_EQ(login_status("pc-dan", kNewPassword), 201);
  EXPECT_EQ(sql("SELECT actor FROM admin_log WHERE action = 'user.password_reset' AND subject = 'pc-dan'"),
            "pc-admin-north");
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE details::text LIKE '%violet%'"), "0");
}

TEST_F(PasswordChangeTest, AnAdministratorOfAnotherSiteCannotResetIt) {
  add_user("pc-eve", {"cell_lab@pc-north"});
  auto reply =
      log_in("pc-admin-south").put("/api/v1/users/pc-eve/password", json::object{{"new_password", kNewPassword}});
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(login_status("pc-eve", kPassword), 201);
}

}  // namespace
}  // namespace cj::testing
