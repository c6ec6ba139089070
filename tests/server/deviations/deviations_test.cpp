// The deviations inbox: QA and coordinators see their sites' deviations, acknowledge them, and
// QA closes them with an electronic signature (password re-entered, meaning and reason kept,
// bound to a hash of what was signed).
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/deviation_lifecycle.h"
#include "tests/support/journal_seed.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class DeviationsTest : public ApiSuite {
 protected:
  // A journey at `site` whose one event raised a WINDOW_EXCEEDED deviation; returns its id.
  static std::int64_t deviation_at(const std::string& site, const std::string& mrn) {
    return seed_journey_event(
               uri(), site, mrn,
               {{workflows::Code::WindowExceeded, workflows::Severity::Major,
                 "infusion ended 41 min after thaw; Kymriah allows 30 min", "kymriah/thaw-to-infusion-end"}})
        .deviation_ids.at(0);
  }
  static std::string path(std::int64_t id, const std::string& action = {}) {
    return "/api/v1/deviations/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
  }
  static json::object signature(const std::string& password = kPassword) {
    return {
        {"password", password}, {"meaning", "approval"}, {"reason", "Infusion outcome reviewed with the physician"}};
  }
};

TEST_F(DeviationsTest, QaSeesTheOpenDeviationsOfTheirSiteOnly) {
  add_site("dev-north", "A9971");
  add_site("dev-south", "A9972");
  add_user("nora", {"qa@dev-north"});
  const auto north = deviation_at("dev-north", "MRN-N1");
  const auto south = deviation_at("dev-south", "MRN-S1");

  auto reply = log_in("nora").get("/api/v1/deviations?status=open");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  bool saw_north = false, saw_south = false;
  for (const auto& d : reply.body.at("deviations").as_array()) {
    saw_north |= d.at("id").as_int64() == north;
    saw_south |= d.at("id").as_int64() == south;
  }
  EXPECT_TRUE(saw_north);
  EXPECT_FALSE(saw_south);
  EXPECT_EQ(log_in("nora").get(path(south)).status, 404);
}

TEST_F(DeviationsTest, ACoordinatorAcknowledgesAnOpenDeviation) {
  add_site("dev-ack", "A9973");
  add_user("colin", {"coordinator@dev-ack"});
  const auto id = deviation_at("dev-ack", "MRN-A1");
  auto colin = log_in("colin");

  auto reply = colin.post(path(id, "acknowledge"), json::object{{"note", "Looking into it"}});

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("status"), "acknowledged");
  EXPECT_EQ(reply.body.at("acknowledged_by"), "colin");
  EXPECT_EQ(reply.body.at("owner"), "colin") << "the acknowledger owns it unless another is named";
  EXPECT_EQ(colin.post(path(id, "acknowledge"), json::object{}).error_code(), "DEVIATION_NOT_OPEN");
}

TEST_F(DeviationsTest, QaClosesADeviationWithASignatureBoundToWhatWasSigned) {
  add_site("dev-close", "A9974");
  add_user("quinn", {"qa@dev-close"});
  const auto id = deviation_at("dev-close", "MRN-C1");
  auto quinn = log_in("quinn");
  bring_to_disposition(quinn, id);

  auto reply = quinn.post(path(id, "close"), signature());

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("status"), "closed");
  const auto& signed_by = reply.body.at("signature");
  EXPECT_EQ(signed_by.at("signer"), "quinn");
  EXPECT_EQ(signed_by.at("meaning"), "approval");
  EXPECT_EQ(signed_by.at("signed_hash").as_string().size(), 64u);
  // The record keeps the signature, and the lifecycle names every step.
  auto stored = quinn.get(path(id));
  EXPECT_EQ(stored.body.at("signature").at("signed_hash"), signed_by.at("signed_hash"));
  const auto& history = stored.body.at("history").as_array();
  ASSERT_EQ(history.size(), 8u) << stored.raw;
  EXPECT_EQ(history[0].at("action"), "raised");
  EXPECT_EQ(history[7].at("action"), "closed");
  EXPECT_EQ(history[7].at("signature_id"), signed_by.at("id"));
  EXPECT_EQ(quinn.post(path(id, "close"), signature()).error_code(), "DEVIATION_CLOSED");
}

TEST_F(DeviationsTest, AWrongPasswordSignsNothingAndLeavesTheDeviationOpen) {
  add_site("dev-wrong", "A9975");
  add_user("wanda", {"qa@dev-wrong"});
  const auto id = deviation_at("dev-wrong", "MRN-W1");
  auto wanda = log_in("wanda");

  auto reply = wanda.post(path(id, "close"), signature("not my password at all"));

  EXPECT_EQ(reply.status, 403);
  EXPECT_EQ(reply.error_code(), "SIGNATURE_REFUSED");
  EXPECT_EQ(wanda.get(path(id)).body.at("status"), "open");
  EXPECT_EQ(sql("SELECT count(*)::text FROM signatures s JOIN users u ON u.id = s.user_id WHERE u.username = 'wanda'"),
            "0");
}

TEST_F(DeviationsTest, ASignatureNeedsAMeaningFromTheListAndAReason) {
  add_site("dev-meaning", "A9976");
  add_user("mona", {"qa@dev-meaning"});
  const auto id = deviation_at("dev-meaning", "MRN-M1");
  auto mona = log_in("mona");
  auto bad_meaning = signature();
  bad_meaning["meaning"] = "because";
  EXPECT_EQ(mona.post(path(id, "close"), bad_meaning).error_field(), "meaning");
  auto no_reason = signature();
  no_reason.erase("reason");
  EXPECT_EQ(mona.post(path(id, "close"), no_reason).error_field(), "reason");
}

TEST_F(DeviationsTest, OnlyQaAtTheDeviationsSiteMayCloseIt) {
  add_site("dev-here", "A9977");
  add_site("dev-there", "A9978");
  add_user("otto", {"qa@dev-there", "coordinator@dev-here"});
  const auto id = deviation_at("dev-here", "MRN-H1");
  auto reply = log_in("otto").post(path(id, "close"), signature());
  EXPECT_EQ(reply.status, 403) << reply.raw;
}

TEST_F(DeviationsTest, ClosingIsPushedToTheLiveFeed) {
  add_site("dev-feed", "A9979");
  add_user("fay", {"qa@dev-feed"});
  const auto id = deviation_at("dev-feed", "MRN-F1");
  auto fay = log_in("fay");
  bring_to_disposition(fay, id);
  ASSERT_TRUE(wait_until_listening(port()));
  WsClient ws(port(), "/api/v1/feed?token=" + fay.authorization().substr(std::string("Bearer ").size()));
  ASSERT_TRUE(ws.next_containing("hello"));

  ASSERT_EQ(fay.post(path(id, "close"), signature()).status, 200);

  auto message = ws.next_containing("\"deviation_id\":" + std::to_string(id));
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("\"status\":\"closed\""), std::string::npos) << *message;
}

}  // namespace
}  // namespace cj::testing
