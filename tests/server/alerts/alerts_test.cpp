// Alerts that reach people: a site's rules send a deviation or near miss by email through the
// site's relay (a real SMTP conversation with aiosmtpd), by a signed webhook (a receiver that
// checks the signature itself), and to the board; a relay that is down costs the scan nothing
// and the alert is delivered when it comes back; an unacknowledged critical alert escalates.
#include <chrono>
#include <map>
#include <regex>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/alert_sinks.h"
#include "tests/support/api_suite.h"
#include "tests/support/journal_seed.h"
#include "tests/support/raw_connection.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
using std::chrono::seconds;

constexpr const char* kHookSecret = "a webhook secret of the test site";

class AlertsTest : public ApiSuite {
 protected:
  // A site with an administrator (admin-<site>) who sets its relay to 127.0.0.1:smtp_port and
  // its people's addresses (<username>@<site>.example).
  static ApiClient site_with_relay(const std::string& site, const std::string& fin, unsigned short smtp_port,
                                   json::object extra = {}) {
    add_site(site, fin);
    add_user("admin-" + site, {"admin@" + site});
    auto admin = log_in("admin-" + site);
    json::object settings{{"smtp_host", "127.0.0.1"},
                          {"smtp_port", smtp_port},
                          {"smtp_starttls", false},
                          {"smtp_from", "celljourney@" + site + ".example"},
                          {"link_base", "https://cj.example"}};
    for (const auto& [key, value] : extra) settings[key] = value;
    const auto reply = admin.put("/api/v1/sites/" + site + "/alerting", settings);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return admin;
  }
  static void person(const ApiClient& admin, const std::string& username, const std::string& role_at_site,
                     const std::string& site) {
    add_user(username, {role_at_site});
    const auto reply =
        admin.put("/api/v1/users/" + username + "/email", json::object{{"email", username + "@" + site + ".example"}});
    EXPECT_EQ(reply.status, 200) << reply.raw;
  }
  static void rule(const ApiClient& admin, const std::string& site, const std::string& trigger, json::object body) {
    const auto reply = admin.put("/api/v1/sites/" + site + "/alert-rules/" + trigger, body);
    EXPECT_EQ(reply.status, 200) << reply.raw;
  }
  // A journey at site whose first event raised a critical BLOCKING_DEVIATION, through the
  // journal's append path (the one a scan takes); returns it.
  static SeededEvent critical_at(const std::string& site, const std::string& mrn) {
    return seed_journey_event(uri(), site, mrn,
                              {{workflows::Code::BlockingDeviation, workflows::Severity::Critical,
                                "an open TEMP_EXCURSION blocks this bag", "core/blocking-deviations"}});
  }
  static std::string envelope_to(const std::string& mail) {
    std::smatch m;
    return std::regex_search(mail, m, std::regex("RCPT TO: ([^\n]*)\n")) ? m[1].str() : "";
  }
  static std::string subject(const std::string& mail) {
    std::smatch m;
    return std::regex_search(mail, m, std::regex("\nSubject: ([^\r\n]*)\r?\n")) ? m[1].str() : "";
  }
  static json::array alerts_of(const ApiClient& reader, const std::string& site) {
    const auto reply = reader.get("/api/v1/alerts?site=" + site);
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.status == 200 ? reply.body.at("alerts").as_array() : json::array{};
  }
  // Waits until the SQL (one value) answers `expected`.
  static bool eventually(const std::string& statement, const std::string& expected, seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (sql(statement) == expected) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return sql(statement) == expected;
  }
};

