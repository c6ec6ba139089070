// Sign-in that resists guessing (issue 14 §3), end to end against `celljourney serve`: failed
// logins and signature passwords counted together, delays instead of a lock, the same answer
// and timing for an unknown name, hashing that holds no database worker.
#include <chrono>
#include <future>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/journal_seed.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Two database workers: four attempts waiting out their delays would take them all if they held
// one. Counted per account only: every test's failures come from 127.0.0.1, and the address's
// count would tie the tests together (SignInAddressTest below tests it).
class SignInTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    start_suite({"--db-workers", "2", "--guess-limit-address", "0"});
    add_site("sign", "A0201");
  }

 protected:
  static ApiReply attempt(const std::string& username, const std::string& password) {
    return anonymous().post("/api/v1/session", json::object{{"username", username}, {"password", password}});
  }
  // The attempt's answer and how long it took.
  static std::pair<ApiReply, milliseconds> timed(const std::string& username, const std::string& password) {
    const auto start = Clock::now();
    auto reply = attempt(username, password);
    return {reply, std::chrono::duration_cast<milliseconds>(Clock::now() - start)};
  }
  static std::int64_t deviation_at(const std::string& mrn) {
    return seed_journey_event(
               uri(), "sign", mrn,
               {{workflows::Code::WindowExceeded, workflows::Severity::Major,
                 "infusion ended 41 min after thaw; Kymriah allows 30 min", "kymriah/thaw-to-infusion-end"}})
        .deviation_ids.at(0);
  }
  static json::object signature(const std::string& password) {
    return {{"password", password}, {"meaning", "approval"}, {"reason", "Reviewed"}};
  }
};

TEST_F(SignInTest, FailedLoginsAndSignaturePasswordsCountTogetherThenDelayInsteadOfLocking) {
  add_user("quinn", {"qa@sign"});
  auto quinn = log_in("quinn");
  const auto id = deviation_at("MRN-SIGN-1");
  const std::string close = "/api/v1/deviations/" + std::to_string(id) + "/close";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(quinn.post(close, signature("not my password " + std::to_string(i))).error_code(), "SIGNATURE_REFUSED");
  }
  for (int i = 0; i < 2; ++i) EXPECT_EQ(attempt("quinn", "wrong password").error_code(), "BAD_CREDENTIALS");

  // The sixth attempt waits (1 s), and the right password still gets in: nobody was locked out.
  auto [sixth, waited] = timed("quinn", kPassword);
  EXPECT_EQ(sixth.status, 201) << sixth.raw;
  EXPECT_GE(waited, milliseconds(1000));
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'signature.refused' AND subject = 'quinn'"), "3");
  EXPECT_EQ(sql("SELECT count(*)::text FROM admin_log WHERE action = 'session.login_failed' AND subject = 'quinn'"),
            "2");
  // A success cleared the account's count: the next failure waits no more (a hash's time only).
  auto [next, next_waited] = timed("quinn", "wrong password");
  EXPECT_EQ(next.error_code(), "BAD_CREDENTIALS");
  EXPECT_LT(next_waited, waited);
}

TEST_F(SignInTest, TheDelayGrowsWithEachFailureBeyondTheLimit) {
  add_user("rosa", {"clinical@sign"});
  for (int i = 0; i < 5; ++i) attempt("rosa", "wrong password");
  auto [first, first_waited] = timed("rosa", "wrong password");
  auto [second, second_waited] = timed("rosa", "wrong password");
  EXPECT_EQ(first.error_code(), "BAD_CREDENTIALS");
  EXPECT_EQ(second.error_code(), "BAD_CREDENTIALS");
  EXPECT_GE(first_waited, milliseconds(1000));
  EXPECT_GE(second_waited, milliseconds(2000));
  EXPECT_GT(second_waited, first_waited + milliseconds(500)) << "2 s after 1 s";
}

TEST_F(SignInTest, AnUnknownUserGetsTheAnswerAndTheDelayOfAWrongPassword) {
  add_user("sami", {"clinical@sign"});
  for (int i = 0; i < 5; ++i) {
    attempt("sami", "wrong password");
    attempt("nobody-called-sami", "wrong password");
  }
  auto [known, known_waited] = timed("sami", "wrong password");
  auto [unknown, unknown_waited] = timed("nobody-called-sami", "wrong password");
  EXPECT_EQ(known.status, 401);
  EXPECT_EQ(unknown.raw, known.raw);
  EXPECT_GE(known_waited, milliseconds(1000));
  EXPECT_GE(unknown_waited, milliseconds(1000));
  EXPECT_LT(std::chrono::abs(known_waited - unknown_waited), milliseconds(700))
      << known_waited.count() << " ms vs " << unknown_waited.count() << " ms";
}

TEST_F(SignInTest, AttemptsWaitingOutTheirDelayHoldNoDatabaseWorker) {
  add_user("tomas", {"clinical@sign"});
  add_user("ulla", {"clinical@sign"});
  auto ulla = log_in("ulla");
  for (int i = 0; i < 5; ++i) attempt("tomas", "wrong password");
  // Four at once: 1, 2, 4 and 8 s of delay (attempts in flight count), on a server of 2 workers.
  std::vector<std::future<ApiReply>> waiting;
  for (int i = 0; i < 4; ++i) {
    waiting.push_back(std::async(std::launch::async, [] { return attempt("tomas", "wrong password"); }));
  }
  std::this_thread::sleep_for(milliseconds(300));
  const auto start = Clock::now();
  auto me = ulla.get("/api/v1/session");
  const auto took = Clock::now() - start;
  EXPECT_EQ(me.status, 200) << me.raw;
  EXPECT_LT(took, milliseconds(500));
  for (auto& w : waiting) EXPECT_EQ(w.get().error_code(), "BAD_CREDENTIALS");
}

// Its own server: one that counts 3 failures per address, so the suite above is not disturbed.
class SignInAddressTest : public ApiSuite {
 public:
  static void SetUpTestSuite() {
    start_suite({"--guess-limit-address", "3"});
    add_site("addr", "A0202");
  }
};

TEST_F(SignInAddressTest, FailuresOnManyAccountsFromOneAddressSlowThatAddress) {
  add_user("vera", {"clinical@addr"});
  for (const char* name : {"guess-one", "guess-two", "guess-three"}) {
    anonymous().post("/api/v1/session", json::object{{"username", name}, {"password", "wrong password"}});
  }
  const auto start = Clock::now();
  auto reply = anonymous().post("/api/v1/session", json::object{{"username", "vera"}, {"password", kPassword}});
  EXPECT_EQ(reply.status, 201) << reply.raw;
  EXPECT_GE(Clock::now() - start, milliseconds(1000)) << "the address's fourth attempt waits";
}

}  // namespace
}  // namespace cj::testing
