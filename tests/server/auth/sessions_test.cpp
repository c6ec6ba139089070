// Sessions (issue 14 §3): an idle timeout per site, a lifetime, at most five open per person,
// the list of one's sessions, signing out everywhere; and what ends with a session or a right:
// a locked or deactivated account's sessions and live feeds, a person's feeds at logout and when
// a role is removed.
#include <chrono>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

class SessionsTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    ApiSuite::SetUpTestSuite();
    add_site("sess", "A0301");
    add_site("sess-strict", "A0302");
    add_user("admin-sess", {"admin@sess", "admin@sess-strict"});
  }

 protected:
  static std::string token(const ApiClient& client) {
    return client.authorization().substr(std::string("Bearer ").size());
  }
  static void idle_for(const std::string& username, int minutes) {
    sql("UPDATE sessions SET last_seen_at = now() - make_interval(mins => " + std::to_string(minutes) +
            ") WHERE user_id = (SELECT id FROM users WHERE username = $1)",
        username);
  }
  // A feed of client's that says hello; the test fails when it cannot open.
  static std::unique_ptr<WsClient> feed_of(const ApiClient& client) {
    EXPECT_TRUE(wait_until_listening(port()));
    auto ws = std::make_unique<WsClient>(port(), "/api/v1/feed?token=" + token(client));
    EXPECT_TRUE(ws->connected()) << ws->error();
    EXPECT_TRUE(ws->next_containing("hello"));
    return ws;
  }
  // The feed ends within a second (the wait for a message returns long before its 10 s).
  static void expect_closed_at_once(WsClient& ws) {
    const auto start = Clock::now();
    EXPECT_FALSE(ws.next(std::chrono::milliseconds(10000)));
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(2)) << "the feed was not closed";
  }
};

TEST_F(SessionsTest, ASessionUnusedForTheSitesIdleTimeoutEnds) {
  add_user("wim", {"clinical@sess"});
  auto wim = log_in("wim");
  idle_for("wim", 14);
  EXPECT_EQ(wim.get("/api/v1/session").status, 200) << "14 minutes of 15";
  idle_for("wim", 16);
  auto reply = wim.get("/api/v1/session");
  EXPECT_EQ(reply.status, 401);
  EXPECT_NE(reply.raw.find("15 minutes without use"), std::string::npos) << reply.raw;
}

TEST_F(SessionsTest, SomeoneAtSeveralSitesGetsTheShortestIdleTimeout) {
  sql("UPDATE sites SET session_idle_minutes = 5 WHERE code = 'sess-strict'");
  add_user("xena", {"clinical@sess", "clinical@sess-strict"});
  auto xena = log_in("xena");
  EXPECT_EQ(xena.get("/api/v1/session").body.at("idle_timeout_minutes"), 5);
  idle_for("xena", 6);
  EXPECT_EQ(xena.get("/api/v1/session").status, 401);
}

TEST_F(SessionsTest, ASixthLoginEndsTheOldestAndTheListShowsTheFiveOpenOnes) {
  add_user("yann", {"clinical@sess"});
  auto oldest = log_in("yann");
  for (int i = 0; i < 4; ++i) log_in("yann");
  EXPECT_EQ(oldest.get("/api/v1/session").status, 200);
  auto newest = log_in("yann");
  EXPECT_EQ(oldest.get("/api/v1/session").status, 401) << "the oldest of six ended";

  auto me = newest.get("/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.raw;
  const auto& sessions = me.body.at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 5u) << me.raw;
  int current = 0;
  for (const auto& s : sessions) {
    current += s.at("current").as_bool() ? 1 : 0;
    EXPECT_EQ(s.at("address"), "127.0.0.1");
    EXPECT_TRUE(s.as_object().contains("user_agent"));
    EXPECT_TRUE(s.at("created_at").is_string() && s.at("last_seen_at").is_string() && s.at("id").is_int64());
  }
  EXPECT_EQ(current, 1);
  EXPECT_EQ(me.raw.find(token(newest)), std::string::npos) << "never a token";
}