TEST_F(AlertsTest, ACriticalDeviationIsMailedToTheRulesRoleThroughTheSitesRelay) {
  TempDir folder;
  const auto port = free_loopback_port();
  SmtpSink sink(port, folder.path());
  auto admin = site_with_relay("al-mail", "A9A01", port);
  person(admin, "ava-qa", "qa@al-mail", "al-mail");
  person(admin, "cole-coord", "coordinator@al-mail", "al-mail");
  rule(admin, "al-mail", "critical_deviation", {{"channels", {"email"}}, {"roles", {"qa"}}});

  const auto raised = critical_at("al-mail", "MRN-MAIL-1");

  const auto mail = sink.wait_for(1, seconds(15));
  ASSERT_EQ(mail.size(), 1u) << "no message reached the SMTP sink";
  EXPECT_EQ(envelope_to(mail[0]), "ava-qa@al-mail.example");  // the qa, not the coordinator
  EXPECT_EQ(subject(mail[0]), "[CellJourney] CRITICAL BLOCKING_DEVIATION at al-mail - " + raised.coi + " (JD)");
  EXPECT_NE(mail[0].find("What to do: "), std::string::npos);
  EXPECT_NE(mail[0].find("https://cj.example/journey.html?coi=" + raised.coi), std::string::npos);
  EXPECT_EQ(mail[0].find("MRN-MAIL-1"), std::string::npos) << "the MRN must never be mailed";
  // The record: one email delivery, sent at the first attempt.
  ASSERT_TRUE(eventually("SELECT count(*) FROM alert_attempts", "1", seconds(5)));
  const auto alerts = alerts_of(log_in("ava-qa"), "al-mail");
  ASSERT_EQ(alerts.size(), 1u);
  const auto& deliveries = alerts[0].at("deliveries").as_array();
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].at("state"), "sent");
  EXPECT_EQ(deliveries[0].at("recipient"), "ava-qa@al-mail.example");
  EXPECT_EQ(deliveries[0].at("history").as_array().at(0).at("outcome"), "sent");
}

TEST_F(AlertsTest, AWebhookCarriesASignatureTheReceiverVerifies) {
  TempDir folder;
  const auto hook_port = free_loopback_port();
  WebhookReceiver receiver(hook_port, folder.path(), kHookSecret);
  auto admin = site_with_relay("al-hook", "A9A02", free_loopback_port(),
                               {{"webhook_url", "http://127.0.0.1:" + std::to_string(hook_port) + "/celljourney"},
                                {"webhook_secret", kHookSecret}});
  rule(admin, "al-hook", "critical_deviation", {{"channels", {"webhook"}}});

  const auto raised = critical_at("al-hook", "MRN-HOOK-1");

  const auto requests = receiver.wait_for(1, seconds(15));
  ASSERT_EQ(requests.size(), 1u) << "no request reached the webhook receiver";
  const auto request = json::parse(requests[0]).as_object();
  EXPECT_TRUE(request.at("valid").as_bool()) << request.at("reason");
  EXPECT_EQ(request.at("content_type"), "application/json");
  const auto body = json::parse(request.at("body").as_string()).as_object();
  EXPECT_EQ(body.at("journey").as_string(), raised.coi);
  EXPECT_EQ(body.at("code"), "BLOCKING_DEVIATION");
  EXPECT_EQ(body.at("site"), "al-hook");
  EXPECT_EQ(body.at("deviation_id").as_int64(), raised.deviation_ids.at(0));
  // The secret is never shown back, only that it is set.
  const auto settings = admin.get("/api/v1/sites/al-hook/alerting");
  EXPECT_TRUE(settings.body.at("webhook_secret_set").as_bool());
  EXPECT_EQ(settings.raw.find(kHookSecret), std::string::npos);
}

TEST_F(AlertsTest, ARelayThatIsDownDelaysNoEventAndTheAlertArrivesWhenItIsBack) {
  TempDir folder;
  const auto port = free_loopback_port();  // nothing listens there yet
  auto admin = site_with_relay("al-down", "A9A03", port);
  person(admin, "dora-qa", "qa@al-down", "al-down");
  rule(admin, "al-down", "critical_deviation", {{"channels", {"email"}}, {"roles", {"qa"}}});

  const auto started = std::chrono::steady_clock::now();
  const auto raised = critical_at("al-down", "MRN-DOWN-1");
  const auto took = std::chrono::steady_clock::now() - started;

  EXPECT_LT(took, seconds(2)) << "the event waited for the relay";
  ASSERT_TRUE(
      eventually("SELECT count(*) FROM alert_attempts t JOIN alert_deliveries d ON d.id = t.delivery_id"
                 " JOIN alerts a ON a.id = d.alert_id JOIN sites s ON s.id = a.site_id"
                 " WHERE s.code = 'al-down' AND t.outcome = 'failed' AND t.error LIKE 'SMTP: %'",
                 "1", seconds(10)));
  SmtpSink sink(port, folder.path());
  const auto mail = sink.wait_for(1, seconds(30));
  ASSERT_EQ(mail.size(), 1u) << "the retry did not deliver";
  EXPECT_NE(subject(mail[0]).find(raised.coi), std::string::npos);
  ASSERT_TRUE(
      eventually("SELECT d.state FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
                 " JOIN sites s ON s.id = a.site_id WHERE s.code = 'al-down'",
                 "sent", seconds(5)));
  EXPECT_GE(std::stoi(sql("SELECT d.attempts FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
                          " JOIN sites s ON s.id = a.site_id WHERE s.code = 'al-down'")),
            2);
}

