// `celljourney workflows ...`: the product definitions and the rules engine from the command line.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "server/cli/workflows_command.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

namespace json = boost::json;
const std::filesystem::path kData = std::filesystem::path(CELLJOURNEY_SOURCE_DIR) / "tests" / "workflows";

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run workflows(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  const int code = cli::run_workflows_command(args, in, out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

TEST(WorkflowsCommand, ProductsListsTheEightBuiltInDefinitions) {
  auto run = workflows({"products"});
  EXPECT_EQ(run.code, 0) << run.err;
  for (const char* name :
       {"kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti", "aucatzyl", "hpc_apheresis"}) {
    EXPECT_NE(run.out.find(name), std::string::npos) << name << " missing from:\n" << run.out;
  }
}

TEST(WorkflowsCommand, CheckPassesEveryProductWithASiteThatGivesTheSiteSetValues) {
  auto run = workflows({"check", "--site", (kData / "sites" / "test_eu.yaml").string()});
  EXPECT_EQ(run.code, 0) << run.out << run.err;
}

TEST(WorkflowsCommand, CheckWithoutASiteNamesTheMissingSiteSetValue) {
  auto run = workflows({"check"});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("site"), std::string::npos) << run.err;
}

TEST(WorkflowsCommand, SimulatePrintsOneDecisionPerEventThenTheDeadlines) {
  TempDir dir;
  // The scenario file's event lines are events as a station sends them (plus an "expect" key
  // the simulator ignores); its first line is the scenario header.
  std::ifstream scenario(kData / "scenarios" / "kymriah_happy_journey.jsonl");
  std::ofstream events(dir.path() / "events.jsonl");
  std::size_t event_count = 0;
  for (std::string line; std::getline(scenario, line);) {
    if (line.find("\"scenario\"") != std::string::npos || line.empty()) continue;
    events << line << "\n";
    ++event_count;
  }
  events.close();
  ASSERT_GT(event_count, 10u);

  auto run =
      workflows({"simulate", "--product", "kymriah", "--site", (kData / "sites" / "test_eu.yaml").string(), "--context",
                 (kData / "contexts" / "kymriah.json").string(), "--events", (dir.path() / "events.jsonl").string()});
  ASSERT_EQ(run.code, 0) << run.err;
  const auto lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), event_count + 1) << run.out;
  for (std::size_t i = 0; i < event_count; ++i) {
    const auto decision = json::parse(lines[i]).as_object();
    EXPECT_EQ(decision.at("decision"), "accepted") << lines[i];
    EXPECT_TRUE(decision.at("deviations").as_array().empty()) << lines[i];
  }
}

TEST(WorkflowsCommand, AnUnknownSubcommandIsAUsageError) { EXPECT_EQ(workflows({"frobnicate"}).code, 2); }

}  // namespace
}  // namespace cj::testing
