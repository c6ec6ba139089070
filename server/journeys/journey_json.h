// The JSON shapes of journeys in the API (docs/api/openapi.yaml: Journey, JourneyDetail).
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

#include "server/journal/load_journey.h"
#include "workflows/context.h"

namespace pqxx {
class transaction_base;
}

namespace cj::journeys {

/// {"id", "coi", "product", "site", "status", "created_at", "patient": {"mrn", "initials",
/// "date_of_birth"}} of journey id (which must exist).
boost::json::object journey_json(pqxx::transaction_base& tx, std::int64_t journey_id);

/// {"kind", "din", "product_code", "id", "key", "expires_at", "dose", "colour"}: absent parts null.
boost::json::object unit_json(const workflows::Unit& unit);

/// {"id", "seq", "step", "occurred_at", "recorded_at", "station", "operators", "scans", "data",
///  "units", "corrects_event_id", "correction_reason", "decision": the decision with its event_id}.
boost::json::object event_json(const journal::StoredEvent& event);

/// {"id", "event_id", "code", "severity", "message", "rule", "subject", "status", "raised_at"}.
boost::json::object deviation_json(const journal::StoredDeviation& deviation);

}  // namespace cj::journeys
