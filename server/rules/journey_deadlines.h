// A journey's deadlines at a given time, with its site's rules: what the sweeper raises, what
// GET /api/v1/journeys lists as "next" and filters on with overdue=true.
//
// Runs in the caller's transaction; one transaction, one thread. Database failures throw.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "server/journal/load_journey.h"
#include "server/rules/definition_cache.h"
#include "workflows/deadlines.h"

namespace pqxx {
class transaction_base;
}

namespace cj::rules {

struct JourneyDeadlines {
  std::shared_ptr<const rules::LoadedRules> rules;  // set when report is
  std::optional<workflows::DeadlineReport> report;  // workflows::sweep_deadlines() at `now`
  std::string problem;                              // why there is no report (the rules do not load)
  bool ok() const { return report.has_value(); }
};

/// sweep_deadlines() over the journey's accepted history with the definition of its product at
/// its site (rules::site_definition(), cached). No report, and problem set, when the site has
/// no rules or its rules no longer load the product: the journey's deadlines are then unknown,
/// which is not an error of the caller's.
JourneyDeadlines deadlines_of(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                              workflows::TimePoint now);

}  // namespace cj::rules
