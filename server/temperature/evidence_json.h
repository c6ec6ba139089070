// A journey's temperature evidence as GET /api/v1/journeys/{coi}/temperature answers it:
//   {"journey", "evaluated", "problem"?, "loggers": [{"logger", "kind", "place",
//     "limits": {"min_c", "max_c", "rule"}, "interval_s", "max_gap_s", "min_c", "max_c",
//     "readings": [{"at", "celsius"}], "excursions": [{"from", "to", "duration_s", "min_c",
//     "max_c", "above", "readings", "ongoing"}], "gaps": [{"from", "to", "length_s"}]}]}
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "server/temperature/evidence.h"

namespace cj::temperature {

boost::json::object evidence_json(const std::string& coi, const JourneyEvidence& evidence);

}  // namespace cj::temperature
