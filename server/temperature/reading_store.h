// Temperature readings of a journey as stored (temperature_readings, migrations 0003 and 0007):
// written once per (journey, logger, instant), read back per logger for the evidence.
//
// Runs in the caller's transaction; one transaction, one thread. Database failures throw.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hardware/temperature_csv.h"
#include "workflows/temperature_evidence.h"

namespace pqxx {
class transaction_base;
}

namespace cj::temperature {

/// Where the logger was: the final product's shipper (its id), or a storage position.
struct Placement {
  std::string kind = "shipper";  // "shipper" or "storage"
  std::string place;             // shipper id or storage position; may be empty
  std::string unit;              // a DIN or external id of one of the journey's units; may be empty
};

struct StoreCount {
  int recorded = 0;  // new readings
  int already = 0;   // the same logger at the same instant was recorded before: skipped
};

/// Records readings for the journey. source: "logger_file" (an import) or "station" (a push).
/// The unit is attached when the placement's unit, or its shipper id, names one of the
/// journey's units.
StoreCount store_readings(pqxx::transaction_base& tx, std::int64_t journey_id, const Placement& placement,
                          const std::string& source, std::span<const hardware::TemperatureReading> readings);

/// One logger's readings of a journey in one placement kind, oldest first.
struct LoggedSeries {
  std::string logger;
  std::string kind;   // "shipper" or "storage"
  std::string place;  // as first recorded
  std::vector<workflows::TemperatureSample> samples;
};

std::vector<LoggedSeries> journey_series(pqxx::transaction_base& tx, std::int64_t journey_id);

}  // namespace cj::temperature
