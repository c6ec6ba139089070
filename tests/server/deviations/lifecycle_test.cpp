// The deviation lifecycle (docs/quality.md "Deviations and CAPA"): acknowledged with an owner,
// investigated with a root cause, CAPA actions with owners and due dates each closed with a
// note, the product's disposition, the signed close and the reopen; every step names who, when
// and why, illegal steps are 409 saying what comes first, and the fact chain verifies after.
#include <gtest/gtest.h>

#include "server/passport/signing_key.h"
#include "tests/support/api_suite.h"
#include "tests/support/deviation_lifecycle.h"
#include "tests/support/journal_seed.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class LifecycleTest : public ApiSuite {
 protected:
  // audit verify checks the chains against signed checkpoints: the suite's own centre key.
  static void SetUpTestSuite() {
    keys_ = std::make_unique<TempDir>();
    const auto key = keys_->path() / "centre.key";
    ASSERT_EQ(passport::write_key_file(key, passport::SigningKey::generate()), "");
    start_suite({"--centre-key-file", key.string()});
  }
  static void TearDownTestSuite() {
    ApiSuite::TearDownTestSuite();
    keys_.reset();
  }
  static inline std::unique_ptr<TempDir> keys_;

  static std::int64_t deviation_at(const std::string& site, const std::string& mrn,
                                   workflows::Code code = workflows::Code::WindowExceeded,
                                   workflows::Severity severity = workflows::Severity::Major) {
    return seed_journey_event(uri(), site, mrn, {{code, severity, "infusion ended 41 min after thaw", "kymriah/x"}})
        .deviation_ids.at(0);
  }
  static std::string path(std::int64_t id, const std::string& step = {}) {
    return "/api/v1/deviations/" + std::to_string(id) + (step.empty() ? "" : "/" + step);
  }
  static json::object action(const std::string& owner, const std::string& kind = "corrective") {
    return {{"kind", kind}, {"text", "Retrain the thaw team"}, {"owner", owner}, {"due", "2026-12-20"}};
  }
  static json::object signature(const std::string& password = kPassword) {
    return {{"password", password}, {"meaning", "approval"}, {"reason", "Investigation and CAPA complete"}};
  }
};

TEST_F(LifecycleTest, EachStepMovesTheDeviationOnAndNamesWhoWhenAndWhy) {
  add_site("lc-walk", "A9961");
  add_user("quinn.lc", {"qa@lc-walk"});
  add_user("olga.lc", {"cell_lab@lc-walk"});
  const auto id = deviation_at("lc-walk", "MRN-LC1");
  auto qa = log_in("quinn.lc");

  auto acknowledged = qa.post(path(id, "acknowledge"), json::object{{"owner", "olga.lc"}, {"note", "Olga leads"}});
  ASSERT_EQ(acknowledged.status, 200) << acknowledged.raw;
  EXPECT_EQ(acknowledged.body.at("status"), "acknowledged");
  EXPECT_EQ(acknowledged.body.at("owner"), "olga.lc");
  // The owner records the investigation and the actions; QA completes the CAPA.
  auto olga = log_in("olga.lc");
  auto investigated =
      olga.post(path(id, "investigation"),
                json::object{{"category", "people"}, {"text", "Thaw started before the ward was ready"}});
  ASSERT_EQ(investigated.status, 200) << investigated.raw;
  EXPECT_EQ(investigated.body.at("status"), "capa");
  EXPECT_EQ(investigated.body.at("lifecycle").at("investigation").at("category"), "people");
  ASSERT_EQ(olga.post(path(id, "actions"), action("olga.lc")).status, 200);
  auto second = olga.post(path(id, "actions"), action("quinn.lc", "preventive"));
  ASSERT_EQ(second.status, 200) << second.raw;
  EXPECT_EQ(second.body.at("lifecycle").at("actions").as_array().size(), 2u);
  ASSERT_EQ(olga.post(path(id, "actions/1/close"), json::object{{"note", "Team retrained on 3 Dec"}}).status, 200);
  ASSERT_EQ(qa.post(path(id, "actions/2/close"), json::object{{"note", "Ward call added to the SOP"}}).status, 200);
  auto capa = qa.post(path(id, "capa"), json::object{{"outcome", "completed"}, {"note", "Both actions effective"}});
  ASSERT_EQ(capa.status, 200) << capa.raw;
  EXPECT_EQ(capa.body.at("status"), "disposition");
  auto disposed =
      qa.post(path(id, "disposition"), json::object{{"disposition", "use"}, {"note", "Infused within viability"}});
  ASSERT_EQ(disposed.status, 200) << disposed.raw;
  auto closed = qa.post(path(id, "close"), signature());
  ASSERT_EQ(closed.status, 200) << closed.raw;
  EXPECT_EQ(closed.body.at("status"), "closed");

  const auto stored = qa.get(path(id));
  const auto& history = stored.body.at("history").as_array();
  const std::vector<std::string> actions{"raised",       "acknowledged",  "investigated",  "action_added",
                                         "action_added", "action_closed", "action_closed", "capa_completed",
                                         "disposed",     "closed"};
  ASSERT_EQ(history.size(), actions.size()) << stored.raw;
  for (std::size_t i = 0; i < actions.size(); ++i) EXPECT_EQ(history[i].at("action").as_string(), actions[i]) << i;
  for (std::size_t i = 1; i < history.size(); ++i) {
    EXPECT_FALSE(history[i].at("by").is_null()) << i;
    EXPECT_FALSE(history[i].at("at").as_string().empty()) << i;
  }
  EXPECT_EQ(history[5].at("by"), "olga.lc");
  EXPECT_EQ(history[5].at("note"), "Team retrained on 3 Dec");
  const auto& life = stored.body.at("lifecycle");
  EXPECT_EQ(life.at("disposition").at("disposition"), "use");
  EXPECT_EQ(life.at("actions").at(1).at("closed_by"), "quinn.lc");
  // The closed list carries the signature's meaning and reason.
  const auto list = qa.get("/api/v1/deviations?status=closed&site=lc-walk");
  ASSERT_EQ(list.status, 200) << list.raw;
  const auto& row = list.body.at("deviations").at(0);
  EXPECT_EQ(row.at("closing_signature").at("meaning"), "approval");
  EXPECT_EQ(row.at("closing_signature").at("reason"), "Investigation and CAPA complete");
}

