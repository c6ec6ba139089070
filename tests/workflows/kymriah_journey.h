// The engine's test fixture: a Kymriah journey at the test site, events evaluated one at a time
// and, when accepted, recorded. Shared by the engine's rule tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/workflows/test_support.h"
#include "workflows/engine.h"

namespace cj::workflows::testing {

constexpr const char* kBag = "=A99992612345600";
constexpr const char* kProductCode = "=<S1194A00";
constexpr const char* kCoi = "&/CHA99992600001A";
constexpr const char* kWristband = "&#0008MRN12345";

class KymriahJourney : public ::testing::Test {
 protected:
  SiteConfig site_ = testing::test_site();
  Definition definition_ = testing::test_product("kymriah", site_);
  Context context_ = testing::test_context("kymriah");
  History history_;

  static Event event(std::string step, std::string at, std::vector<std::string> operators,
                     std::vector<std::string> scans = {}, boost::json::object data = {}) {
    Event e;
    e.journey = "CHA99992600001A";
    e.step = std::move(step);
    e.occurred_at = *parse_time(at);
    e.operators = std::move(operators);
    e.scans = std::move(scans);
    e.data = std::move(data);
    return e;
  }

  Decision decide(const Event& e) { return evaluate(definition_, site_, history_, e, context_, e.occurred_at); }

  // Evaluates and, when accepted, records.
  Decision happen(const Event& e) {
    Decision decision = decide(e);
    if (decision.accepted) {
      history_.push_back(record(definition_, e, decision, static_cast<std::int64_t>(history_.size()) + 1));
    }
    return decision;
  }

  // The journey up to a bag thawed and thaw complete at 09:35.
  void thawed_at_0935() {
    happen(event("order", "2026-10-01T09:00:00Z", {"cora"}));
    happen(event("apheresis.collect", "2026-10-05T12:00:00Z", {"ann"}, {"=A99992610000100", kWristband}));
    happen(event("apheresis.label", "2026-10-05T12:10:00Z", {"ann"}, {"=A99992610000100", kCoi}));
    happen(event("apheresis.ship", "2026-10-05T15:00:00Z", {"ann"}, {"=A99992610000100"}));
    happen(event("manufacturing.receive", "2026-10-06T10:00:00Z", {"cora"}));
    happen(event("manufacturing.release", "2026-10-28T10:00:00Z", {"cora"}, {}, {{"out_of_specification", false}}));
    happen(event("product.ship", "2026-10-29T08:00:00Z", {"cora"}));
    boost::json::object checklist{{"shipper_intact", true}, {"tamper_seal_matches", true}, {"logger_no_alarm", true}};
    happen(event("product.receive", "2026-10-30T09:00:00Z", {"alice"}, {"SHIP-0001"}, {{"checklist", checklist}}));
    happen(event("product.store", "2026-10-30T09:20:00Z", {"alice"}, {kBag, kProductCode}, {{"location", "LN2-1/R1"}}));
    happen(event("product.thaw", "2026-11-20T09:30:00Z", {"alice"}, {kBag, kProductCode}));
    happen(event("product.thaw_complete", "2026-11-20T09:35:00Z", {"alice"}, {kBag, kProductCode}));
    ASSERT_EQ(history_.size(), 11u) << "every step of the set-up is accepted";
  }
};

}  // namespace cj::workflows::testing