TEST_F(SessionsTest, SigningOutEverywhereEndsEverySessionAndFeed) {
  add_user("zora", {"coordinator@sess"});
  auto phone = log_in("zora");
  auto desk = log_in("zora");
  auto feed = feed_of(phone);
  EXPECT_EQ(desk.del("/api/v1/sessions").status, 204);
  EXPECT_EQ(phone.get("/api/v1/session").status, 401);
  EXPECT_EQ(desk.get("/api/v1/session").status, 401);
  expect_closed_at_once(*feed);

  auto again = log_in("zora");
  auto other = log_in("zora");
  EXPECT_EQ(again.del("/api/v1/session?all=true").status, 204);
  EXPECT_EQ(other.get("/api/v1/session").status, 401);
}

TEST_F(SessionsTest, LoggingOutClosesThatSessionsFeedOnly) {
  add_user("abel", {"coordinator@sess"});
  auto leaving = log_in("abel");
  auto staying = log_in("abel");
  auto leaving_feed = feed_of(leaving);
  auto staying_feed = feed_of(staying);
  EXPECT_EQ(leaving.del("/api/v1/session").status, 204);
  expect_closed_at_once(*leaving_feed);
  sql("SELECT pg_notify('celljourney_feed', $1)", R"({"type":"event","site_id":)" +
                                                      sql("SELECT id::text FROM sites WHERE code = 'sess'") +
                                                      R"(,"marker":"still"})");
  EXPECT_TRUE(staying_feed->next_containing("still"));
}

TEST_F(SessionsTest, DeactivatingAnAccountEndsItsSessionsAndFeedsAtOnce) {
  add_user("bea", {"coordinator@sess"});
  auto bea = log_in("bea");
  auto feed = feed_of(bea);
  ASSERT_EQ(log_in("admin-sess").post("/api/v1/users/bea/deactivate", json::object{}).status, 200);
  expect_closed_at_once(*feed);
  EXPECT_EQ(bea.get("/api/v1/session").status, 401);
}

TEST_F(SessionsTest, AnAdministratorsLockEndsSessionsAndFeedsUntilUnlocked) {
  add_user("cas", {"coordinator@sess"});
  auto cas = log_in("cas");
  auto feed = feed_of(cas);
  auto admin = log_in("admin-sess");
  auto locked = admin.post("/api/v1/users/cas/lock", json::object{});
  ASSERT_EQ(locked.status, 200) << locked.raw;
  EXPECT_EQ(locked.body.at("locked"), true);
  expect_closed_at_once(*feed);
  EXPECT_EQ(cas.get("/api/v1/session").status, 401);
  auto refused = anonymous().post("/api/v1/session", json::object{{"username", "cas"}, {"password", kPassword}});
  EXPECT_EQ(refused.error_code(), "ACCOUNT_LOCKED");
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'user.lock' AND subject = 'cas'"), "1");

  ASSERT_EQ(admin.post("/api/v1/users/cas/unlock", json::object{}).status, 200);
  EXPECT_EQ(anonymous().post("/api/v1/session", json::object{{"username", "cas"}, {"password", kPassword}}).status,
            201);
}

TEST_F(SessionsTest, RemovingARoleClosesThePersonsFeeds) {
  add_user("dina", {"coordinator@sess", "coordinator@sess-strict"});
  auto dina = log_in("dina");
  auto feed = feed_of(dina);
  auto reply = log_in("admin-sess")
                   .put("/api/v1/users/dina/roles",
                        json::object{{"roles", json::array{json::object{{"site", "sess"}, {"role", "coordinator"}}}}});
  ASSERT_EQ(reply.status, 200) << reply.raw;
  expect_closed_at_once(*feed);
  EXPECT_EQ(dina.get("/api/v1/session").status, 200) << "the session itself goes on";
}

}  // namespace
}  // namespace cj::testing
