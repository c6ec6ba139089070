// The station end-to-end suites' people: a badge and a PIN for a person, set as an admin does
// (PUT /users/{name}/badge and /pin), and the badge read a station gets for them.
#pragma once

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/journey_world.h"
#include "tests/support/operator_proofs.h"

namespace cj::testing {

inline constexpr const char* kTestPin = "246813";

// What a scanner reads from `username`'s hospital badge: badge_of() (tests/support/operator_proofs.h,
// the badge every seeded person has).

class StationSuite : public JourneySuite {
 protected:
  /// args for a server of the test's own on the suite's database, with the suite's centre key
  /// (the station seals offline proofs to it).
  static std::vector<std::string> with_centre_key(std::vector<std::string> args) {
    for (auto& arg : centre_key_args()) args.push_back(arg);
    return args;
  }

  /// Gives `username` their badge (badge_of) and PIN `pin`, through an admin of the world's site.
  static void give_badge_and_pin(const World& w, const std::string& username, const std::string& pin = kTestPin) {
    const std::string admin = "adm." + w.site;
    static std::set<std::string> admins;
    if (admins.insert(admin).second) add_user(admin, {"admin@" + w.site});
    auto client = log_in(admin);
    auto badge = client.put("/api/v1/users/" + username + "/badge", boost::json::object{{"badge", badge_of(username)}});
    EXPECT_EQ(badge.status, 204) << badge.raw;
    auto set_pin = client.put("/api/v1/users/" + username + "/pin", boost::json::object{{"pin", pin}});
    EXPECT_EQ(set_pin.status, 204) << set_pin.raw;
  }

  /// Records `body` (a station-shaped event) as a desk event of `username`'s session: the
  /// session proves the person, so no station proof is needed to set a scene.
  static void desk_event(const std::string& username, const std::string& coi, boost::json::object body) {
    body.erase("idempotency_key");
    body.erase("journey");
    body.erase("station");
    auto reply = log_in(username).post("/api/v1/journeys/" + coi + "/events", body);
    EXPECT_EQ(reply.status, 200) << reply.raw;
  }
};

}  // namespace cj::testing
