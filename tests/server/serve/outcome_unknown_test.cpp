// A commit whose outcome is unknown is answered as such: when the database connection breaks
// while COMMIT is in flight, the client is told 503 OUTCOME_UNKNOWN and to send the request again
// with the same idempotency key, never that nothing was recorded. To hold a COMMIT open, the test
// adds a deferred constraint trigger that sleeps at commit time, and ends the server's backend
// (pg_terminate_backend) while it sleeps.
#include <chrono>
#include <future>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

class OutcomeUnknownTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    ApiSuite::SetUpTestSuite();
    add_site("doubt", "D0001");
    add_user("admin-doubt", {"admin@doubt"});
  }
};

TEST_F(OutcomeUnknownTest, ACommitCutOffByALostConnectionAnswers503OutcomeUnknownNotNothingRecorded) {
  sql("CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "IF NEW.code = 'SLOW-01' THEN PERFORM pg_sleep(20); END IF; RETURN NULL; END $$");
  sql("CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON stations DEFERRABLE INITIALLY DEFERRED "
      "FOR EACH ROW EXECUTE FUNCTION test_slow_commit()");
  const auto admin = log_in("admin-doubt");
  auto reply = std::async(std::launch::async, [&admin] {
    return admin.post("/api/v1/stations", json::object{{"code", "SLOW-01"}, {"site", "doubt"}, {"name", "Slow"}});
  });

  std::string ended;
  for (int i = 0; i < 100 && ended.empty(); ++i) {
    std::this_thread::sleep_for(100ms);
    ended =
        sql("SELECT string_agg(pg_terminate_backend(pid)::text, ',') FROM pg_stat_activity "
            "WHERE state = 'active' AND query ILIKE 'COMMIT%' AND pid <> pg_backend_pid()");
  }
  ASSERT_EQ(ended, "true") << "no COMMIT was seen in flight";
  const auto answer = reply.get();
  EXPECT_EQ(answer.status, 503) << answer.raw;
  EXPECT_EQ(answer.error_code(), "OUTCOME_UNKNOWN") << answer.raw;
  EXPECT_NE(answer.raw.find("again with the same idempotency key"), std::string::npos) << answer.raw;
  EXPECT_EQ(answer.raw.find("nothing was recorded"), std::string::npos) << answer.raw;

  // The server reconnects by itself: the same request, sent again, is answered.
  sql("DROP TRIGGER test_slow_commit ON stations");
  sql("DROP FUNCTION test_slow_commit()");
  const auto again =
      admin.post("/api/v1/stations", json::object{{"code", "SLOW-01"}, {"site", "doubt"}, {"name", "Slow"}});
  EXPECT_EQ(again.status, 201) << again.raw;
}

}  // namespace
}  // namespace cj::testing