TEST_F(LifecycleTest, AnIllegalStepIsAConflictNamingTheStateAndWhatComesFirst) {
  add_site("lc-order", "A9962");
  add_user("quinn.or", {"qa@lc-order"});
  const auto id = deviation_at("lc-order", "MRN-OR1");
  auto qa = log_in("quinn.or");

  auto early = qa.post(path(id, "investigation"), json::object{{"category", "equipment"}, {"text", "Freezer"}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_code(), "DEVIATION_OPEN");
  EXPECT_NE(early.raw.find("acknowledge it first"), std::string::npos) << early.raw;
  auto unsigned_close = qa.post(path(id, "close"), signature());
  EXPECT_EQ(unsigned_close.error_code(), "DEVIATION_OPEN") << "QA cannot close without acknowledging";
  ASSERT_EQ(qa.post(path(id, "acknowledge"), json::object{}).status, 200);
  EXPECT_EQ(qa.post(path(id, "actions"), action("quinn.or")).error_code(), "DEVIATION_ACKNOWLEDGED");
  ASSERT_EQ(qa.post(path(id, "investigation"), json::object{{"category", "equipment"}, {"text", "Freezer"}}).status,
            200);
  EXPECT_EQ(qa.post(path(id, "capa"), json::object{{"outcome", "completed"}, {"note", "x"}}).error_code(),
            "CAPA_NO_ACTIONS");
  ASSERT_EQ(qa.post(path(id, "actions"), action("quinn.or")).status, 200);
  // Not past CAPA while an action is open; no skip for a major deviation.
  EXPECT_EQ(qa.post(path(id, "capa"), json::object{{"outcome", "completed"}, {"note", "x"}}).error_code(),
            "CAPA_ACTIONS_OPEN");
  ASSERT_EQ(qa.post(path(id, "actions/1/close"), json::object{{"note", "Freezer serviced"}}).status, 200);
  EXPECT_EQ(qa.post(path(id, "capa"), json::object{{"outcome", "skipped"}, {"note", "x"}}).error_code(),
            "CAPA_REQUIRED");
  EXPECT_EQ(qa.post(path(id, "actions/1/close"), json::object{{"note", "again"}}).error_code(), "ACTION_CLOSED")
      << "closing an action twice";
  ASSERT_EQ(qa.post(path(id, "capa"), json::object{{"outcome", "completed"}, {"note", "Serviced"}}).status, 200);
  EXPECT_EQ(qa.post(path(id, "close"), signature()).error_code(), "DISPOSITION_MISSING");
  EXPECT_EQ(qa.get(path(id)).body.at("status"), "disposition");
}

TEST_F(LifecycleTest, AMinorDeviationMaySkipCapaWithAReason) {
  add_site("lc-minor", "A9963");
  add_user("quinn.mi", {"qa@lc-minor"});
  const auto id = deviation_at("lc-minor", "MRN-MI1", workflows::Code::RepeatedStep, workflows::Severity::Minor);
  auto qa = log_in("quinn.mi");
  ASSERT_EQ(qa.post(path(id, "acknowledge"), json::object{}).status, 200);
  ASSERT_EQ(qa.post(path(id, "investigation"), json::object{{"category", "procedure"}, {"text", "Double scan"}}).status,
            200);

  auto no_reason = qa.post(path(id, "capa"), json::object{{"outcome", "skipped"}});
  auto skipped = qa.post(path(id, "capa"), json::object{{"outcome", "skipped"}, {"note", "A duplicate scan only"}});

  EXPECT_EQ(no_reason.error_field(), "note");
  ASSERT_EQ(skipped.status, 200) << skipped.raw;
  EXPECT_EQ(skipped.body.at("status"), "disposition");
  EXPECT_EQ(skipped.body.at("lifecycle").at("capa").at("outcome"), "skipped");
  EXPECT_EQ(skipped.body.at("lifecycle").at("capa").at("note"), "A duplicate scan only");
}

TEST_F(LifecycleTest, TheDispositionOfAnOosDeviationMustBeThePhysiciansDecision) {
  add_site("lc-oos2", "A9965");
  add_user("quinn.o2", {"qa@lc-oos2"});
  add_user("paula.o2", {"physician@lc-oos2"});
  const auto id = deviation_at("lc-oos2", "MRN-OOS2", workflows::Code::OosNotReleased, workflows::Severity::Critical);
  auto qa = log_in("quinn.o2");
  ASSERT_EQ(qa.post(path(id, "acknowledge"), json::object{}).status, 200);
  ASSERT_EQ(
      qa.post(path(id, "investigation"), json::object{{"category", "material"}, {"text", "Low viability"}}).status,
      200);
  ASSERT_EQ(qa.post(path(id, "actions"), action("quinn.o2")).status, 200);
  ASSERT_EQ(qa.post(path(id, "actions/1/close"), json::object{{"note", "Manufacturer informed"}}).status, 200);
  ASSERT_EQ(qa.post(path(id, "capa"), json::object{{"outcome", "completed"}, {"note", "Done"}}).status, 200);

  auto use = qa.post(path(id, "disposition"), json::object{{"disposition", "use"}, {"note", "Looks fine"}});
  auto decided =
      log_in("paula.o2")
          .post(path(id, "disposition"), json::object{{"disposition", "physician_decision"},
                                                      {"physician", "Dr Paula Reyes"},
                                                      {"note", "Benefit outweighs risk: infuse (patient consented)"}});

  EXPECT_EQ(use.error_field(), "disposition");
  ASSERT_EQ(decided.status, 200) << decided.raw;
  EXPECT_EQ(decided.body.at("lifecycle").at("disposition").at("physician"), "Dr Paula Reyes");
  EXPECT_EQ(decided.body.at("lifecycle").at("disposition").at("by"), "paula.o2");
}

TEST_F(LifecycleTest, AWrongPasswordSignsNothingAndTheDeviationStaysAtDisposition) {
  add_site("lc-pw", "A9966");
  add_user("quinn.pw", {"qa@lc-pw"});
  const auto id = deviation_at("lc-pw", "MRN-PW1");
  auto qa = log_in("quinn.pw");
  bring_to_disposition(qa, id);

  auto refused = qa.post(path(id, "close"), signature("not the password"));

  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "SIGNATURE_REFUSED");
  EXPECT_EQ(qa.get(path(id)).body.at("status"), "disposition");
}

