// The server's answers as the screen shows them; the countdown of the running clock.
#include "scanner/answer.h"

#include <gtest/gtest.h>

#include "scanner/event.h"
#include "scanner/screen.h"
#include "scanner/sender.h"

namespace cj::scanner {
namespace {

TEST(Answer, AnAcceptedDecisionGivesItsDeviationsAndTheNextDeadline) {
  const Answer a = read_answer(200, R"({"decision":"accepted","event_id":1042,"refusals":[],
    "deviations":[{"code":"WINDOW_EXCEEDED","severity":"major","message":"41 min after thaw"}],
    "next":[{"step":"infusion.end","due_by":"2026-11-20T10:30:00Z"}]})");
  EXPECT_TRUE(a.accepted);
  EXPECT_EQ(a.deviations, std::vector<std::string>{"41 min after thaw"});
  EXPECT_EQ(a.codes, std::vector<std::string>{"WINDOW_EXCEEDED: 41 min after thaw"}) << "codes go to the log";
  ASSERT_EQ(a.next.size(), 1u);
  EXPECT_EQ(a.next[0].step, "infusion.end");
  ASSERT_TRUE(a.next[0].due_by);
  EXPECT_EQ(utc_text(*a.next[0].due_by), "2026-11-20T10:30:00Z");
}

TEST(Answer, ARefusalGivesItsReasons) {
  const Answer a =
      read_answer(422, R"({"decision":"refused","refusals":[{"code":"COI_MISMATCH","message":"WRONG PATIENT"}]})");
  EXPECT_FALSE(a.accepted);
  EXPECT_EQ(a.reasons, std::vector<std::string>{"WRONG PATIENT"});
}

TEST(Answer, AnApiErrorIsARefusalWithItsCode) {
  const Answer a =
      read_answer(404, R"({"error":{"code":"UNKNOWN_JOURNEY","message":"No such journey.","field":"journey"}})");
  EXPECT_FALSE(a.accepted);
  EXPECT_EQ(a.reasons, std::vector<std::string>{"No such journey."});
}

TEST(Answer, ABodyThatIsNotJsonStillGivesAReason) {
  const Answer a = read_answer(400, "<html>proxy</html>");
  EXPECT_FALSE(a.accepted);
  ASSERT_EQ(a.reasons.size(), 1u);
  EXPECT_EQ(a.reasons[0].rfind("HTTP 400", 0), 0u);
}

TEST(Answer, OnlyNoAnswerServerErrorsAndUnauthorisedAreRetried) {
  for (int status : {0, 500, 502, 503, 401, 408, 429}) EXPECT_FALSE(is_final_answer(status)) << status;
  for (int status : {200, 400, 403, 404, 409, 422}) EXPECT_TRUE(is_final_answer(status)) << status;
}

TEST(Countdown, TimeLeftAndOverdueAreSpelledOut) {
  std::chrono::system_clock::time_point due;
  ASSERT_TRUE(parse_utc("2026-11-20T10:30:00Z", due));
  EXPECT_EQ(countdown_text(due, due - std::chrono::seconds(29 * 60 + 41)), "29:41 left");
  EXPECT_EQ(countdown_text(due, due + std::chrono::seconds(130)), "OVERDUE 02:10");
  EXPECT_EQ(countdown_text(due, due - std::chrono::minutes(65)), "1 h 05 min left");
}

TEST(IdempotencyKey, KeysAreVersion4UuidsAndDiffer) {
  const std::string a = new_idempotency_key();
  EXPECT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, new_idempotency_key());
}

}  // namespace
}  // namespace cj::scanner
