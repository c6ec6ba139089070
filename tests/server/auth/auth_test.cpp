// Logging in, sessions and credentials (POST/GET/DELETE /api/v1/session, and the
// Authorization header on every other route), end to end against `celljourney serve`.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class AuthTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    ApiSuite::SetUpTestSuite();
    add_site("north", "A0001");
  }

 protected:
  ApiReply attempt(const std::string& username, const std::string& password) {
    return anonymous().post("/api/v1/session", json::object{{"username", username}, {"password", password}});
  }
};

TEST_F(AuthTest, TheRightPasswordGivesATokenAnExpiryAndTheUsersRolesPerSite) {
  add_user("alice", {"cell_lab@north", "qa@north"});
  auto reply = attempt("alice", kPassword);
  ASSERT_EQ(reply.status, 201) << reply.raw;
  EXPECT_EQ(reply.text("token").size(), 43u);
  EXPECT_FALSE(reply.text("expires_at").empty());
  const auto& user = reply.body.at("user").as_object();
  EXPECT_EQ(user.at("username"), "alice");
  EXPECT_EQ(user.at("display_name"), "Test alice");
  EXPECT_EQ(user.at("roles"), (json::array{json::object{{"site", "north"}, {"role", "cell_lab"}},
                                           json::object{{"site", "north"}, {"role", "qa"}}}));
}

TEST_F(AuthTest, AWrongPasswordIs401BadCredentials) {
  add_user("bruno", {"clinical@north"});
  auto reply = attempt("bruno", "not the password at all");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "BAD_CREDENTIALS");
}

TEST_F(AuthTest, AUsernameWithANulDoesNotLogInAsItsPrefix) {
  add_user("dora", {"clinical@north"});
  auto reply = attempt(std::string("dora\0anything", 13), kPassword);
  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_code(), "INVALID_FIELD");
  EXPECT_EQ(attempt("dora", kPassword).status, 201);
}

TEST_F(AuthTest, AnUnknownUserGetsExactlyTheAnswerOfAWrongPassword) {
  add_user("carla", {"clinical@north"});
  auto wrong_password = attempt("carla", "not the password at all");
  auto unknown_user = attempt("nobody-by-that-name", "not the password at all");
  EXPECT_EQ(unknown_user.status, wrong_password.status);
  EXPECT_EQ(unknown_user.raw, wrong_password.raw);
  EXPECT_EQ(sql("SELECT count(*) FROM admin_log WHERE details::text LIKE '%nobody-by-that-name%' "
                "OR subject = 'nobody-by-that-name'"),
            "0");
}

TEST_F(AuthTest, RepeatedFailuresNeverLockTheAccount) {
  add_user("dora-delayed", {"clinical@north"});
  for (int i = 1; i <= 6; ++i) {
    EXPECT_EQ(attempt("dora-delayed", "wrong password " + std::to_string(i)).error_code(), "BAD_CREDENTIALS");
  }
  // Delayed (server/auth/guess_limiter.h, tests in sign_in_test.cpp), never refused.
  EXPECT_EQ(attempt("dora-delayed", kPassword).status, 201);
  EXPECT_EQ(sql("SELECT locked_at IS NULL FROM users WHERE username = 'dora-delayed'"), "t");
}

TEST_F(AuthTest, ADeactivatedUserCannotLogIn) {
  add_user("gus", {"clinical@north"});
  sql("UPDATE users SET active = false WHERE username = 'gus'");
  auto reply = attempt("gus", kPassword);
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "ACCOUNT_DEACTIVATED");
}

TEST_F(AuthTest, TheTokenIdentifiesTheUserUntilLogout) {
  add_user("hana", {"coordinator@north"});
  auto hana = log_in("hana");
  auto me = hana.get("/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body.at("user").at("username"), "hana");
  EXPECT_EQ(me.body.at("kind"), "user");
  EXPECT_FALSE(me.text("expires_at").empty());

  EXPECT_EQ(hana.del("/api/v1/session").status, 204);
  auto after = hana.get("/api/v1/session");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.error_code(), "UNAUTHENTICATED");
}

TEST_F(AuthTest, ASessionLastsTwelveHours) {
  add_user("ivan", {"clinical@north"});
  log_in("ivan");
  EXPECT_EQ(sql("SELECT (extract(epoch FROM s.expires_at - s.created_at) / 3600)::int FROM sessions s "
                "JOIN users u ON u.id = s.user_id WHERE u.username = 'ivan'"),
            "12");
}

TEST_F(AuthTest, AnExpiredSessionIsRefused) {
  add_user("jana", {"clinical@north"});
  auto jana = log_in("jana");
  sql("UPDATE sessions SET expires_at = now() - interval '1 minute' "
      "WHERE user_id = (SELECT id FROM users WHERE username = 'jana')");
  auto reply = jana.get("/api/v1/session");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "UNAUTHENTICATED");
  EXPECT_NE(reply.raw.find("expired"), std::string::npos) << reply.raw;
}