TEST_F(AlertsTest, ACriticalAlertNobodyAcknowledgesEscalatesAfterTheSitesTime) {
  TempDir folder;
  const auto port = free_loopback_port();
  SmtpSink sink(port, folder.path());
  auto admin = site_with_relay("al-esc", "A9A04", port, {{"escalation_minutes", 0.05}});  // 3 s
  person(admin, "erin-qa", "qa@al-esc", "al-esc");
  person(admin, "phil-physician", "physician@al-esc", "al-esc");
  rule(admin, "al-esc", "critical_deviation",
       {{"channels", {"email"}}, {"roles", {"qa"}}, {"escalate_users", {"phil-physician"}}});

  const auto raised = critical_at("al-esc", "MRN-ESC-1");

  const auto mail = sink.wait_for(2, seconds(20));
  ASSERT_EQ(mail.size(), 2u) << "no escalation arrived";
  EXPECT_EQ(envelope_to(mail[0]), "erin-qa@al-esc.example");
  EXPECT_EQ(envelope_to(mail[1]), "phil-physician@al-esc.example");
  EXPECT_EQ(subject(mail[1]).rfind("[CellJourney] ESCALATED: CRITICAL BLOCKING_DEVIATION at al-esc", 0), 0u)
      << subject(mail[1]);
  const auto alerts = alerts_of(admin, "al-esc");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_TRUE(alerts[0].at("escalated_at").is_string());
  EXPECT_EQ(alerts[0].at("status"), "open");
}

TEST_F(AlertsTest, AnAcknowledgedAlertDoesNotEscalate) {
  TempDir folder;
  const auto port = free_loopback_port();
  SmtpSink sink(port, folder.path());
  auto admin = site_with_relay("al-ack", "A9A05", port, {{"escalation_minutes", 0.05}});
  person(admin, "abe-qa", "qa@al-ack", "al-ack");
  person(admin, "pia-physician", "physician@al-ack", "al-ack");
  rule(admin, "al-ack", "critical_deviation",
       {{"channels", {"email"}}, {"roles", {"qa"}}, {"escalate_roles", {"physician"}}});
  critical_at("al-ack", "MRN-ACK-1");
  ASSERT_EQ(sink.wait_for(1, seconds(15)).size(), 1u);
  auto abe = log_in("abe-qa");
  const auto id = alerts_of(abe, "al-ack").at(0).at("id").as_int64();

  const auto reply = abe.post("/api/v1/alerts/" + std::to_string(id) + "/acknowledge", json::object{});

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("status"), "acknowledged");
  EXPECT_EQ(reply.body.at("acknowledged_by"), "abe-qa");
  std::this_thread::sleep_for(seconds(5));  // past the 3 s, and a poll of the worker
  EXPECT_EQ(sink.messages().size(), 1u) << "an acknowledged alert escalated";
  EXPECT_EQ(sql("SELECT count(*) FROM alerts WHERE id = " + std::to_string(id) + " AND escalated_at IS NOT NULL"), "0");
}

TEST_F(AlertsTest, AcknowledgingTheDeviationCountsAsAcknowledgingItsAlert) {
  auto admin = site_with_relay("al-dev", "A9A06", free_loopback_port(), {{"escalation_minutes", 0.05}});
  add_user("cara-coord", {"coordinator@al-dev"});
  rule(admin, "al-dev", "critical_deviation", {{"channels", {"browser"}}, {"escalate_roles", {"coordinator"}}});
  const auto raised = critical_at("al-dev", "MRN-DEV-1");
  auto cara = log_in("cara-coord");

  const auto reply = cara.post("/api/v1/deviations/" + std::to_string(raised.deviation_ids.at(0)) + "/acknowledge",
                               json::object{{"note", "On it"}});

  ASSERT_EQ(reply.status, 200) << reply.raw;
  std::this_thread::sleep_for(seconds(5));
  const auto alerts = alerts_of(cara, "al-dev");
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].at("status"), "acknowledged");
  EXPECT_TRUE(alerts[0].at("escalated_at").is_null());
}

