// A client must not be able to take the server down by holding connections: beyond the limits
// (here 4 per address, 6 in all) a connection is answered 503 and closed at once; a connection
// that has not authenticated gets 2 s (--unauthenticated-timeout) for each request, however it
// drips; one that sent a valid session keeps the normal idle timeout; /healthz and the login
// stay usable for strangers.
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_connection.h"

namespace cj::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kHealthz = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

class ConnectionLimitsTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    start_suite({"--max-connections", "6", "--max-connections-per-address", "4", "--unauthenticated-timeout", "2"});
    add_site("limits", "L0001");
    add_user("limits-admin", {"admin@limits"});
  }
};

std::vector<RawConnection> hold(unsigned short port, const std::string& source, int n) {
  std::vector<RawConnection> held;
  for (int i = 0; i < n; ++i) held.emplace_back(port, source);
  return held;
}

TEST_F(ConnectionLimitsTest, AConnectionBeyondThePerAddressLimitIsAnswered503AndClosedAtOnce) {
  auto held = hold(port(), "127.0.0.1", 4);
  for (const auto& c : held) ASSERT_TRUE(c.connected());
  std::this_thread::sleep_for(100ms);  // all four accepted

  RawConnection fifth(port(), "127.0.0.1");
  const auto started = Clock::now();
  const std::string answer = fifth.read_until_close(1500ms);
  EXPECT_TRUE(fifth.closed()) << answer;
  EXPECT_LT(Clock::now() - started, 1s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 503 ", 0), 0u) << answer;
  EXPECT_NE(answer.find("TOO_MANY_CONNECTIONS"), std::string::npos) << answer;

  // Another address still gets in, and so does this one once a connection closes.
  RawConnection other(port(), "127.0.0.2");
  ASSERT_TRUE(other.send(kHealthz));
  EXPECT_EQ(other.read_response(5s).rfind("HTTP/1.1 200 ", 0), 0u);
  held.pop_back();
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
}

TEST_F(ConnectionLimitsTest, AConnectionBeyondTheTotalLimitIsRefusedWhateverItsAddress) {
  std::this_thread::sleep_for(500ms);  // the connections of earlier tests are gone
  auto first = hold(port(), "127.0.0.3", 4);
  auto second = hold(port(), "127.0.0.4", 2);
  for (auto* group : {&first, &second}) {
    for (auto& c : *group) {
      EXPECT_EQ(c.read_until_close(50ms), "");
      ASSERT_FALSE(c.closed()) << "one of the six was refused";
    }
  }
  // Six open: the limit.
  RawConnection seventh(port(), "127.0.0.5");
  const std::string answer = seventh.read_until_close(1500ms);
  EXPECT_TRUE(seventh.closed());
  EXPECT_NE(answer.find("TOO_MANY_CONNECTIONS"), std::string::npos) << answer;
}

TEST_F(ConnectionLimitsTest, AConnectionThatSendsNothingIsClosedAfterTheUnauthenticatedTimeout) {
  RawConnection idle(port());
  ASSERT_TRUE(idle.connected());
  const auto started = Clock::now();
  EXPECT_EQ(idle.read_until_close(6s), "");
  EXPECT_TRUE(idle.closed());
  const auto took = Clock::now() - started;
  EXPECT_GT(took, 1500ms);
  EXPECT_LT(took, 4s);  // 2 s, not the 30 s of an authenticated connection
}

TEST_F(ConnectionLimitsTest, ARequestDrippedAByteAtATimeGetsNoMoreThanTheSameDeadline) {
  RawConnection drip(port());
  ASSERT_TRUE(drip.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  const auto started = Clock::now();
  while (Clock::now() - started < 8s) {
    if (!drip.send("X-Slow: y\r\n")) break;
    drip.read_until_close(250ms);
    if (drip.closed()) break;
  }
  EXPECT_TRUE(drip.closed());
  EXPECT_LT(Clock::now() - started, 4s);
}

TEST_F(ConnectionLimitsTest, HealthAndLoginWorkForAConnectionThatHasNotAuthenticated) {
  RawConnection stranger(port());
  ASSERT_TRUE(stranger.send(kHealthz));
  EXPECT_EQ(stranger.read_response(5s).rfind("HTTP/1.1 200 ", 0), 0u);
  const std::string body = R"({"username":"limits-admin","password":"correct horse battery"})";
  ASSERT_TRUE(
      stranger.send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Content-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body));
  const std::string answer = stranger.read_response(10s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 201 ", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"token\""), std::string::npos) << answer;
}

TEST_F(ConnectionLimitsTest, AConnectionThatSentAValidSessionKeepsTheNormalIdleTimeout) {
  const auto admin = log_in("limits-admin");
  const std::string request =
      "GET /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + admin.authorization() + "\r\n\r\n";
  RawConnection known(port());
  ASSERT_TRUE(known.send(request));
  const std::string first = known.read_response(10s);
  ASSERT_EQ(first.rfind("HTTP/1.1 200 ", 0), 0u) << first;
  std::this_thread::sleep_for(3s);  // past the 2 s a stranger gets
  ASSERT_TRUE(known.send(request));
  const std::string second = known.read_response(10s);
  EXPECT_EQ(second.rfind("HTTP/1.1 200 ", 0), 0u) << second;
  EXPECT_FALSE(known.closed());
}

}  // namespace
}  // namespace cj::testing
