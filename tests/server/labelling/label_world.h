// Seeding for the label suites (label_api_test.cpp, label_print_test.cpp): a JourneySuite world
// whose journey has an apheresis bag registered with its DIN and product code, ordered and
// collected (accepted), so that the apheresis-bag label has all it needs; and printers
// registered the way an administrator does it (`celljourney printer add`).
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "tests/support/http_client.h"
#include "tests/support/journey_world.h"
#include "tests/support/server_process.h"

namespace cj::testing {

/// The product code every test bag carries: PDC S1194, for autologous use (1), division 00.
inline constexpr const char* kBagProductCode = "S1194100";

struct LabelledBag {
  World world;
  std::string coi;
  std::string din;  // 13 characters
};

class LabelSuite : public JourneySuite {
 protected:
  /// A world tagged tag (FIN fin) with one journey whose bag din is registered and collected.
  static LabelledBag collected_bag(const std::string& tag, const std::string& fin, const std::string& din) {
    LabelledBag bag{seed_world(tag, fin), "", din};
    bag.coi = new_journey(bag.world);
    auto unit =
        log_in(bag.world.coordinator)
            .post("/api/v1/journeys/" + bag.coi + "/units",
                  boost::json::object{{"kind", "apheresis_bag"}, {"din", din}, {"product_code", kBagProductCode}});
    EXPECT_EQ(unit.status, 201) << unit.raw;
    auto order = station_of(bag.world).post("/api/v1/scans", order_event(bag.world, bag.coi, tag + "-order"));
    EXPECT_EQ(order.status, 200) << order.raw;
    auto collect =
        station_of(bag.world).post("/api/v1/scans", collect_event(bag.world, bag.coi, din, tag + "-collect"));
    EXPECT_EQ(collect.status, 200) << collect.raw;
    return bag;
  }

  /// Posts the bag's step at occurred_at from the world's station as its nurse: scans are the
  /// bag's DIN (flags 00) and extra; key is the idempotency key.
  static ApiReply post_step(const LabelledBag& bag, const std::string& step, const std::string& occurred_at,
                            boost::json::array extra_scans, boost::json::object data, const std::string& key) {
    boost::json::array scans{"=" + bag.din + "00"};
    for (auto& scan : extra_scans) scans.push_back(std::move(scan));
    return station_of(bag.world).post("/api/v1/scans",
                                      boost::json::object{{"journey", bag.coi},
                                                          {"step", step},
                                                          {"occurred_at", occurred_at},
                                                          {"station", bag.world.station},
                                                          {"operators", boost::json::array{bag.world.nurse}},
                                                          {"scans", std::move(scans)},
                                                          {"data", std::move(data)},
                                                          {"idempotency_key", key}});
  }

  /// Registers a printer with `celljourney printer add`; fails the test when the command does.
  static void add_printer(const std::string& site, const std::string& name, const std::string& printer_uri) {
    auto added =
        run_celljourney({"printer", "add", "--site", site, "--name", name, "--uri", printer_uri, "--database", uri()});
    ASSERT_EQ(added.exit_code, 0) << added.output;
  }

  /// GET with the client's credentials, keeping the Content-Type (ApiClient keeps only JSON).
  static HttpReply fetch(const ApiClient& client, const std::string& target) {
    return http_request(port(), "GET", target, {}, "application/json", client.authorization());
  }
};

}  // namespace cj::testing