TEST_F(AlertsTest, AnotherSitesRuleDoesNotFire) {
  TempDir folder;
  const auto port = free_loopback_port();
  SmtpSink sink(port, folder.path());
  auto admin = site_with_relay("al-one", "A9A07", port);
  person(admin, "olga-qa", "qa@al-one", "al-one");
  rule(admin, "al-one", "critical_deviation", {{"channels", {"email"}}, {"roles", {"qa"}}});
  add_site("al-two", "A9A08");  // no rules
  add_user("tom-qa", {"qa@al-two"});

  critical_at("al-two", "MRN-TWO-1");
  const auto here = critical_at("al-one", "MRN-ONE-1");

  const auto mail = sink.wait_for(1, seconds(15));
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_NE(subject(mail[0]).find(here.coi), std::string::npos);
  std::this_thread::sleep_for(seconds(2));
  EXPECT_EQ(sink.messages().size(), 1u);
  EXPECT_TRUE(alerts_of(log_in("tom-qa"), "al-two").empty());
}

TEST_F(AlertsTest, EachTriggerFiresOnItsOwnCodesOnly) {
  auto admin = site_with_relay("al-kinds", "A9A11", free_loopback_port());
  add_user("kim-qa", {"qa@al-kinds"});
  for (const char* trigger : {"overdue_clock", "temperature_excursion", "critical_deviation"}) {
    rule(admin, "al-kinds", trigger, {{"channels", {"browser"}}});
  }

  seed_journey_event(uri(), "al-kinds", "MRN-KIND-1",
                     {{workflows::Code::TempExcursion, workflows::Severity::Major, "logger L-1 left the range", "r1"},
                      {workflows::Code::Overdue, workflows::Severity::Major, "product.store overdue", "r2"},
                      {workflows::Code::WindowExceeded, workflows::Severity::Major, "41 min after thaw", "r3"}});

  std::map<std::string, std::string> fired;  // code -> trigger
  for (const auto& alert : alerts_of(log_in("kim-qa"), "al-kinds")) {
    fired[std::string(alert.at("code").as_string())] = std::string(alert.at("trigger").as_string());
  }
  EXPECT_EQ(fired.size(), 2u);  // a major WINDOW_EXCEEDED fires nothing; neither is critical
  EXPECT_EQ(fired["TEMP_EXCURSION"], "temperature_excursion");
  EXPECT_EQ(fired["OVERDUE"], "overdue_clock");
}

TEST_F(AlertsTest, APersonWithoutAnAddressIsRecordedAsAFailedDelivery) {
  auto admin = site_with_relay("al-noaddr", "A9A09", free_loopback_port());
  add_user("nell-qa", {"qa@al-noaddr"});  // no email set
  rule(admin, "al-noaddr", "critical_deviation", {{"channels", {"email"}}, {"roles", {"qa"}}});

  critical_at("al-noaddr", "MRN-NOADDR-1");

  const auto alerts = alerts_of(log_in("nell-qa"), "al-noaddr");
  ASSERT_EQ(alerts.size(), 1u);
  const auto& delivery = alerts[0].at("deliveries").as_array().at(0);
  EXPECT_EQ(delivery.at("state"), "failed");
  EXPECT_NE(std::string(delivery.at("last_error").as_string()).find("nell-qa has no email address"), std::string::npos);
}

TEST_F(AlertsTest, BadSettingsAndRulesAreRefusedNamingTheField) {
  add_site("al-bad", "A9A10");
  add_user("admin-al-bad", {"admin@al-bad"});
  auto admin = log_in("admin-al-bad");
  EXPECT_EQ(admin.put("/api/v1/sites/al-bad/alerting", json::object{{"smtp_port", 70000}}).error_field(), "smtp_port");
  EXPECT_EQ(
      admin.put("/api/v1/sites/al-bad/alerting", json::object{{"webhook_url", "http://127.0.0.1:9/x"}}).error_field(),
      "webhook_secret");
  EXPECT_EQ(admin.put("/api/v1/sites/al-bad/alert-rules/critical_deviation", json::object{{"channels", {"sms"}}})
                .error_field(),
            "channels[0]");
  EXPECT_EQ(admin.put("/api/v1/sites/al-bad/alert-rules/sunspots", json::object{{"channels", {"email"}}}).error_field(),
            "trigger");
  EXPECT_EQ(admin
                .put("/api/v1/sites/al-bad/alert-rules/near_miss",
                     json::object{{"channels", {"email"}}, {"users", {"nobody-here"}}})
                .error_field(),
            "users[0]");
  EXPECT_EQ(admin.put("/api/v1/users/admin-al-bad/email", json::object{{"email", "not an address"}}).error_field(),
            "email");
}

}  // namespace
}  // namespace cj::testing
