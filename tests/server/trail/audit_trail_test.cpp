// GET /api/v1/audit/trail(.csv|.pdf): quality staff browse, search and copy every recorded
// action (docs/quality.md, "The audit trail review").
#include <cstdio>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "server/journal/hash.h"
#include "server/passport/signing_key.h"
#include "tests/support/api_suite.h"
#include "tests/support/http_client.h"
#include "tests/support/journal_seed.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class AuditTrailTest : public ApiSuite {
 protected:
  // A centre key, so that checkpoints can be taken and the PDF names one.
  static void SetUpTestSuite() {
    keys_ = std::make_unique<TempDir>();
    const auto key = keys_->path() / "centre.key";
    ASSERT_EQ(passport::write_key_file(key, passport::SigningKey::generate()), "");
    start_suite({"--centre-key-file", key.string(), "--checkpoint-interval", "0"});
  }
  static void TearDownTestSuite() {
    ApiSuite::TearDownTestSuite();
    keys_.reset();
  }
  static inline std::unique_ptr<TempDir> keys_;

  // A refused step on coi's journey, as the engine records a wrong-patient bag.
  static void seed_refusal(const std::string& coi, const std::string& operator_name) {
    pqxx::connection conn(uri());
    pqxx::work tx(conn);
    const auto id = tx.exec_params1("SELECT id FROM journeys WHERE coi = $1", coi)[0].as<std::int64_t>();
    journal::NewEvent event;
    event.journey_id = id;
    event.event.journey = coi;
    event.event.step = "apheresis.collect";
    event.event.occurred_at = workflows::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 10 / 2));
    event.event.station = "AP-9";
    event.event.operators = {operator_name};
    event.decision.accepted = false;
    event.decision.refusals = {{workflows::Code::CoiMismatch, workflows::Severity::Critical,
                                "The bag belongs to another patient", "core/identity"}};
    ASSERT_TRUE(journal::append_event(tx, event).ok());
    tx.commit();
  }

  static json::array entries(const ApiReply& reply) { return reply.body.at("entries").as_array(); }

  static bool has_action(const json::array& list, const std::string& action) {
    for (const auto& e : list) {
      if (e.at("action") == action.c_str()) return true;
    }
    return false;
  }
};

TEST_F(AuditTrailTest, TheTrailListsStepsRefusalsAndSignInsNewestFirst) {
  add_site("tr-all", "T9901");
  add_user("quinn.all", {"qa@tr-all"});
  add_user("ann.all", {"apheresis@tr-all"});
  const std::string coi = seed_journey_event(uri(), "tr-all", "MRN-TA1").coi;
  seed_refusal(coi, "ann.all");
  EXPECT_EQ(
      anonymous().post("/api/v1/session", json::object{{"username", "ann.all"}, {"password", "wrong one"}}).status,
      401);

  const auto reply = log_in("quinn.all").get("/api/v1/audit/trail");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto list = entries(reply);
  std::set<std::string> kinds;
  for (const auto& e : list) kinds.insert(std::string(e.at("kind").as_string()));
  for (const char* kind : {"event", "refusal", "sign_in", "admin"}) EXPECT_TRUE(kinds.count(kind)) << kind << reply.raw;
  for (std::size_t i = 1; i < list.size(); ++i) {
    EXPECT_GE(list[i - 1].at("at").as_string(), list[i].at("at").as_string()) << "newest first";
  }
}

TEST_F(AuditTrailTest, ARefusedWrongPatientBagIsFoundByItsJourneyAndKind) {
  add_site("tr-ref", "T9902");
  add_user("quinn.ref", {"qa@tr-ref"});
  const std::string coi = seed_journey_event(uri(), "tr-ref", "MRN-TR1").coi;
  seed_refusal(coi, "ann.ref");

  const auto reply = log_in("quinn.ref").get("/api/v1/audit/trail?kind=refusal&coi=" + coi);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto list = entries(reply);
  ASSERT_EQ(list.size(), 1u) << reply.raw;
  EXPECT_EQ(list[0].at("actor"), "ann.ref");
  EXPECT_EQ(list[0].at("station"), "AP-9");
  EXPECT_EQ(list[0].at("coi"), coi.c_str());
  EXPECT_NE(std::string(list[0].at("summary").as_string()).find("COI_MISMATCH"), std::string::npos) << reply.raw;
  EXPECT_EQ(reply.raw.find("MRN-TR1"), std::string::npos) << "the trail names journeys by COI, never by MRN";
}

