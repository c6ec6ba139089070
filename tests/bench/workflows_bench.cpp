// The rules engine on the hot path: one event evaluated against a journey of 100 recorded
// events. Goal: under 20 µs per evaluation (Release build, one core).
#include <benchmark/benchmark.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "workflows/deadlines.h"
#include "workflows/engine.h"
#include "workflows/json_io.h"
#include "workflows/product_catalog.h"

namespace {

using namespace cj::workflows;

std::string read_test_file(const std::string& relative) {
  std::ifstream file(std::filesystem::path(__FILE__).parent_path() / ".." / "workflows" / relative);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

struct Fixture {
  SiteConfig site = parse_site_config(read_test_file("sites/test_eu.yaml"), "test_eu.yaml").value();
  Definition definition = load_embedded_product("kymriah", &site).value();
  Context context = context_from_json(boost::json::parse(read_test_file("contexts/kymriah.json"))).value();
  History history;
  Event infusion_end;

  Event make(std::string step, std::string at, std::vector<std::string> operators, std::vector<std::string> scans,
             boost::json::object data = {}) {
    Event e;
    e.journey = "CHA99992600001A";
    e.step = std::move(step);
    e.occurred_at = *parse_time(at);
    e.operators = std::move(operators);
    e.scans = std::move(scans);
    e.data = std::move(data);
    return e;
  }

  void add(const Event& e) {
    const Decision decision = evaluate(definition, site, history, e, context, e.occurred_at);
    if (!decision.accepted) throw std::runtime_error("fixture event refused: " + e.step);
    history.push_back(record(definition, e, decision, static_cast<std::int64_t>(history.size()) + 1));
  }

  // 100 events: the journey to a started infusion, padded with holds and corrections (as a
  // long journey with many coordinator notes would have).
  Fixture() {
    const std::string bag = "=A99992612345600", code = "=<S1194A00";
    add(make("order", "2026-10-01T09:00:00Z", {"cora"}, {}));
    add(make("apheresis.collect", "2026-10-05T12:00:00Z", {"ann"}, {"=A99992610000100", "&#0008MRN12345"}));
    add(make("apheresis.label", "2026-10-05T12:10:00Z", {"ann"}, {"=A99992610000100", "&/CHA99992600001A"}));
    add(make("apheresis.ship", "2026-10-05T15:00:00Z", {"ann"}, {"=A99992610000100"}));
    add(make("manufacturing.receive", "2026-10-06T10:00:00Z", {"cora"}, {}));
    add(make("manufacturing.release", "2026-10-28T10:00:00Z", {"cora"}, {}, {{"out_of_specification", false}}));
    add(make("product.ship", "2026-10-29T08:00:00Z", {"cora"}, {}));
    boost::json::object checklist{{"shipper_intact", true}, {"tamper_seal_matches", true}, {"logger_no_alarm", true}};
    add(make("product.receive", "2026-10-30T09:00:00Z", {"alice"}, {"SHIP-0001"}, {{"checklist", checklist}}));
    add(make("product.store", "2026-10-30T09:20:00Z", {"alice"}, {bag, code}, {{"location", "LN2-1/R1"}}));
    add(make("product.store", "2026-10-30T09:21:00Z", {"alice"}, {"=A99992612345700", code},
             {{"location", "LN2-1/R2"}}));
    // Each correction corrects the newest one (a corrected record may not be corrected again).
    std::int64_t corrected = 1;
    for (int i = 0; history.size() < 94; ++i) {
      const bool hold = i % 2 != 0;
      // The holds are of the second bag: a hold of the journey would refuse the thaw below.
      add(make(hold ? "hold" : "correction", "2026-11-0" + std::to_string(1 + i % 9) + "T10:00:00Z", {"quinn"},
               hold ? std::vector<std::string>{"=A99992612345700", code} : std::vector<std::string>{},
               {{"reason", "note"}, {"corrects_event_id", corrected}}));
      if (!hold) corrected = static_cast<std::int64_t>(history.size());
    }
    add(make("premedication", "2026-11-20T09:15:00Z", {"nina"}, {}));
    add(make("product.thaw", "2026-11-20T09:30:00Z", {"alice"}, {bag, code}));
    add(make("product.thaw_complete", "2026-11-20T09:35:00Z", {"alice"}, {bag, code}));
    add(make("infusion.verify", "2026-11-20T09:40:00Z", {"nina", "paul"},
             {"&#0008MRN12345", bag, code, "&/CHA99992600001A"}, {{"tocilizumab_doses_on_site", 1}}));
    add(make("infusion.start", "2026-11-20T09:45:00Z", {"nina"}, {bag, code}));
    add(make("hold", "2026-11-20T09:46:00Z", {"quinn"}, {}, {{"reason", "note"}}));
    infusion_end = make("infusion.end", "2026-11-20T10:00:00Z", {"nina"}, {bag, code});
  }
};

void BM_EvaluateOneEventAgainst100EventJourney(benchmark::State& state) {
  static const Fixture fixture;
  if (fixture.history.size() != 100) state.SkipWithError("the fixture must hold 100 events");
  for (auto _ : state) {
    Decision decision = evaluate(fixture.definition, fixture.site, fixture.history, fixture.infusion_end,
                                 fixture.context, fixture.infusion_end.occurred_at);
    benchmark::DoNotOptimize(decision);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateOneEventAgainst100EventJourney)->Unit(benchmark::kMicrosecond);

void BM_SweepDeadlinesOf100EventJourney(benchmark::State& state) {
  static const Fixture fixture;
  for (auto _ : state) {
    DeadlineReport report =
        sweep_deadlines(fixture.definition, fixture.history, fixture.context, fixture.infusion_end.occurred_at);
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SweepDeadlinesOf100EventJourney)->Unit(benchmark::kMicrosecond);

}  // namespace
