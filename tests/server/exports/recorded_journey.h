// A Kymriah journey with known times, recorded through the workflows engine (every event must
// be accepted), as export facts (server/exports/journey_facts.h). For the export format tests.
//
//   order 10-01 09:00, collection 10-05 12:00, manufacturer receipt 10-06 10:00, start 10-07
//   08:00, release 10-28 10:00, cell lab receipt 10-30 09:00, LD end 11-17 10:00, thaw 11-20
//   09:30, infusion start 09:50, end 10:00 (2026, UTC).
#pragma once

#include <gtest/gtest.h>

#include "server/exports/journey_facts.h"
#include "tests/workflows/test_support.h"
#include "workflows/engine.h"

namespace cj::exports::testing {

inline constexpr const char* kBag = "=A99992612345600";
inline constexpr const char* kProductCode = "=<S1194A00";
inline constexpr const char* kCoi = "&/CHA99992600001A";
inline constexpr const char* kWristband = "&#0008MRN12345";

class RecordedJourney : public ::testing::Test {
 protected:
  workflows::SiteConfig site_ = cj::workflows::testing::test_site();
  workflows::Definition definition_ = cj::workflows::testing::test_product("kymriah", site_);
  workflows::Context context_ = cj::workflows::testing::test_context("kymriah");
  JourneyFacts facts_ = [this] {
    JourneyFacts facts;
    facts.coi = "CHA99992600001A";
    facts.product = "kymriah";
    facts.product_name = definition_.name;
    facts.site = "w1";
    facts.status = "active";
    facts.units = context_.journey.units;
    return facts;
  }();

  // Evaluates the event; it must be accepted; records it as a fact (recorded 3 s later).
  std::int64_t happen(std::string step, std::string at, std::vector<std::string> operators,
                      std::vector<std::string> scans = {}, boost::json::object data = {}) {
    workflows::Event e;
    e.journey = facts_.coi;
    e.step = std::move(step);
    e.occurred_at = *workflows::parse_time(at);
    e.station = "ST-1";
    e.operators = std::move(operators);
    e.scans = std::move(scans);
    e.data = std::move(data);
    const workflows::Decision decision =
        workflows::evaluate(definition_, site_, history_of(facts_), e, context_, e.occurred_at);
    EXPECT_TRUE(decision.accepted) << e.step << " at " << at << " is refused";
    FactEvent fact;
    fact.seq = static_cast<int>(facts_.events.size()) + 1;
    fact.recorded = workflows::record(definition_, e, decision, fact.seq + 1000);
    fact.recorded_at = workflows::format_time(e.occurred_at + std::chrono::seconds(3));
    facts_.events.push_back(fact);
    return fact.recorded.event_id;
  }

  void until_stored(bool out_of_specification = false) {
    happen("order", "2026-10-01T09:00:00Z", {"cora"});
    happen("apheresis.collect", "2026-10-05T12:00:00Z", {"ann"}, {"=A99992610000100", kWristband});
    happen("apheresis.label", "2026-10-05T12:10:00Z", {"ann"}, {"=A99992610000100", kCoi});
    happen("apheresis.ship", "2026-10-05T15:00:00Z", {"ann"}, {"=A99992610000100"});
    happen("manufacturing.receive", "2026-10-06T10:00:00Z", {"cora"});
    happen("manufacturing.start", "2026-10-07T08:00:00Z", {"cora"});
    happen("manufacturing.release", "2026-10-28T10:00:00Z", {"cora"}, {},
           {{"out_of_specification", out_of_specification}});
    happen("product.ship", "2026-10-29T08:00:00Z", {"cora"});
    boost::json::object checklist{{"shipper_intact", true}, {"tamper_seal_matches", true}, {"logger_no_alarm", true}};
    happen("product.receive", "2026-10-30T09:00:00Z", {"alice"}, {"SHIP-0001"}, {{"checklist", checklist}});
    happen("product.store", "2026-10-30T09:20:00Z", {"alice"}, {kBag, kProductCode}, {{"location", "LN2-1/R1"}});
  }

  void infused() {
    until_stored();
    happen("lymphodepletion.end", "2026-11-17T10:00:00Z", {"nina"});
    happen("premedication", "2026-11-20T09:15:00Z", {"nina"});
    happen("product.thaw", "2026-11-20T09:30:00Z", {"alice"}, {kBag, kProductCode});
    happen("product.thaw_complete", "2026-11-20T09:35:00Z", {"alice"}, {kBag, kProductCode});
    happen("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"}, {kWristband, kBag, kProductCode, kCoi},
           {{"tocilizumab_doses_on_site", 1}});
    happen("infusion.start", "2026-11-20T09:50:00Z", {"nina"}, {kBag, kProductCode});
    happen("infusion.end", "2026-11-20T10:00:00Z", {"nina"}, {kBag, kProductCode});
  }
};

}  // namespace cj::exports::testing
