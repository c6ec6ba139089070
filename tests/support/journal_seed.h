// Seeding the journal directly (no HTTP, no rules): a journey at a site with one accepted
// `order` event, optionally raising deviations, for tests of what reads the journal (audit
// verify, the deviations inbox).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/journal/append_event.h"
#include "server/journal/journeys.h"
#include "server/journal/patients.h"

namespace cj::testing {

struct SeededEvent {
  std::string coi;
  std::int64_t event_id = 0;
  std::vector<std::int64_t> deviation_ids;  // in the order given
};

/// A new patient (mrn) and journey (kymriah) at site (a code), and its first event.
inline SeededEvent seed_journey_event(const std::string& uri, const std::string& site, const std::string& mrn,
                                      std::vector<workflows::Finding> deviations = {}) {
  pqxx::connection conn(uri);
  pqxx::work tx(conn);
  const auto site_id = tx.exec_params1("SELECT id FROM sites WHERE code = $1", site)[0].as<std::int64_t>();
  const auto user_id = tx.exec1("SELECT min(id) FROM users")[0].as<std::int64_t>();
  auto patient = journal::create_patient(tx, journal::Patient{0, site_id, mrn, "JD", std::nullopt, std::nullopt});
  EXPECT_TRUE(patient.ok()) << patient.error().to_string();
  auto journey = journal::create_journey(tx, site_id, *patient, "kymriah", user_id);
  EXPECT_TRUE(journey.ok()) << journey.error().to_string();
  journal::NewEvent event;
  event.journey_id = journey->id;
  event.event.journey = journey->coi;
  event.event.step = "order";
  event.event.occurred_at = workflows::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 10 / 1));
  event.event.station = "DESK-1";
  event.event.operators = {"cora"};
  event.event.data = {{"order_reference", "PO-1"}};
  event.decision.accepted = true;
  event.decision.deviations = std::move(deviations);
  auto appended = journal::append_event(tx, event);
  EXPECT_TRUE(appended.ok()) << appended.error().to_string();
  tx.commit();
  return {journey->coi, appended->event_id, appended->deviation_ids};
}

}  // namespace cj::testing