TEST_F(LifecycleTest, AReopenedDeviationIsInvestigatedAgainAndClosedWithANewSignature) {
  add_site("lc-reopen", "A9967");
  add_user("quinn.re", {"qa@lc-reopen"});
  const auto id = deviation_at("lc-reopen", "MRN-RE1");
  auto qa = log_in("quinn.re");
  bring_to_disposition(qa, id);
  const auto first = qa.post(path(id, "close"), signature());
  ASSERT_EQ(first.status, 200) << first.raw;

  EXPECT_EQ(qa.post(path(id, "reopen"), json::object{}).error_field(), "reason");
  auto reopened = qa.post(path(id, "reopen"), json::object{{"reason", "Viability result came back low"}});

  ASSERT_EQ(reopened.status, 200) << reopened.raw;
  EXPECT_EQ(reopened.body.at("status"), "investigating");
  EXPECT_TRUE(reopened.body.at("closed_at").is_null());
  EXPECT_TRUE(reopened.body.at("lifecycle").at("investigation").is_null()) << "asked again";
  EXPECT_EQ(reopened.body.at("lifecycle").at("actions").at(0).at("status"), "closed") << "actions stay";
  EXPECT_EQ(qa.post(path(id, "reopen"), json::object{{"reason", "x"}}).error_code(), "DEVIATION_INVESTIGATING");
  ASSERT_EQ(qa.post(path(id, "investigation"), json::object{{"category", "material"}, {"text", "Bag defect"}}).status,
            200);
  ASSERT_EQ(qa.post(path(id, "capa"), json::object{{"outcome", "completed"}, {"note", "Earlier actions hold"}}).status,
            200);
  ASSERT_EQ(qa.post(path(id, "disposition"), json::object{{"disposition", "quarantine"}, {"note", "Held"}}).status,
            200);
  const auto second = qa.post(path(id, "close"), signature());
  ASSERT_EQ(second.status, 200) << second.raw;
  EXPECT_NE(second.body.at("signature").at("id"), first.body.at("signature").at("id"));
  const auto history = qa.get(path(id)).body.at("history").as_array();
  int closes = 0;
  for (const auto& step : history) closes += step.at("action") == "closed" ? 1 : 0;
  EXPECT_EQ(closes, 2) << "the first closure stays in the history";
}

