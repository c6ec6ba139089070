// `celljourney isbt parse|check|help`, run in-process on string streams (no database needed).
#include "server/cli/isbt_command.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace cj::cli {
namespace {

struct CommandRun {
  int exit_code = 0;
  std::string out;
  std::string err;
};

CommandRun run(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  const int exit_code = run_isbt_command(args, in, out, err);
  return CommandRun{exit_code, out.str(), err.str()};
}

std::vector<boost::json::object> json_lines(const std::string& text) {
  std::vector<boost::json::object> objects;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(line, ec);
    EXPECT_FALSE(ec) << "not JSON: " << line;
    if (!ec && value.is_object()) objects.push_back(value.as_object());
  }
  return objects;
}

TEST(IsbtCommand, ParseArgumentGivesOneJsonLineWithItsStructures) {
  const CommandRun r = run({"parse", "=A99992612345600=<S1194A00"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("input").as_string(), "=A99992612345600=<S1194A00");
  const boost::json::array& structures = lines[0].at("structures").as_array();
  ASSERT_EQ(structures.size(), 2u);
  const boost::json::object& din = structures[0].as_object();
  EXPECT_EQ(din.at("number").as_string(), "001");
  EXPECT_EQ(din.at("name").as_string(), "Donation Identification Number");
  EXPECT_EQ(din.at("data_identifier").as_string(), "=A");
  EXPECT_EQ(din.at("retired").as_bool(), false);
  const boost::json::object& fields = din.at("fields").as_object();
  EXPECT_EQ(fields.at("fin").as_string(), "A9999");
  EXPECT_EQ(fields.at("year").as_int64(), 26);
  EXPECT_EQ(fields.at("sequence").as_int64(), 123456);
  EXPECT_EQ(fields.at("keyboard_check_character").as_string(), "T");
  const boost::json::object& product = structures[1].as_object().at("fields").as_object();
  EXPECT_EQ(product.at("pdc").as_string(), "S1194");
  EXPECT_EQ(product.at("divided").as_bool(), false);
}

TEST(IsbtCommand, ParseReadsStdinLineByLineSkippingEmptyLinesAndCarriageReturns) {
  const CommandRun r = run({"parse"}, "=A99992612345600\r\n\n=<S1194100\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("input").as_string(), "=A99992612345600");
  EXPECT_EQ(lines[1].at("input").as_string(), "=<S1194100");
}

TEST(IsbtCommand, ErrorIsAJsonLineWithCodeMessagePositionAndExit1) {
  const CommandRun r = run({"parse"}, "=A99992612345600\n=A99991412345684\n");
  EXPECT_EQ(r.exit_code, 1);
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].contains("structures"));
  const boost::json::object& error = lines[1].at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "CHECK_FAILED");
  EXPECT_EQ(error.at("position").as_int64(), 14);
  EXPECT_NE(std::string(error.at("message").as_string()).find("needs flag 83"), std::string::npos);
}

TEST(IsbtCommand, NationalStructureHasANullNumber) {
  const CommandRun r = run({"parse", "&aLOCAL"});
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  const boost::json::object& s = lines[0].at("structures").as_array()[0].as_object();
  EXPECT_TRUE(s.at("number").is_null());
  EXPECT_EQ(s.at("national").as_bool(), true);
}

TEST(IsbtCommand, RetiredStructureIsMarked) {
  const auto lines = json_lines(run({"parse", "={000000000000000000"}).out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("structures").as_array()[0].as_object().at("retired").as_bool(), true);
}

TEST(IsbtCommand, NonUtf8InputStillGivesValidJson) {
  const CommandRun r = run({"parse", "=A9999\xFF"});
  EXPECT_EQ(r.exit_code, 1);
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("input").as_string(), "=A9999\xEF\xBF\xBD");
}

TEST(IsbtCommand, CheckPrintsTheKeyboardCheckCharacter) {
  const CommandRun r = run({"check", "A999926123456"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "T\n");
}

TEST(IsbtCommand, CheckAcceptsTheEyeReadableForm) {
  EXPECT_EQ(run({"check", "A9999 14 123456"}).out, "N\n");
  EXPECT_EQ(run({"check", "A9999", "14", "123456"}).out, "N\n");
}

TEST(IsbtCommand, CheckOfAnInvalidDinIsAUsageErrorWithAClearMessage) {
  const CommandRun r = run({"check", "A99992612345"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("WRONG_LENGTH"), std::string::npos) << r.err;
}

TEST(IsbtCommand, CheckWithoutADinIsAUsageError) { EXPECT_EQ(run({"check"}).exit_code, 2); }

TEST(IsbtCommand, CheckVerifiesADinTypedWithItsCheckCharacterInEveryForm) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"check", "A9999 26 123456 T"},
                                               {"check", "A999926123456T"},
                                               {"check", "A999926123456 T"},
                                               {"check", "A9999", "26", "123456", "T"},
                                               {"check", "A999926123456", "T"}}) {
    const CommandRun r = run(args);
    EXPECT_EQ(r.exit_code, 0) << args[1] << ": " << r.err;
    EXPECT_EQ(r.out, "ok: A9999 26 123456 T (the check character T matches the DIN)\n") << args[1];
    EXPECT_TRUE(r.err.empty()) << r.err;
  }
}

