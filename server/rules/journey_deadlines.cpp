#include "server/rules/journey_deadlines.h"

#include <chrono>

#include "base/failure.h"
#include "server/rules/site_rules.h"

namespace cj::rules {

JourneyDeadlines deadlines_of(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                              workflows::TimePoint now) {
  JourneyDeadlines out;
  try {
    out.rules = rules::site_definition(tx, journey.journey.site_id, journey.journey.product);
  } catch (const base::Failure& e) {  // 409 RULES_MISSING: no rules, or they do not load the product
    out.problem = e.what();
    return out;
  }
  const workflows::Context context = journal::context_of(journey);
  out.report =
      workflows::sweep_deadlines(out.rules->definition, journal::history(journey, out.rules->definition), context, now);
  return out;
}

}  // namespace cj::rules
