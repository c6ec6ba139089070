// Password quality (server/auth/password_quality.h): libpwquality and cracklib's dictionary
// judge every new password, with our own length rule on top.
#include "server/auth/password_quality.h"

#include <gtest/gtest.h>

namespace cj::auth {
namespace {

TEST(PasswordQuality, SystematicAndDictionaryPasswordsAreRefusedWithLibpwqualitysReason) {
  const std::string digits = password_problem("123456789012", "ada");
  EXPECT_NE(digits.find("fails the dictionary check"), std::string::npos) << digits;
  EXPECT_NE(digits.find("simplistic/systematic"), std::string::npos) << digits;
  const std::string word = password_problem("password1234", "ada");
  EXPECT_NE(word.find("based on a dictionary word"), std::string::npos) << word;
  EXPECT_NE(word.find("\"password\""), std::string::npos) << word;
  EXPECT_NE(password_problem("Summer2026!!", "ada"), "");
  EXPECT_NE(password_problem("aaaaaaaaaaaaaaaa", "ada"), "");
}

TEST(PasswordQuality, PassphrasesAndTheDemoPasswordAreAccepted) {
  EXPECT_EQ(password_problem("correct horse battery", "ada"), "");
  EXPECT_EQ(password_problem("celljourney-demo", "cora"), "");
  EXPECT_EQ(password_problem("ünïcödé pässwörd", "ada"), "") << "characters, not bytes, count";
}

TEST(PasswordQuality, LengthAndUsernameRulesStillApply) {
  EXPECT_NE(password_problem("Xq7#vR2!mK9", "ada"), "") << "11 characters";
  EXPECT_NE(password_problem("äöüäöüäöüäö", "ada"), "") << "11 characters in 22 bytes";
  EXPECT_NE(password_problem(std::string(257, 'x') + "y", "ada"), "");
  EXPECT_NE(password_problem("my name is ADA-LOVELACE", "ada-lovelace").find("username"), std::string::npos);
  EXPECT_NE(password_problem(std::string("correct horse\0battery", 21), "ada"), "");
}

}  // namespace
}  // namespace cj::auth
