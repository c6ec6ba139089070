// main() of integration_tests: one throwaway PostgreSQL cluster for the whole program.
// Logs at warn and above unless CELLJOURNEY_TEST_LOG names another spdlog level (e.g. info).
#include <cstdlib>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "tests/support/database_fixture.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const char* level = std::getenv("CELLJOURNEY_TEST_LOG");
  spdlog::set_level(level && *level ? spdlog::level::from_str(level) : spdlog::level::warn);
  ::testing::AddGlobalTestEnvironment(new cj::testing::ClusterEnvironment);  // gtest owns it
  return RUN_ALL_TESTS();
}
