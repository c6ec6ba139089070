// What the person at the station is told to do after a finding (workflows/guidance.h).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "workflows/guidance.h"
#include "workflows/json_io.h"

namespace cj::workflows {
namespace {

TEST(Guidance, EveryCodeOfTheCatalogueHasItsOwnText) {
  for (const CodeInfo& info : code_catalogue()) {
    const auto text = guidance_for(info.code);
    ASSERT_TRUE(text.has_value()) << info.name << " has no what_to_do text in workflows/guidance.cpp";
    EXPECT_GE(text->size(), 20u) << info.name;
  }
}

TEST(Guidance, AWrongPatientsBagIsPutAsideAndTheCellLabCalled) {
  for (const Code code : {Code::CoiMismatch, Code::UnitNotInJourney}) {
    EXPECT_EQ(what_to_do(code), "This bag belongs to another patient: put it aside and call the cell lab.");
  }
}

TEST(Guidance, ACodeWithoutItsOwnTextGetsTheGeneralOne) {
  const Code unlisted = static_cast<Code>(10000);  // a code added to codes.h before its text
  EXPECT_FALSE(guidance_for(unlisted).has_value());
  EXPECT_NE(what_to_do(unlisted).find("call the cell lab or QA"), std::string_view::npos);
}

TEST(Guidance, EveryFindingOfADecisionCarriesWhatToDo) {
  Decision decision;
  decision.accepted = false;
  decision.refusals.push_back({Code::Expired, Severity::Critical, "bag expired", "core/expiry"});
  decision.deviations.push_back({Code::ChecklistNo, Severity::Major, "no: seals", "kymriah/checklist/seals"});
  const boost::json::object json = to_json(decision);
  EXPECT_EQ(json.at("refusals").at(0).at("what_to_do").as_string(), what_to_do(Code::Expired));
  EXPECT_EQ(json.at("deviations").at(0).at("what_to_do").as_string(), what_to_do(Code::ChecklistNo));
}

}  // namespace
}  // namespace cj::workflows
