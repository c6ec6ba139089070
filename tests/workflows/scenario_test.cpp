// Scenario files (tests/workflows/scenarios/*.jsonl) run through the simulator: every decision
// and the final deadline sweep must be the one the file expects. See docs/workflows.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "tests/workflows/test_support.h"
#include "workflows/codes.h"
#include "workflows/simulator.h"

namespace cj::workflows {
namespace {

namespace json = boost::json;
using testing::data_dir;
using testing::read_text;

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() / "scenarios")) {
    if (entry.path().extension() == ".jsonl") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Scenario {
  json::object header;
  std::string text;
  std::vector<json::object> expected;  // one per event line
};

Scenario read_scenario(const std::string& name) {
  Scenario scenario;
  scenario.text = read_text(data_dir() / "scenarios" / (name + ".jsonl"));
  std::istringstream lines(scenario.text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    json::object object = json::parse(line).as_object();
    if (object.contains("scenario")) {
      scenario.header = std::move(object);
    } else if (object.contains("qa_closes")) {
      continue;  // QA's decision on a deviation: no event, no decision
    } else {
      scenario.expected.push_back(object.at("expect").as_object());
    }
  }
  return scenario;
}

// The codes of a decision's findings, sorted.
std::vector<std::string> codes(const json::value& findings) {
  std::vector<std::string> result;
  for (const json::value& item : findings.as_array()) {
    result.emplace_back(item.is_string() ? item.as_string() : item.at("code").as_string());
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::string> steps(const json::value& items) {
  std::vector<std::string> result;
  for (const json::value& item : items.as_array()) {
    result.emplace_back(item.is_string() ? item.as_string() : item.at("step").as_string());
  }
  std::sort(result.begin(), result.end());
  return result;
}

std::string text_of(const json::object& object, std::string_view key) {
  return std::string(object.at(key).as_string());
}

SimulationOutput run(const Scenario& scenario) {
  const SiteConfig site = testing::test_site(text_of(scenario.header, "site"));
  const Definition definition = testing::test_product(text_of(scenario.header, "product"), site);
  const Context context = testing::test_context(text_of(scenario.header, "context"));
  std::optional<TimePoint> now;
  if (const auto* given = scenario.header.if_contains("now")) now = parse_time(given->as_string());
  auto output = simulate(definition, site, context, scenario.text, now);
  if (!output.ok()) {
    ADD_FAILURE() << testing::problems_text(output.error());
    return {};
  }
  return std::move(output).value();
}

class ScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioTest, SimulatorGivesTheExpectedDecisions) {
  const Scenario scenario = read_scenario(GetParam());
  SCOPED_TRACE(text_of(scenario.header, "scenario"));
  const SimulationOutput output = run(scenario);
  ASSERT_EQ(output.decisions.size(), scenario.expected.size());
  for (std::size_t i = 0; i < output.decisions.size(); ++i) {
    const json::object& got = output.decisions[i];
    const json::object& want = scenario.expected[i];
    SCOPED_TRACE("event " + std::to_string(i + 1) + ": " + json::serialize(got));
    EXPECT_EQ(got.at("decision"), want.at("decision"));
    EXPECT_EQ(codes(got.at("refusals")), codes(want.at("refusals")));
    EXPECT_EQ(codes(got.at("deviations")), codes(want.at("deviations")));
    if (want.contains("next")) {
      EXPECT_EQ(steps(got.at("next")), steps(want.at("next")));
    }
  }
  if (const auto* deadlines = scenario.header.if_contains("expect_deadlines")) {
    const json::object& got = output.deadlines.at("deadlines").as_object();
    EXPECT_EQ(steps(got.at("open")), steps(deadlines->at("open")));
    EXPECT_EQ(codes(got.at("overdue")), codes(deadlines->at("overdue")));
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioTest, ::testing::ValuesIn(scenario_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// Every code the engine can give appears in a scenario's output (all codes but OVERDUE in a
// decision, OVERDUE in the sweep).
std::set<std::string> codes_raised(const SimulationOutput& output) {
  std::set<std::string> raised;
  for (const json::object& decision : output.decisions) {
    for (const auto& code : codes(decision.at("refusals"))) raised.insert(code);
    for (const auto& code : codes(decision.at("deviations"))) raised.insert(code);
  }
  for (const auto& code : codes(output.deadlines.at("deadlines").at("overdue"))) raised.insert(code);
  return raised;
}

TEST(ScenarioCatalogue, EveryCodeHasAScenarioThatRaisesItAndANearMissThatDoesNot) {
  const std::vector<std::string> names = scenario_names();
  for (const CodeInfo& info : code_catalogue()) {
    // Raised from logger readings, not from events: temperature_evidence_test.cpp is their spec.
    if (info.code == Code::TempExcursion || info.code == Code::TempDataGap) continue;
    // Raised by the server from the event's proofs, not by the engine: operator_tokens_test.cpp.
    if (info.code == Code::OperatorNotProven) continue;
    std::string slug(info.name);
    std::transform(slug.begin(), slug.end(), slug.begin(), [](unsigned char c) { return std::tolower(c); });
    SCOPED_TRACE(std::string(info.name));
    ASSERT_TRUE(std::count(names.begin(), names.end(), "raises_" + slug));
    ASSERT_TRUE(std::count(names.begin(), names.end(), "near_miss_" + slug));
    EXPECT_TRUE(codes_raised(run(read_scenario("raises_" + slug))).contains(std::string(info.name)));
    EXPECT_FALSE(codes_raised(run(read_scenario("near_miss_" + slug))).contains(std::string(info.name)));
  }
}

TEST(ScenarioCatalogue, EveryProductHasAHappyJourneyWithNoDeviation) {
  for (const std::string& product : embedded_product_names()) {
    SCOPED_TRACE(product);
    const Scenario scenario = read_scenario(product + "_happy_journey");
    EXPECT_TRUE(codes_raised(run(scenario)).empty());
  }
}

}  // namespace
}  // namespace cj::workflows