TEST_F(AuthTest, MissingMalformedAndUnknownCredentialsAre401) {
  EXPECT_EQ(anonymous().get("/api/v1/session").error_code(), "UNAUTHENTICATED");
  EXPECT_EQ(ApiClient(port(), "Basic YWxpY2U6c2VjcmV0").get("/api/v1/session").error_code(), "UNAUTHENTICATED");
  EXPECT_EQ(ApiClient(port(), "Bearer short").get("/api/v1/session").error_code(), "UNAUTHENTICATED");
  auto unknown = anonymous().with_token(std::string(43, 'A')).get("/api/v1/session");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.error_code(), "UNAUTHENTICATED");
}

TEST_F(AuthTest, PasswordsAreStoredOnlyAsArgon2idHashes) {
  add_user("karl", {"clinical@north"});
  const auto hash = sql("SELECT password_hash FROM users WHERE username = 'karl'");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find(kPassword), std::string::npos);
  EXPECT_EQ(sql("SELECT count(*) FROM admin_log WHERE details::text LIKE '%' || $1 || '%'", kPassword), "0");
}

TEST_F(AuthTest, TokensAreStoredOnlyAsTheirSha256) {
  add_user("lena", {"clinical@north"});
  auto reply = attempt("lena", kPassword);
  const auto token = reply.text("token");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(sql("SELECT count(*) FROM sessions WHERE token_hash = sha256(convert_to($1, 'UTF8'))", token), "1");
  EXPECT_EQ(sql("SELECT count(*) FROM sessions WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'", token), "0");
}

TEST_F(AuthTest, AStationKeyWorksOnlyOnRoutesThatAllowStations) {
  const auto key = add_station("NORTH-01", "north");
  auto station = anonymous().with_station_key(key);
  auto me = station.get("/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.raw;
  EXPECT_EQ(me.body.at("kind"), "station");
  EXPECT_EQ(me.body.at("station").at("code"), "NORTH-01");
  EXPECT_EQ(me.body.at("station").at("site"), "north");
  auto users = station.get("/api/v1/users");
  EXPECT_EQ(users.status, 403);
  EXPECT_EQ(users.error_code(), "FORBIDDEN");
}

TEST_F(AuthTest, ARevokedStationIsRefused) {
  const auto key = add_station("NORTH-02", "north");
  sql("UPDATE stations SET revoked_at = now() WHERE code = 'NORTH-02'");
  auto reply = anonymous().with_station_key(key).get("/api/v1/session");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.error_code(), "UNAUTHENTICATED");
  EXPECT_NE(reply.raw.find("revoked"), std::string::npos) << reply.raw;
}

TEST_F(AuthTest, ABodyThatIsNotJsonIs400BadJson) {
  auto reply = anonymous().send("POST", "/api/v1/session", "{\"username\": ");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "BAD_JSON");
}

TEST_F(AuthTest, AnUnknownFieldIs400NamingIt) {
  auto reply =
      anonymous().post("/api/v1/session", json::object{{"username", "x"}, {"password", "y"}, {"remember_me", true}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "UNKNOWN_FIELD");
  EXPECT_EQ(reply.error_field(), "remember_me");
}

TEST_F(AuthTest, AFieldOfTheWrongTypeIs400NamingIt) {
  auto reply = anonymous().post("/api/v1/session", json::object{{"username", 42}, {"password", "y"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.error_code(), "INVALID_FIELD");
  EXPECT_EQ(reply.error_field(), "username");
  auto missing = anonymous().post("/api/v1/session", json::object{{"username", "x"}});
  EXPECT_EQ(missing.error_code(), "MISSING_FIELD");
  EXPECT_EQ(missing.error_field(), "password");
}

TEST_F(AuthTest, EveryLoginAttemptIsInTheAdminLog) {
  add_user("mira", {"clinical@north"});
  attempt("mira", "wrong password");
  attempt("mira", kPassword);
  EXPECT_EQ(sql("SELECT string_agg(action, ',' ORDER BY id) FROM admin_log WHERE subject = 'mira' AND actor = 'mira'"),
            "session.login_failed,session.login");
}

TEST_F(AuthTest, TheAdminLogCannotBeChangedOrDeleted) {
  add_user("nils", {"clinical@north"});
  for (const char* statement :
       {"UPDATE admin_log SET actor = 'someone else'", "DELETE FROM admin_log", "TRUNCATE admin_log"}) {
    EXPECT_THROW(sql(statement), std::exception) << statement;
  }
  EXPECT_NE(sql("SELECT count(*) FROM admin_log WHERE subject = 'nils'"), "0");
}

}  // namespace
}  // namespace cj::testing
