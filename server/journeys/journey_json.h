// The JSON shapes of journeys in the API (docs/api/openapi.yaml: Journey, JourneyDetail).
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

#include "server/api/patient_view.h"
#include "server/api/principal.h"
#include "server/journal/load_journey.h"
#include "workflows/context.h"

namespace pqxx {
class transaction_base;
}

namespace cj::journeys {

/// {"id", "coi", "product", "site", "status", "created_at", "physician", "identifiers": the
/// manufacturer's (manufacturer_identifiers.h), "patient": {"initials", "mrn", "date_of_birth"}}
/// of journey id (which must exist), the patient as who may see it
/// (api/patient_view.h: MRN and date of birth null for QA, admins and stations).
boost::json::object journey_json(pqxx::transaction_base& tx, std::int64_t journey_id, const api::Principal& who);

/// The patient of journey id (which must exist), all identifiers: for the server's own use.
api::PatientIdentifiers patient_of(pqxx::transaction_base& tx, std::int64_t journey_id);

/// Whose eyes an event's raw scans are shown to, and what in them identifies the patient.
struct ScanViewer {
  const api::Principal& who;
  std::int64_t site_id;
  std::string mrn;
  std::string wristband;
};

/// {"kind", "din", "product_code", "id", "key", "expires_at", "dose", "colour"}: absent parts null.
boost::json::object unit_json(const workflows::Unit& unit);

/// {"id", "seq", "step", "occurred_at", "recorded_at", "station", "operators", "scans", "data",
///  "units", "corrects_event_id", "correction_reason", "decision": the decision with its event_id}.
/// A scan carrying the patient's identifiers is hidden from a viewer who may not see them.
boost::json::object event_json(const journal::StoredEvent& event, const ScanViewer& viewer);

/// {"id", "event_id", "code", "severity", "message", "rule", "subject", "status", "raised_at"}.
boost::json::object deviation_json(const journal::StoredDeviation& deviation);

}  // namespace cj::journeys