TEST_F(AuditTrailTest, FailedSignInsAreFoundByThePersonTheyWereFor) {
  add_site("tr-sign", "T9903");
  add_user("quinn.sign", {"qa@tr-sign"});
  add_user("pat.sign", {"clinical@tr-sign"});
  anonymous().post("/api/v1/session", json::object{{"username", "pat.sign"}, {"password", "not it at all"}});
  log_in("pat.sign");

  const auto reply = log_in("quinn.sign").get("/api/v1/audit/trail?kind=sign_in&person=pat.sign");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  const auto list = entries(reply);
  EXPECT_TRUE(has_action(list, "session.login_failed")) << reply.raw;
  EXPECT_TRUE(has_action(list, "session.login")) << reply.raw;
  for (const auto& e : list) EXPECT_EQ(e.at("kind"), "sign_in") << reply.raw;
}

TEST_F(AuditTrailTest, PagesFollowOnWithoutGapsOrRepeats) {
  add_site("tr-page", "T9904");
  add_user("quinn.page", {"qa@tr-page"});
  for (int i = 0; i < 9; ++i) seed_journey_event(uri(), "tr-page", "MRN-TP" + std::to_string(i));
  const auto qa = log_in("quinn.page");
  const auto whole = qa.get("/api/v1/audit/trail?limit=500");
  ASSERT_EQ(whole.status, 200) << whole.raw;
  std::vector<std::string> expected;
  for (const auto& e : entries(whole)) expected.push_back(json::serialize(e));
  ASSERT_GE(expected.size(), 9u) << "9 journeys, each with its first step";

  std::vector<std::string> paged;
  std::string target = "/api/v1/audit/trail?limit=4";
  for (int pages = 0; pages < 100; ++pages) {
    const auto reply = qa.get(target);
    ASSERT_EQ(reply.status, 200) << reply.raw;
    for (const auto& e : entries(reply)) paged.push_back(json::serialize(e));
    if (reply.body.at("next").is_null()) break;
    target = "/api/v1/audit/trail?limit=4&after=" + std::string(reply.body.at("next").as_string());
  }
  EXPECT_EQ(paged, expected);
}

TEST_F(AuditTrailTest, QaSeesOnlyTheRecordsOfTheirOwnSites) {
  add_site("tr-east", "T9905");
  add_site("tr-west", "T9906");
  add_user("quinn.east", {"qa@tr-east"});
  add_user("will.west", {"clinical@tr-west"});
  const std::string west = seed_journey_event(uri(), "tr-west", "MRN-TW1").coi;
  seed_journey_event(uri(), "tr-east", "MRN-TE1");
  anonymous().post("/api/v1/session", json::object{{"username", "will.west"}, {"password", "wrong wrong"}});

  const auto reply = log_in("quinn.east").get("/api/v1/audit/trail?limit=500");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.raw.find(west), std::string::npos) << reply.raw;
  EXPECT_EQ(reply.raw.find("will.west"), std::string::npos) << "another site's sign-ins are not this QA's";
  EXPECT_EQ(log_in("will.west").get("/api/v1/audit/trail").status, 403) << "clinical staff do not review the trail";
}

TEST_F(AuditTrailTest, AFilterItCannotReadIsRefusedNamingTheParameter) {
  add_site("tr-bad", "T9907");
  add_user("quinn.bad", {"qa@tr-bad"});
  const auto qa = log_in("quinn.bad");
  const std::pair<const char*, const char*> cases[] = {
      {"?kind=event,bogus", "kind"}, {"?from=yesterday", "from"}, {"?from=2026-12-02&until=2026-12-01", "until"},
      {"?after=12.x.3", "after"},    {"?limit=0", "limit"},       {"?limit=501", "limit"},
  };
  for (const auto& [query, field] : cases) {
    const auto reply = qa.get(std::string("/api/v1/audit/trail") + query);
    EXPECT_EQ(reply.status, 400) << query << " " << reply.raw;
    EXPECT_EQ(reply.error_field(), field) << query << " " << reply.raw;
  }
}

