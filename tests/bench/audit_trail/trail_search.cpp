// celljourney-bench-audit-trail: how long an audit trail search takes over a long trail. A real
// `celljourney serve` on its own PostgreSQL answers GET /api/v1/audit/trail for a QA reviewer;
// the trail is seeded straight into the tables (20,000 journeys of 100 events each, 200
// operators, 20 stations, one refusal in 500), since only the reading is measured.
//
//   build/bin/celljourney-bench-audit-trail     (CELLJOURNEY_BENCH_EVENTS: default 2000000)
//
// Each search runs 20 times after one warm-up; prints p50 / p95 / max in milliseconds, and the
// entries of the last answer. Not a test: the figures are read, not asserted.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"

namespace cj::testing {
namespace {

long bench_events() {
  const char* n = std::getenv("CELLJOURNEY_BENCH_EVENTS");
  return n && *n ? std::max(1000L, std::atol(n)) : 2000000L;
}

constexpr long kEventsPerJourney = 100;

class AuditTrailBench : public ApiSuite {
 protected:
  static void seed(long events) {
    add_site("bench", "B0001");
    add_user("qa.bench", {"qa@bench"});
    const long journeys = events / kEventsPerJourney;
    const auto started = std::chrono::steady_clock::now();
    sql("INSERT INTO patients (site_id, mrn, initials) SELECT s.id, 'MRN-B' || g, 'BB' "
        "FROM sites s, generate_series(1, " +
        std::to_string(journeys) + ") g WHERE s.code = 'bench'");
    sql("INSERT INTO journeys (coi, product, site_id, patient_id, created_by) "
        "SELECT 'CHB000126' || lpad(upper(to_hex(p.id)), 6, '0'), 'kymriah', p.site_id, p.id, (SELECT min(id) FROM users) "
        "FROM patients p JOIN sites s ON s.id = p.site_id WHERE s.code = 'bench'");
    // In slices, so that one statement's memory stays small.
    for (long from = 0; from < journeys; from += 1000) {
      sql("INSERT INTO events (journey_id, seq, step, occurred_at, recorded_at, station, operators, scans, data, units, "
          "  decision, decision_json, canonical, prev_hash, hash) "
          "SELECT j.id, g, CASE WHEN g % 500 = 0 THEN 'apheresis.collect' ELSE 'product.receipt' END, t, t, "
          "  'ST-' || (j.id % 20), ARRAY['op' || ((j.id + g) % 200)], '{}', '{}', '{}', "
          "  CASE WHEN (j.id * 100 + g) % 500 = 0 THEN 'refused' ELSE 'accepted' END, "
          "  CASE WHEN (j.id * 100 + g) % 500 = 0 THEN '{\"refusals\": [{\"code\": \"COI_MISMATCH\"}], \"deviations\": []}' "
          "       ELSE '{\"refusals\": [], \"deviations\": []}' END::jsonb, "
          "  '{}', decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex') "
          "FROM (SELECT id FROM journeys WHERE coi LIKE 'CHB000126%' ORDER BY id OFFSET " +
          std::to_string(from) + " LIMIT 1000) j, generate_series(1, " + std::to_string(kEventsPerJourney) +
          ") g, LATERAL (SELECT timestamptz '2026-01-01' + (j.id * 100 + g) * interval '7 seconds' AS t) x");
    }
    sql("ANALYZE");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("seeded %s events in %ld journeys in %.0f s\n", sql("SELECT count(*) FROM events").c_str(), journeys,
                seconds);
  }

  static void time(const ApiClient& qa, const char* name, const std::string& target) {
    std::vector<double> ms;
    std::size_t entries = 0;
    for (int i = 0; i < 21; ++i) {
      const auto started = std::chrono::steady_clock::now();
      const auto reply = qa.get(target);
      const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      ASSERT_EQ(reply.status, 200) << target << " " << reply.raw.substr(0, 300);
      entries = reply.body.at("entries").as_array().size();
      if (i > 0) ms.push_back(took);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-44s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%zu entries)\n", name, ms[ms.size() / 2],
                ms[ms.size() * 95 / 100], ms.back(), entries);
  }
};

TEST_F(AuditTrailBench, SearchesOverALongTrail) {
  const long events = bench_events();
  seed(events);
  const auto qa = log_in("qa.bench");
  const std::string coi = sql("SELECT coi FROM journeys WHERE coi LIKE 'CHB000126%' ORDER BY id OFFSET 777 LIMIT 1");
  const std::string deep = qa.get("/api/v1/audit/trail?limit=500").body.at("next").as_string().c_str();

  time(qa, "newest 100, every kind", "/api/v1/audit/trail");
  time(qa, "newest 500, every kind", "/api/v1/audit/trail?limit=500");
  time(qa, "the page after 500", "/api/v1/audit/trail?after=" + deep);
  time(qa, "one journey (100 events)", "/api/v1/audit/trail?coi=" + coi);
  time(qa, "one person, newest 100", "/api/v1/audit/trail?person=op17");
  time(qa, "refusals only, newest 100", "/api/v1/audit/trail?kind=refusal");
  time(qa, "one station, one day",
       "/api/v1/audit/trail?station=ST-3&from=2026-03-01T00:00:00Z&until=2026-03-02T00:00:00Z");
  time(qa, "one person, refusals, one month",
       "/api/v1/audit/trail?person=op17&kind=refusal&from=2026-02-01T00:00:00Z&until=2026-03-01T00:00:00Z");
  time(qa, "sign-ins only", "/api/v1/audit/trail?kind=sign_in");
}

}  // namespace
}  // namespace cj::testing
