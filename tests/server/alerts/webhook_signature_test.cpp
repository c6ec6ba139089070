// The webhook signature: HMAC-SHA256 as RFC 4231 defines it, over timestamp "." body.
#include "server/alerts/webhook_signature.h"

#include <gtest/gtest.h>

namespace cj::alerts {
namespace {

TEST(WebhookSignatureTest, HmacSha256MatchesRfc4231TestCase2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignatureTest, TheSignatureCoversTheTimestampAndTheBody) {
  const std::string body = R"({"alert":1})";
  EXPECT_EQ(webhook_signature("s3cret-s3cret-s3cret", "1796380800", body),
            "sha256=" + hmac_sha256_hex("s3cret-s3cret-s3cret", "1796380800." + body));
  EXPECT_TRUE(signature_matches("s3cret-s3cret-s3cret", "1796380800", body,
                                webhook_signature("s3cret-s3cret-s3cret", "1796380800", body)));
}

TEST(WebhookSignatureTest, AnotherTimestampBodyOrSecretDoesNotMatch) {
  const auto header = webhook_signature("s3cret-s3cret-s3cret", "1796380800", "{}");
  EXPECT_FALSE(signature_matches("s3cret-s3cret-s3cret", "1796380801", "{}", header));
  EXPECT_FALSE(signature_matches("s3cret-s3cret-s3cret", "1796380800", "{ }", header));
  EXPECT_FALSE(signature_matches("another-secret-here", "1796380800", "{}", header));
  EXPECT_FALSE(signature_matches("s3cret-s3cret-s3cret", "1796380800", "{}", header.substr(1)));
}

}  // namespace
}  // namespace cj::alerts
