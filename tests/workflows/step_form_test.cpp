// The forms of the steps (workflows/step_form.h): built from the definition the engine checks
// with, one rule per test, on Kymriah with the EU test site and on the core journey's outline.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/workflows/test_support.h"
#include "workflows/definition_loader.h"
#include "workflows/embedded_definitions.h"
#include "workflows/product_catalog.h"
#include "workflows/step_form.h"

namespace cj::workflows {
namespace {

namespace json = boost::json;

class KymriahForms : public ::testing::Test {
 protected:
  SiteConfig site_ = testing::test_site();
  Definition definition_ = testing::test_product("kymriah", site_);

  json::object form(std::string_view step) const {
    const StepRule* rule = definition_.find_step(step);
    EXPECT_NE(rule, nullptr) << step;
    return rule ? step_form(definition_, *rule) : json::object{};
  }
  static const json::object& field(const json::object& form, std::string_view name) {
    for (const auto& item : form.at("fields").as_array()) {
      if (item.at("name").as_string() == name) return item.as_object();
    }
    static const json::object none;
    ADD_FAILURE() << "no field " << name;
    return none;
  }
};

TEST_F(KymriahForms, EveryStepOfTheDefinitionHasAFormInDefinitionOrder) {
  const json::object forms = definition_forms(definition_);
  EXPECT_EQ(forms.at("product"), "kymriah");
  EXPECT_EQ(forms.at("name"), json::value(definition_.name));
  const auto& steps = forms.at("steps").as_array();
  ASSERT_EQ(steps.size(), definition_.steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i].at("step").as_string(), definition_.steps[i].id);
}

TEST_F(KymriahForms, TheBedsideCheckAsksForTwoPeopleWristbandCoiBagAndTheTocilizumabDoses) {
  const json::object verify = form("infusion.verify");
  EXPECT_EQ(verify.at("title"), "Bedside two-person identity check (wristband + bag)");
  EXPECT_EQ(verify.at("witnesses"), 2);
  EXPECT_EQ(verify.at("qualification"), "kymriah");
  EXPECT_EQ(verify.at("side_exit"), false);
  const auto& scans = verify.at("scans").as_object();
  EXPECT_EQ(scans.at("coi"), true);
  EXPECT_EQ(scans.at("wristband"), true);
  EXPECT_EQ(scans.at("identity"), (json::array{"bag"}));
  const json::object& doses = field(verify, "tocilizumab_doses_on_site");
  EXPECT_EQ(doses.at("type"), "integer");
  EXPECT_EQ(doses.at("unit"), "doses");
  EXPECT_EQ(doses.at("required"), true);
  EXPECT_EQ(doses.at("min"), 1.0);  // EU: at least one dose
  EXPECT_TRUE(doses.at("max").is_null());
  EXPECT_EQ(doses.at("breach"), "refusal");
  EXPECT_EQ(doses.at("entry"), "type");
  EXPECT_FALSE(doses.at("label").as_string().empty());
}

TEST_F(KymriahForms, TheReceiptAsksItsChecklistAndTakesTheLoggerRangeFromItsTemperatureRule) {
  const json::object receive = form("product.receive");
  const auto& checklist = receive.at("checklist").as_array();
  ASSERT_GE(checklist.size(), 3u);
  EXPECT_EQ(checklist[0].at("id"), "shipper_intact");
  EXPECT_EQ(checklist[0].at("question"), "Is the shipper case intact and secured?");
  EXPECT_EQ(checklist[0].at("on_no"), "deviation");
  const json::object& logger = field(receive, "logger_readings_c");
  EXPECT_EQ(logger.at("type"), "numbers");
  EXPECT_EQ(logger.at("max"), -150.0);  // core/shipper-logger.max_c of the test site
  EXPECT_FALSE(receive.contains("storage"));
}

TEST_F(KymriahForms, StorageStepScansThePositionAndCarriesTheProductsStorageRange) {
  const json::object store = form("product.store");
  const json::object& location = field(store, "location");
  EXPECT_EQ(location.at("entry"), "scan");
  EXPECT_EQ(location.at("required"), true);
  EXPECT_EQ(location.at("label"), "Storage position");
  const auto& storage = store.at("storage").as_object();
  EXPECT_EQ(storage.at("max_c"), -120.0);
  EXPECT_TRUE(storage.at("min_c").is_null());
}

TEST_F(KymriahForms, ThePhysiciansDecisionOffersItsChoices) {
  const json::object oos = form("oos.physician_decision");
  const json::object& decision = field(oos, "decision");
  EXPECT_EQ(decision.at("choices"), (json::array{"release", "do_not_release"}));
  EXPECT_EQ(decision.at("breach"), "refusal");
}

TEST(CoreOutlineForms, TheCoreJourneyLoadsWithoutASiteAndLeavesSiteSetRangesOpen) {
  const Definition& core = embedded_core_outline();
  const json::object forms = definition_forms(core);
  EXPECT_EQ(forms.at("product"), "");
  const StepRule* receive = core.find_step("product.receive");
  ASSERT_NE(receive, nullptr);
  const json::object form = step_form(core, *receive);
  EXPECT_EQ(form.at("title"), "Shipper received in the cell lab, temperature log and seals checked");
  EXPECT_EQ(form.at("scans").at("identity"), (json::array{"shipper"}));
  EXPECT_TRUE(form.at("fields").at(0).at("max").is_null());
  EXPECT_EQ(form.at("qualification"), "");
}

TEST(CoreOutlineForms, TheCheckedDefinitionStillNamesASiteSetValueTheSiteDoesNotGive) {
  const auto core = load_core_definition({*find_embedded_definition("core.yaml"), "core.yaml"}, nullptr);
  ASSERT_FALSE(core.ok());
  EXPECT_NE(testing::problems_text(core.error()).find("core/shipper-logger.max_c"), std::string::npos);
}

}  // namespace
}  // namespace cj::workflows