TEST_F(LifecycleTest, TheFactChainVerifiesAfterAWholeLifecycleAndNamesAStepChangedBehindTheServer) {
  add_site("lc-chain", "A9968");
  add_user("quinn.ch", {"qa@lc-chain"});
  const auto id = deviation_at("lc-chain", "MRN-CH1");
  auto qa = log_in("quinn.ch");
  bring_to_disposition(qa, id);
  ASSERT_EQ(qa.post(path(id, "close"), signature()).status, 200);
  ASSERT_EQ(qa.post(path(id, "reopen"), json::object{{"reason", "New information"}}).status, 200);
  EXPECT_EQ(sql("SELECT count(*)::text FROM journey_facts WHERE kind LIKE 'deviation.%' AND subject_id IN "
                "(SELECT id FROM deviation_events WHERE deviation_id = $1)",
                std::to_string(id)),
            "9")
      << "raised, acknowledged, investigated, action added and closed, CAPA, disposition, closed, reopened";

  auto intact = qa.get("/api/v1/audit/verify");
  ASSERT_EQ(intact.status, 200) << intact.raw;
  EXPECT_EQ(intact.body.at("intact"), true) << intact.raw;

  // A superuser rewriting the root cause of the investigation.
  sql("ALTER TABLE deviation_events DISABLE TRIGGER deviation_events_append_only");
  sql("UPDATE deviation_events SET details = '{\"category\": \"equipment\", \"text\": \"Freezer\"}' "
      "WHERE deviation_id = $1 AND action = 'investigated'",
      std::to_string(id));
  sql("ALTER TABLE deviation_events ENABLE TRIGGER deviation_events_append_only");
  auto broken = qa.get("/api/v1/audit/verify");
  ASSERT_EQ(broken.status, 200) << broken.raw;
  EXPECT_EQ(broken.body.at("intact"), false) << broken.raw;
  EXPECT_NE(broken.raw.find("details"), std::string::npos) << broken.raw;
}

