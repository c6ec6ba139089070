// Every API route is fuzzed (tests/fuzz/api_request_fuzz.cpp) through its validate step, or is
// named, with the reason, in tests/fuzz/unvalidated_routes.h: a new route cannot slip past the
// fuzzer unnoticed. No database, no server.
#include <string>

#include <gtest/gtest.h>

#include "server/serve/routes.h"
#include "tests/fuzz/unvalidated_routes.h"

namespace cj::serve {
namespace {

std::string name(std::string_view method, std::string_view pattern) {
  return std::string(method) + " " + std::string(pattern);
}

TEST(RouteValidation, EveryRouteWithoutAValidateStepIsListedForTheFuzzer) {
  for (const auto& route : all_routes()) {
    if (route.validate) continue;
    bool listed = false;
    for (const auto& u : fuzz::kUnvalidatedRoutes) listed |= u.method == route.method && u.pattern == route.pattern;
    EXPECT_TRUE(listed) << name(route.method, route.pattern)
                        << " has no validate step: give it one (server/api/call.h) or list it in "
                           "tests/fuzz/unvalidated_routes.h with the reason";
  }
}

TEST(RouteValidation, EveryListedRouteExistsAndHasNoValidateStep) {
  const auto routes = all_routes();
  for (const auto& u : fuzz::kUnvalidatedRoutes) {
    const api::Route* found = nullptr;
    for (const auto& route : routes) {
      if (route.method == u.method && route.pattern == u.pattern) found = &route;
    }
    ASSERT_NE(found, nullptr) << name(u.method, u.pattern) << " is listed but is no route: drop it from the list";
    EXPECT_EQ(found->validate, nullptr) << name(u.method, u.pattern)
                                        << " has a validate step now: drop it from the list";
  }
}

}  // namespace
}  // namespace cj::serve
