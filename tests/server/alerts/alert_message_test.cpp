// What an alert says: a subject naming severity, code, site, COI and initials; the guidance of
// the code; a link; and nothing of the patient beyond the initials (none at all in the webhook).
#include "server/alerts/alert_message.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "server/alerts/retry_policy.h"

namespace cj::alerts {
namespace {

AlertFacts facts() {
  AlertFacts f;
  f.alert_id = 7;
  f.purpose = "alert";
  f.trigger = "temperature_excursion";
  f.site_id = 3;
  f.site_code = "city";
  f.site_name = "City Hospital";
  f.severity = "major";
  f.code = "TEMP_EXCURSION";
  f.coi = "CHA99992600001A";
  f.initials = "JD";
  f.message = "logger L-1 read -140.0 C for 25 min";
  f.raised_at = "2026-12-04T05:00:00Z";
  f.deviation_id = 42;
  f.link_base = "https://cj.example";
  return f;
}

TEST(AlertMessageTest, TheSubjectNamesSeveritySiteCoiAndInitials) {
  EXPECT_EQ(email_subject(facts()), "[CellJourney] MAJOR TEMP_EXCURSION at city - CHA99992600001A (JD)");
  auto escalated = facts();
  escalated.purpose = "escalation";
  EXPECT_EQ(email_subject(escalated), "[CellJourney] ESCALATED: MAJOR TEMP_EXCURSION at city - CHA99992600001A (JD)");
}

TEST(AlertMessageTest, TheBodySaysWhatToDoAndLinksTheJourney) {
  const auto body = email_body(facts());
  EXPECT_NE(body.find("What to do: The temperature logger went out of range"), std::string::npos) << body;
  EXPECT_NE(body.find("https://cj.example/journey.html?coi=CHA99992600001A"), std::string::npos);
  EXPECT_NE(body.find("logger L-1 read -140.0 C"), std::string::npos);
}

TEST(AlertMessageTest, AHeaderValueCannotStartAHeaderOfItsOwn) {
  auto f = facts();
  f.site_code = "city\r\nBcc: someone@else.example";
  const auto message = email_message(f, "cj@city.example", "qa@city.example", "Fri, 04 Dec 2026 05:00:00 +0000",
                                     "alert-7-1@city.example");
  const auto headers = message.substr(0, message.find("\r\n\r\n"));
  EXPECT_EQ(headers.find("\r\nBcc:"), std::string::npos) << headers;
}

TEST(AlertMessageTest, TheWebhookBodyHasTheCoiButNoInitials) {
  const auto body = boost::json::parse(webhook_body(facts())).as_object();
  EXPECT_EQ(body.at("journey"), "CHA99992600001A");
  EXPECT_EQ(body.at("deviation_id").as_int64(), 42);
  EXPECT_EQ(body.at("link"), "https://cj.example/journey.html?coi=CHA99992600001A");
  EXPECT_EQ(webhook_body(facts()).find("JD"), std::string::npos);
}

TEST(AlertMessageTest, RetriesBackOffDoublingToTenMinutesAndGiveUpAfterTwelve) {
  EXPECT_EQ(retry_delay(1).count(), 1);
  EXPECT_EQ(retry_delay(2).count(), 2);
  EXPECT_EQ(retry_delay(10).count(), 512);
  EXPECT_EQ(retry_delay(11).count(), 600);
  EXPECT_FALSE(gives_up(11));
  EXPECT_TRUE(gives_up(12));
}

}  // namespace
}  // namespace cj::alerts
