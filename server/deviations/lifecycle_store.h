// The lifecycle steps after the acknowledgement, in the database: each one a deviation_events
// row (who, when, why, its details) that joins the journey's fact chain in the same transaction,
// and, when it moves the deviation on, its new status (and owner) on the deviation row.
// Runs in the caller's transaction; database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "server/deviations/deviation_store.h"
#include "server/deviations/lifecycle.h"

namespace pqxx {
class transaction_base;
}

namespace cj::deviations {

/// Every step of deviation id, oldest first.
std::vector<Step> steps_of(pqxx::transaction_base& tx, std::int64_t id);

struct StepWrite {
  std::string action;  // a deviation_events action: "investigated", "reopened", ...
  std::int64_t user_id = 0;
  std::optional<std::string> note;       // the why
  boost::json::object details;           // empty: none
  std::optional<std::string> status;     // the status it moves to; none: it stays
  std::optional<std::int64_t> owner_id;  // the new owner; none: unchanged
  bool reopen = false;                   // clears the closure (closed_at, closed_by, its signature)
};

/// Writes the step for row (locked by the caller), chains it, and tells the live feed.
void record_step(pqxx::transaction_base& tx, const DeviationRow& row, const StepWrite& step);

/// The id of username when it is an active, unlocked account holding a role at site_id.
std::optional<std::int64_t> user_at_site(pqxx::transaction_base& tx, const std::string& username, std::int64_t site_id);

}  // namespace cj::deviations
