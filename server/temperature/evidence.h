// A journey's temperature evidence: every logger's readings against the product's limits at
// the journey's site, and the deviations they raise (TEMP_EXCURSION, TEMP_DATA_GAP).
//
// Limits, from the journey's product definition with its site's rules (rules::site_definition):
//   - a shipper logger: the receipt step's logger rule (product.receive, field
//     logger_readings_c: core/shipper-logger, whose max is site-set, or the product's own);
//   - a storage logger: the product's storage rule (tecartus/storage: <= -150 °C ...).
// The gap factor is 3 (a gap is more than 3 of the logger's intervals without a reading) unless
// the site's rules set `core/temperature-gap.factor` (an integer, with its source).
//
// raise_evidence() writes each finding once: the deviation's subject is "<logger> <window
// start>" and deviations without an event are unique per (journey, code, rule, subject)
// (migration 0003), so evaluating again after more readings arrive raises only what is new.
// A breach raised while still open keeps the window known when it was raised; the curve
// (GET .../temperature) always shows the whole window. It then refreshes the board row in the
// same transaction and tells the live feed.
//
// Runs in the caller's transaction; one transaction, one thread. Database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/journal/load_journey.h"
#include "server/temperature/reading_store.h"
#include "workflows/temperature_evidence.h"

namespace pqxx {
class transaction_base;
}

namespace cj::temperature {

struct SeriesEvidence {
  LoggedSeries series;
  workflows::TemperatureLimits limits;
  workflows::TemperatureEvidence evidence;
};

struct JourneyEvidence {
  std::vector<SeriesEvidence> series;
  std::string problem;  // non-empty: the site's rules do not load the product; nothing evaluated
  bool evaluated() const { return problem.empty(); }
};

JourneyEvidence journey_evidence(pqxx::transaction_base& tx, const journal::LoadedJourney& journey);

/// Raises the findings of evidence as deviations of the journey (those not raised before), then
/// refreshes its board row. Returns the ids of the new deviations.
std::vector<std::int64_t> raise_evidence(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                                         const JourneyEvidence& evidence);

/// What record_readings() did.
struct Recorded {
  StoreCount count;
  std::vector<std::int64_t> raised;  // new deviations
  std::string problem;               // non-empty: not evaluated (the site's rules do not load)
};

/// The whole write, for the API and the CLI: takes the journey's append lock, stores the
/// readings, evaluates the journey's evidence and raises what is new. The caller commits.
Recorded record_readings(pqxx::transaction_base& tx, const journal::LoadedJourney& journey, const Placement& placement,
                         const std::string& source, std::span<const hardware::TemperatureReading> readings);

}  // namespace cj::temperature
