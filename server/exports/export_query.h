// Loading journeys for an export from the journal: which journeys a date range covers, and one
// journey's facts (journey_facts.h) and registry row (registry_row.h).
//
// Functions run inside the caller's transaction; database failures throw.
#pragma once

#include <cstdint>
#include <vector>

#include <pqxx/types.hxx>

#include "server/exports/journey_facts.h"
#include "server/exports/registry_row.h"
#include "server/journal/load_journey.h"
#include "workflows/time_point.h"

namespace cj::exports {

struct ExportJourney {
  JourneyFacts facts;
  RegistryRow row;
};

/// The ids of the journeys that have an accepted event that occurred in [from, to), oldest
/// journey first; only those of site_ids unless every_site.
std::vector<std::int64_t> journeys_in_range(pqxx::transaction_base& tx, workflows::TimePoint from,
                                            workflows::TimePoint to, const std::vector<std::int64_t>& site_ids,
                                            bool every_site);

/// The journey's facts and registry row. When the site's rules no longer load its product, the
/// row's intervals stay empty (and the time points and counts are still given).
ExportJourney export_journey(pqxx::transaction_base& tx, const journal::LoadedJourney& journey);

}  // namespace cj::exports