TEST_F(LifecycleTest, OnlyQaOrTheOwnerRecordTheInvestigationAndAReassignmentNeedsAReason) {
  add_site("lc-who", "A9969");
  add_user("quinn.wh", {"qa@lc-who"});
  add_user("olga.wh", {"cell_lab@lc-who"});
  add_user("nick.wh", {"clinical@lc-who"});
  const auto id = deviation_at("lc-who", "MRN-WH1");
  auto qa = log_in("quinn.wh");
  ASSERT_EQ(qa.post(path(id, "acknowledge"), json::object{{"owner", "olga.wh"}}).status, 200);

  auto by_other =
      log_in("nick.wh").post(path(id, "investigation"), json::object{{"category", "people"}, {"text", "x"}});
  auto no_reason = qa.post(path(id, "owner"), json::object{{"owner", "nick.wh"}});
  auto unknown = qa.post(path(id, "owner"), json::object{{"owner", "nobody"}, {"reason", "Olga on leave"}});
  auto reassigned = qa.post(path(id, "owner"), json::object{{"owner", "nick.wh"}, {"reason", "Olga on leave"}});

  EXPECT_EQ(by_other.status, 403) << by_other.raw;
  EXPECT_EQ(no_reason.error_field(), "reason");
  EXPECT_EQ(unknown.error_field(), "owner");
  ASSERT_EQ(reassigned.status, 200) << reassigned.raw;
  EXPECT_EQ(reassigned.body.at("owner"), "nick.wh");
  const auto history = qa.get(path(id)).body.at("history").as_array();
  EXPECT_EQ(history.back().at("action"), "assigned");
  EXPECT_EQ(history.back().at("note"), "Olga on leave");
  EXPECT_EQ(history.back().at("details").at("previous"), "olga.wh");
  EXPECT_EQ(log_in("nick.wh")
                .post(path(id, "investigation"), json::object{{"category", "people"}, {"text", "Handover gap"}})
                .status,
            200);
}

TEST_F(LifecycleTest, TheInboxFiltersAndSortsAndShowsInitialsProductAgeAndOwner) {
  add_site("lc-inbox", "A9970");
  add_user("quinn.in", {"qa@lc-inbox"});
  const auto major = deviation_at("lc-inbox", "MRN-IN1");
  const auto critical =
      deviation_at("lc-inbox", "MRN-IN2", workflows::Code::OosNotReleased, workflows::Severity::Critical);
  const auto minor = deviation_at("lc-inbox", "MRN-IN3", workflows::Code::RepeatedStep, workflows::Severity::Minor);
  sql("UPDATE deviations SET raised_at = now() - interval '50 hours' WHERE id = $1", std::to_string(minor));
  auto qa = log_in("quinn.in");
  ASSERT_EQ(qa.post(path(major, "acknowledge"), json::object{}).status, 200);

  auto by_severity = qa.get("/api/v1/deviations?site=lc-inbox&sort=severity");
  auto by_age = qa.get("/api/v1/deviations?site=lc-inbox&sort=age");
  auto owned = qa.get("/api/v1/deviations?site=lc-inbox&owner=quinn.in");
  auto unowned = qa.get("/api/v1/deviations?site=lc-inbox&owner=none&severity=critical");
  auto old = qa.get("/api/v1/deviations?site=lc-inbox&older_than_hours=48");
  auto bad = qa.get("/api/v1/deviations?sort=colour");

  ASSERT_EQ(by_severity.status, 200) << by_severity.raw;
  const auto& rows = by_severity.body.at("deviations").as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("id"), critical);
  EXPECT_EQ(rows[2].at("id"), minor);
  EXPECT_EQ(rows[0].at("patient_initials"), "JD");
  EXPECT_EQ(rows[0].at("product"), "kymriah");
  EXPECT_FALSE(rows[0].at("product_name").as_string().empty());
  EXPECT_EQ(by_age.body.at("deviations").at(0).at("id"), minor) << "oldest first";
  EXPECT_GE(by_age.body.at("deviations").at(0).at("age_seconds").as_int64(), 50 * 3600);
  ASSERT_EQ(owned.body.at("deviations").as_array().size(), 1u);
  EXPECT_EQ(owned.body.at("deviations").at(0).at("owner"), "quinn.in");
  ASSERT_EQ(unowned.body.at("deviations").as_array().size(), 1u);
  EXPECT_EQ(unowned.body.at("deviations").at(0).at("id"), critical);
  ASSERT_EQ(old.body.at("deviations").as_array().size(), 1u);
  EXPECT_EQ(bad.error_field(), "sort");
}

}  // namespace
}  // namespace cj::testing