TEST(IsbtCommand, CheckOfAWrongCheckCharacterExits1NamingTheExpectedOne) {
  const CommandRun r = run({"check", "A9999 26 123456 N"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(r.err,
            "celljourney isbt check: CHECK_FAILED: Check character does not match: the DIN A999926123456 has check "
            "character T, you typed N. Compare what you typed with the label and type it again.\n");
}

TEST(IsbtCommand, CheckOfAMistypedDinWithACheckCharacterIsAUsageError) {
  const CommandRun r = run({"check", "A999926123456TT"});  // one character too many
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("WRONG_LENGTH"), std::string::npos) << r.err;
  EXPECT_EQ(run({"check", "A9999 26 1234567 T"}).exit_code, 2) << "a space inside a group";
  EXPECT_EQ(run({"check", "A999926123456t"}).exit_code, 2) << "K is a capital, as printed";
}

TEST(IsbtCommand, ParseReadsAHandTypedDinWithItsCheckCharacterAsTheDinStructure) {
  const CommandRun r = run({"parse", "A9999 26 123456 T"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("input").as_string(), "A9999 26 123456 T");
  const boost::json::array& structures = lines[0].at("structures").as_array();
  ASSERT_EQ(structures.size(), 1u);
  const boost::json::object& din = structures[0].as_object();
  EXPECT_EQ(din.at("number").as_string(), "001");
  EXPECT_EQ(din.at("name").as_string(), "Donation Identification Number");
  EXPECT_EQ(din.at("data_identifier").as_string(), "=A");
  EXPECT_EQ(din.at("text").as_string(), "A9999 26 123456 T");
  EXPECT_EQ(din.at("typed").as_bool(), true);
  const boost::json::object& fields = din.at("fields").as_object();
  EXPECT_EQ(fields.at("din").as_string(), "A999926123456");
  EXPECT_EQ(fields.at("fin").as_string(), "A9999");
  EXPECT_EQ(fields.at("year").as_int64(), 26);
  EXPECT_EQ(fields.at("sequence").as_int64(), 123456);
  EXPECT_TRUE(fields.at("flags").is_null()) << "the eye-readable DIN has no flags";
  EXPECT_EQ(fields.at("keyboard_check_character").as_string(), "T");
  EXPECT_EQ(fields.at("keyboard_check_character_verified").as_bool(), true);
}

TEST(IsbtCommand, ParseGivesTheSameDinFieldsForATypedDinAsForTheScannedOne) {
  const auto typed = json_lines(run({"parse", "A999926123456T"}).out);
  const auto scanned = json_lines(run({"parse", "=A99992612345600"}).out);
  ASSERT_EQ(typed.size(), 1u);
  ASSERT_EQ(scanned.size(), 1u);
  const auto& t = typed[0].at("structures").as_array()[0].as_object().at("fields").as_object();
  const auto& s = scanned[0].at("structures").as_array()[0].as_object().at("fields").as_object();
  for (const char* key : {"din", "fin", "year", "sequence", "keyboard_check_character"}) {
    EXPECT_EQ(t.at(key), s.at(key)) << key;
  }
  for (const auto& field : s) EXPECT_TRUE(t.contains(field.key())) << field.key() << " is missing for a typed DIN";
}

TEST(IsbtCommand, ParseOfATypedDinWithAWrongCheckCharacterIsAnErrorNamingTheExpectedOne) {
  const CommandRun r = run({"parse"}, "A999926123456N\nA9999 26 123456 T\n");
  EXPECT_EQ(r.exit_code, 1);
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  const boost::json::object& error = lines[0].at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "CHECK_FAILED");
  EXPECT_EQ(error.at("position").as_int64(), 13);
  EXPECT_NE(std::string(error.at("message").as_string()).find("has check character T, you typed N"), std::string::npos)
      << error.at("message");
  EXPECT_TRUE(lines[1].contains("structures")) << "the next line is read on its own";
}

TEST(IsbtCommand, ParseOfATypedDinWithoutItsCheckCharacterIsAnError) {
  const auto lines = json_lines(run({"parse", "A999926123456"}).out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("error").as_object().at("code").as_string(), "WRONG_LENGTH");
}

TEST(IsbtCommand, ParseOfAnEmptyArgumentIsAnEmptyScanError) {
  const CommandRun r = run({"parse", ""});
  EXPECT_EQ(r.exit_code, 1);
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].at("error").as_object().at("code").as_string(), "EMPTY_INPUT");
}

TEST(IsbtCommand, HelpPrintsUsage) {
  const CommandRun r = run({"help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("usage: celljourney isbt"), std::string::npos);
}

TEST(IsbtCommand, NoCommandOrAnUnknownOneIsAUsageError) {
  EXPECT_EQ(run({}).exit_code, 2);
  EXPECT_EQ(run({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run({"parse", "--pretty"}).exit_code, 2);
}

}  // namespace
}  // namespace cj::cli
