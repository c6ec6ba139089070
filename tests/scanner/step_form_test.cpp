// A step form's fields checked at the station: type, range, choices; the server checks again.
#include "scanner/step_form.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace cj::scanner {
namespace {

FormField temperature(const std::string& breach) {
  FormField f;
  f.name = "temperature_c";
  f.label = "Temperature";
  f.type = "number";
  f.unit = "C";
  f.min = -196;
  f.max = -150;
  f.breach = breach;
  return f;
}

TEST(StationStepForm, ANumberOutsideARefusalRangeIsRefusedWithTheRange) {
  const auto check = check_field(temperature("refusal"), "-120");
  EXPECT_FALSE(check.value);
  EXPECT_EQ(check.problem, "Temperature must be -196 to -150 C; -120 is outside. Check and type it again.");
}

TEST(StationStepForm, ANumberOutsideADeviationRangeIsKeptButFlagged) {
  const auto check = check_field(temperature("deviation"), "-120");
  ASSERT_TRUE(check.value);
  EXPECT_TRUE(check.outside_range);
}

TEST(StationStepForm, ADecimalCommaIsReadAndTextIsNotANumber) {
  EXPECT_EQ(check_field(temperature("refusal"), "-180,5").value, boost::json::value(-180.5));
  EXPECT_NE(check_field(temperature("refusal"), "cold").problem.find("is not a number"), std::string::npos);
}

TEST(StationStepForm, AChoiceIsTakenByItsNumberOrItsText) {
  FormField f;
  f.label = "Position";
  f.choices = {"rack A", "rack B"};
  EXPECT_EQ(check_field(f, "2").value, boost::json::value("rack B"));
  EXPECT_EQ(check_field(f, "rack A").value, boost::json::value("rack A"));
  EXPECT_FALSE(check_field(f, "rack C").value);
}

TEST(StationStepForm, AFormsScansBecomeTheScanSetsNeeds) {
  StepForm form;
  form.scan_wristband = true;
  form.structures = {"001"};
  form.identity = {"shipper"};
  EXPECT_EQ(needs_of_form(form),
            (std::vector<CodeKind>{CodeKind::Coi, CodeKind::Wristband, CodeKind::Din, CodeKind::Identifier}));
}

TEST(StationStepForm, ABagToScanIsItsDinAndACassetteItsIdentifier) {
  StepForm form;
  form.identity.emplace_back("bag");
  form.identity.emplace_back("cassette");
  EXPECT_EQ(needs_of_form(form), (std::vector<CodeKind>{CodeKind::Coi, CodeKind::Din, CodeKind::Identifier}));
  form.structures.emplace_back("001");  // the bag's DIN is the one "001" asks for
  EXPECT_EQ(needs_of_form(form), (std::vector<CodeKind>{CodeKind::Coi, CodeKind::Din, CodeKind::Identifier}));
}

TEST(StationStepForm, TheJourneysOwnUnitsSayWhichKindsCarryADin) {
  const auto next =
      read_journey_next(R"({"coi":"C1","units":[{"kind":"vial","id":"V-7"},{"kind":"carton","din":"A999926100001"}]})");
  ASSERT_TRUE(next);
  StepForm form;
  form.identity.emplace_back("vial");
  form.identity.emplace_back("carton");
  EXPECT_EQ(needs_of_form(form, next->din_kinds),
            (std::vector<CodeKind>{CodeKind::Coi, CodeKind::Identifier, CodeKind::Din}));
}

TEST(StationStepForm, AJourneysNextStepsAreReadWithInitialsOnly) {
  const auto next = read_journey_next(
      R"({"coi":"C1","product":"kymriah","product_name":"Kymriah","patient_initials":"JD","status":"active",
          "stage":"Not started","bags":1,"next":[{"step":"apheresis.collect","title":"Collect","due_by":null}],
          "forms":{"apheresis.collect":{"step":"apheresis.collect","title":"Collect","witnesses":2}}})");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->patient_initials, "JD");
  EXPECT_EQ(next->product_name, "Kymriah");
  ASSERT_EQ(next->next.size(), 1u);
  EXPECT_EQ(next->next[0].title, "Collect");
  EXPECT_EQ(next->forms.at("apheresis.collect").witnesses, 2);
}

}  // namespace
}  // namespace cj::scanner
