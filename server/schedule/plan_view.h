// A journey's plan as the API shows it: the current version's items, the flags of the product's
// planning rules (checked on every read: the site's rules may have changed since), the bookings
// with their capacity conflicts, and the history of versions.
#pragma once

#include <cstdint>
#include <string>

#include <boost/json/object.hpp>

namespace pqxx {
class transaction_base;
}

namespace cj::schedule {

struct JourneyRef {
  std::int64_t id = 0;
  std::string coi, product;
  std::int64_t site_id = 0;
};

/// {"coi", "product", "time_zone", "version", "planned_by", "planned_at", "reason",
///  "items": [{"kind", "start", "end", "step", "books"}], "flags": [...], "unchecked": [...],
///  "rules_problem", "bookings": [...], "conflicts": [...], "history": [...]}
boost::json::object plan_view(pqxx::transaction_base& tx, const JourneyRef& journey);

}  // namespace cj::schedule
