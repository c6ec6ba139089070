// Every API route against every role: a role the route does not list is refused with 403
// before the handler runs, a role it lists gets past that gate, nobody gets in without
// credentials, and a station key opens only the routes that take stations.
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "server/serve/routes.h"
#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

using api::Role;

constexpr Role kRoles[] = {Role::kApheresis,   Role::kCellLab, Role::kClinical, Role::kPhysician,
                           Role::kCoordinator, Role::kQa,      Role::kAdmin};

// The route's pattern with its {placeholders} filled with a value no resource has.
std::string concrete(std::string_view pattern) {
  return std::regex_replace(std::string(pattern), std::regex(R"(\{[^}]+\})"), "matrix-nothing");
}

bool allows(const api::Route& route, Role role) {
  if (route.access.roles.empty()) return true;
  for (auto r : route.access.roles) {
    if (r == role) return true;
  }
  return false;
}

class RoleMatrixTest : public ApiSuite {};

TEST_F(RoleMatrixTest, EveryRouteAdmitsExactlyItsRoles) {
  add_site("matrix", "A9961");
  std::map<Role, ApiClient> clients;
  for (auto role : kRoles) {
    const std::string name = "matrix-" + std::string(api::role_name(role));
    std::string username = name;
    std::replace(username.begin(), username.end(), '_', '-');
    add_user(username, {std::string(api::role_name(role)) + "@matrix"});
    clients.emplace(role, log_in(username));
  }
  const auto routes = serve::all_routes();
  ASSERT_FALSE(routes.empty());
  for (const auto& route : routes) {
    if (route.access.is_public) continue;
    // Logging out (here or everywhere) would end the session the other routes still need.
    if (route.method == "DELETE" && (route.pattern == "/api/v1/session" || route.pattern == "/api/v1/sessions"))
      continue;
    const std::string target = concrete(route.pattern);
    for (auto role : kRoles) {
      const auto reply = clients.at(role).send(std::string(route.method), target, "{}");
      if (allows(route, role)) {
        EXPECT_NE(reply.status, 403) << route.method << " " << route.pattern << " refused " << api::role_name(role)
                                     << ": " << reply.raw;
        EXPECT_NE(reply.status, 401) << route.method << " " << route.pattern;
      } else {
        EXPECT_EQ(reply.status, 403) << route.method << " " << route.pattern << " let " << api::role_name(role)
                                     << " in: " << reply.raw;
      }
    }
  }
}

TEST_F(RoleMatrixTest, NoRouteButThePublicOnesAnswersWithoutCredentials) {
  for (const auto& route : serve::all_routes()) {
    const auto reply = anonymous().send(std::string(route.method), concrete(route.pattern), "{}");
    if (route.access.is_public) {
      EXPECT_NE(reply.status, 401) << route.method << " " << route.pattern;
    } else {
      EXPECT_EQ(reply.status, 401) << route.method << " " << route.pattern << ": " << reply.raw;
    }
  }
}

TEST_F(RoleMatrixTest, AStationKeyOpensOnlyTheRoutesThatTakeStations) {
  add_site("matrix-st", "A9962");
  const auto station = anonymous().with_station_key(add_station("MATRIX-1", "matrix-st"));
  for (const auto& route : serve::all_routes()) {
    if (route.access.is_public) continue;
    const auto reply = station.send(std::string(route.method), concrete(route.pattern), "{}");
    if (route.access.stations) {
      EXPECT_NE(reply.status, 403) << route.method << " " << route.pattern << ": " << reply.raw;
      EXPECT_NE(reply.status, 401) << route.method << " " << route.pattern;
    } else {
      EXPECT_EQ(reply.status, 403) << route.method << " " << route.pattern << ": " << reply.raw;
    }
  }
}

}  // namespace
}  // namespace cj::testing