TEST_F(AuditTrailTest, TheCsvCopyHoldsTheSearchedRowsAndIsItselfRecorded) {
  add_site("tr-csv", "T9908");
  add_user("quinn.csv", {"qa@tr-csv"});
  const std::string coi = seed_journey_event(uri(), "tr-csv", "MRN-TC1").coi;
  seed_refusal(coi, "ann.csv");
  const auto qa = log_in("quinn.csv");

  const HttpReply csv =
      http_request(port(), "GET", "/api/v1/audit/trail.csv?coi=" + coi, "", "application/json", qa.authorization());

  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.rfind("at,kind,action,actor,station,coi,summary,source,id\r\n", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find(",refusal,apheresis.collect,ann.csv,AP-9," + coi + ","), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",event,order,cora,DESK-1," + coi + ","), std::string::npos) << csv.body;
  EXPECT_NE(csv.header("Content-Disposition").find("attachment; filename=\"audit-trail-"), std::string::npos);
  const std::string sha = journal::to_hex(journal::sha256(csv.body));
  EXPECT_EQ(csv.header("X-Export-SHA256"), sha);

  const auto copies = qa.get("/api/v1/audit/trail?kind=export&person=quinn.csv");
  ASSERT_EQ(copies.status, 200) << copies.raw;
  const auto list = entries(copies);
  ASSERT_FALSE(list.empty()) << copies.raw;
  const auto& copy = list[0];
  EXPECT_EQ(copy.at("action"), "export.audit_csv");
  EXPECT_EQ(copy.at("details").at("sha256"), sha.c_str()) << "the record names the very file handed out";
}

// pdftotext (poppler-utils), an independent reader of the report.
std::string pdf_text(const std::string& pdf) {
  TempDir dir;
  const auto in = dir.path() / "trail.pdf";
  const auto out = dir.path() / "trail.txt";
  std::ofstream(in, std::ios::binary) << pdf;
  const std::string command = "pdftotext -layout " + in.string() + " " + out.string() + " 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream text(out);
  return std::string(std::istreambuf_iterator<char>(text), {});
}

TEST_F(AuditTrailTest, ThePdfReportEndsWithTheVerificationAndTheLatestCheckpoint) {
  add_site("tr-pdf", "T9909");
  add_user("quinn.pdf", {"qa@tr-pdf"});
  const std::string coi = seed_journey_event(uri(), "tr-pdf", "MRN-TF1").coi;
  seed_refusal(coi, "ann.pdf");
  const auto qa = log_in("quinn.pdf");
  ASSERT_EQ(qa.post("/api/v1/audit/checkpoints", json::object{}).status, 201);

  const HttpReply pdf =
      http_request(port(), "GET", "/api/v1/audit/trail.pdf?coi=" + coi, "", "application/json", qa.authorization());

  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  const std::string text = pdf_text(pdf.body);
  EXPECT_NE(text.find("Audit trail"), std::string::npos) << text;
  EXPECT_NE(text.find("journey " + coi), std::string::npos) << "the heading says what was searched\n" << text;
  EXPECT_NE(text.find("apheresis.collect"), std::string::npos) << text;
  EXPECT_NE(text.find("COI_MISMATCH"), std::string::npos) << text;
  const auto verification = text.find("Audit verification");
  ASSERT_NE(verification, std::string::npos) << text;
  EXPECT_GT(verification, text.find("apheresis.collect")) << "the verification comes after the entries";
  EXPECT_NE(text.find("INTACT", verification), std::string::npos) << text;
  EXPECT_NE(text.find("Latest signed checkpoint: checkpoint", verification), std::string::npos) << text;
}

TEST_F(AuditTrailTest, ThePdfReportSaysBrokenWhenAnEventWasAltered) {
  add_site("tr-forged", "T9910");
  add_user("quinn.forged", {"qa@tr-forged"});
  const std::string coi = seed_journey_event(uri(), "tr-forged", "MRN-TG1").coi;
  sql("ALTER TABLE events DISABLE TRIGGER events_append_only");
  sql("UPDATE events SET data = '{\"order_reference\": \"PO-FORGED\"}' "
      "WHERE journey_id = (SELECT id FROM journeys WHERE coi = $1)",
      coi);
  sql("ALTER TABLE events ENABLE TRIGGER events_append_only");
  const auto qa = log_in("quinn.forged");

  const HttpReply pdf =
      http_request(port(), "GET", "/api/v1/audit/trail.pdf", "", "application/json", qa.authorization());

  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  const std::string text = pdf_text(pdf.body);
  EXPECT_NE(text.find("BROKEN: 1 link does not verify"), std::string::npos) << text;
  EXPECT_NE(text.find(coi + " events seq 1"), std::string::npos) << text;
  EXPECT_EQ(text.find("PO-FORGED"), std::string::npos) << "what differs is not printed: it may identify a patient";
}

}  // namespace
}  // namespace cj::testing
