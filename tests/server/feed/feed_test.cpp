// GET /api/v1/feed (WebSocket): every change of a subscriber's sites, pushed as it happens,
// through PostgreSQL LISTEN/NOTIFY so that every server on one database pushes every change.
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

class FeedTest : public ApiSuite {
 protected:
  static std::string token_of(const std::string& username) {
    return log_in(username).authorization().substr(std::string("Bearer ").size());
  }
  static void notify(const std::string& site_code, const std::string& marker) {
    const std::string site_id = sql("SELECT id::text FROM sites WHERE code = $1", site_code);
    ASSERT_FALSE(site_id.empty()) << site_code;
    sql("SELECT pg_notify('celljourney_feed', $1)",
        R"({"type":"event","site_id":)" + site_id + R"(,"marker":")" + marker + R"("})");
  }
};

TEST_F(FeedTest, ASubscriberReceivesTheChangesOfItsSite) {
  add_site("feed-north", "A9991");
  add_user("fiona", {"coordinator@feed-north"});
  ASSERT_TRUE(wait_until_listening(port()));
  WsClient ws(port(), "/api/v1/feed?token=" + token_of("fiona"));
  ASSERT_TRUE(ws.connected()) << ws.error();
  ASSERT_TRUE(ws.next_containing("hello"));

  notify("feed-north", "north-1");

  auto message = ws.next_containing("north-1");
  ASSERT_TRUE(message);
  EXPECT_EQ(boost::json::parse(*message).at("type"), "event");
}

TEST_F(FeedTest, ChangesOfASiteTheSubscriberHasNoRoleAtAreNotSent) {
  add_site("feed-east", "A9992");
  add_site("feed-west", "A9993");
  add_user("ethan", {"coordinator@feed-east"});
  ASSERT_TRUE(wait_until_listening(port()));
  WsClient ws(port(), "/api/v1/feed?token=" + token_of("ethan"));
  ASSERT_TRUE(ws.next_containing("hello"));

  notify("feed-west", "west-1");
  notify("feed-east", "east-1");

  // Notifications arrive in order: the first change seen must be the subscriber's own site's.
  auto message = ws.next_containing("marker");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("east-1"), std::string::npos) << *message;
}

TEST_F(FeedTest, ASiteFilterNarrowsTheFeedToThatSite) {
  add_site("feed-a", "A9994");
  add_site("feed-b", "A9995");
  add_user("amir", {"coordinator@feed-a", "qa@feed-b"});
  ASSERT_TRUE(wait_until_listening(port()));
  WsClient ws(port(), "/api/v1/feed?site=feed-b&token=" + token_of("amir"));
  ASSERT_TRUE(ws.next_containing("hello"));

  notify("feed-a", "a-1");
  notify("feed-b", "b-1");

  auto message = ws.next_containing("marker");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("b-1"), std::string::npos) << *message;
}

TEST_F(FeedTest, AnUpgradeWithoutCredentialsIsRefusedWith401) {
  WsClient ws(port(), "/api/v1/feed");
  EXPECT_FALSE(ws.connected());
  EXPECT_EQ(ws.refusal_status(), 401);
}

TEST_F(FeedTest, AnUpgradeForASiteWithoutARoleThereIsRefusedWith403) {
  add_site("feed-south", "A9996");
  add_user("sam", {"coordinator@feed-south"});
  WsClient ws(port(), "/api/v1/feed?site=feed-north&token=" + token_of("sam"));
  EXPECT_FALSE(ws.connected());
  EXPECT_EQ(ws.refusal_status(), 403);
}

TEST_F(FeedTest, AWebSocketAnywhereElseIsRefusedWith404) {
  WsClient ws(port(), "/api/v1/journeys");
  EXPECT_FALSE(ws.connected());
  EXPECT_EQ(ws.refusal_status(), 404);
}

TEST_F(FeedTest, TwoServersOnOneDatabaseBothPushEveryChange) {
  add_site("feed-twin", "A9997");
  add_user("tess", {"coordinator@feed-twin"});
  ServerProcess second({"--database", uri()});
  ASSERT_TRUE(second.started());
  ASSERT_TRUE(wait_until_listening(port()));
  ASSERT_TRUE(wait_until_listening(second.port()));
  const std::string token = token_of("tess");
  WsClient on_first(port(), "/api/v1/feed?token=" + token);
  WsClient on_second(second.port(), "/api/v1/feed?token=" + token);
  ASSERT_TRUE(on_first.next_containing("hello"));
  ASSERT_TRUE(on_second.next_containing("hello"));

  notify("feed-twin", "twin-1");

  EXPECT_TRUE(on_first.next_containing("twin-1"));
  EXPECT_TRUE(on_second.next_containing("twin-1"));
}

}  // namespace
}  // namespace cj::testing
