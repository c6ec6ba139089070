// POST /api/v1/codes/check (server/journeys/code_check.cpp): a desk page's immediate check of one
// scan with the server's ISBT 128 codec, as a keyboard-wedge scanner typed it.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "isbt128/din.h"
#include "tests/support/journey_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class CodeCheckTest : public JourneySuite {
 protected:
  static ApiReply check(const ApiClient& client, const std::string& text) {
    return client.post("/api/v1/codes/check", json::object{{"text", text}});
  }
};

TEST_F(CodeCheckTest, AGsBetweenTwoConcatenatedSymbolsIsDroppedAndEachCodeIsNamed) {
  const World w = seed_world("cc1", "C0101");

  auto reply = check(log_in(w.coordinator), "=A99992630000200\x1d=<S1194A00\r\n");

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("text"), "=A99992630000200=<S1194A00");
  const auto& codes = reply.body.at("codes").as_array();
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0].at("kind"), "din");
  EXPECT_EQ(codes[0].at("value"), "A999926300002");
  EXPECT_EQ(codes[1].at("kind"), "product_code");
  EXPECT_EQ(codes[1].at("value"), "S1194A00");
}

TEST_F(CodeCheckTest, ADinTypedWithItsCheckCharacterBecomesTheBarcodesText) {
  const World w = seed_world("cc2", "C0102");
  const char k = isbt128::keyboard_check_character("A999926300009").value();

  auto reply = check(log_in(w.coordinator), std::string("A9999 26 300009 ") + k);

  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.body.at("typed"), true);
  EXPECT_EQ(reply.text("text"), "=A99992630000900");
}

TEST_F(CodeCheckTest, AWrongCheckCharacterIsATypingMistakeWithWhatToDo) {
  const World w = seed_world("cc3", "C0103");
  const char k = isbt128::keyboard_check_character("A999926300009").value();

  auto reply = check(log_in(w.coordinator), std::string("A9999 26 300009 ") + (k == 'A' ? 'B' : 'A'));

  EXPECT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(reply.error_code(), "CHECK_FAILED");
  EXPECT_EQ(reply.error_field(), "text");
  EXPECT_NE(reply.raw.find("Type it again from the label"), std::string::npos) << reply.raw;
}

TEST_F(CodeCheckTest, ACutOffIsbtScanIsRefusedAndAShippersLabelIsAnIdentifier) {
  const World w = seed_world("cc4", "C0104");
  const auto cora = log_in(w.coordinator);

  EXPECT_EQ(check(cora, "=A9999263000").error_code(), "WRONG_LENGTH");
  auto shipper = check(cora, "PS-30001");
  ASSERT_EQ(shipper.status, 200) << shipper.raw;
  EXPECT_EQ(shipper.body.at("codes").at(0).at("kind"), "identifier");
}

TEST_F(CodeCheckTest, AnotherControlCharacterIsRefusedNamingTheField) {
  const World w = seed_world("cc5", "C0105");

  auto reply = check(log_in(w.coordinator),
                     "=A999926300002\x07"
                     "00");

  EXPECT_EQ(reply.status, 400) << reply.raw;
  EXPECT_EQ(reply.error_field(), "text");
}

}  // namespace
}  // namespace cj::testing
