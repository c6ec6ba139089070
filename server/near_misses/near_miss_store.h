// Near misses as they are stored (server/migrations/0010_near_misses.sql): recorded with the
// refused event that is one, listed for QA, reviewed once, and counted.
//
//   auto appended = journal::append_event(tx, recorded);          // scans/record_step.cpp
//   near_misses::record_if_any(tx, *loaded, rules->definition, recorded, *appended);
//   tx.commit();                                                  // event and near miss together
//
// Runs in the caller's transaction; database failures throw (the caller's transaction, and
// with it the refused event, then aborts: a refusal is never kept without its near miss).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "server/journal/append_event.h"
#include "server/journal/load_journey.h"
#include "workflows/definition.h"

namespace pqxx {
class transaction_base;
}

namespace cj::near_misses {

/// When `event`'s decision is a refusal whose near-miss codes (foreign_identity.h) come from
/// foreign scans: stores the near miss of the appended event, tells the live feed (a
/// "near_miss" notice, delivered at commit) and returns its id. Otherwise does nothing
/// (accepted events, other refusals). REQUIRES: append_event(tx, event) returned `appended`
/// in tx, and `journey` is the journey it was decided on.
std::optional<std::int64_t> record_if_any(pqxx::transaction_base& tx, const journal::LoadedJourney& journey,
                                          const workflows::Definition& definition, const journal::NewEvent& event,
                                          const journal::AppendedEvent& appended);

struct OtherJourney {
  std::int64_t site_id = 0;
  std::string coi;
  std::string site;  // code
};

struct NearMissRow {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::string coi;  // this journey's
  std::int64_t site_id = 0;
  std::string site;                    // code
  std::optional<std::string> station;  // code
  std::vector<std::string> operators;
  std::string step;
  std::string code;
  std::string foreign_kind;                  // coi, wristband, unit
  int foreign_scan = 0;                      // position in the event's scans, from 1
  std::optional<std::string> foreign_value;  // none for a wristband
  boost::json::array other_identities;       // [{"kind", "code", "scan", "value"}]
  bool wristband_mismatch = false;
  std::optional<OtherJourney> other_journey;
  std::string occurred_at, recorded_at;  // "2026-11-20T10:00:00Z"
  std::optional<std::string> reviewed_at, reviewed_by, review_note;
};

struct NearMissFilter {
  std::vector<std::int64_t> site_ids;  // only these sites (the caller's)
  std::optional<std::string> coi;
  std::optional<bool> reviewed;
  int limit = 500;
};

/// Newest first (by the time recorded).
std::vector<NearMissRow> list_near_misses(pqxx::transaction_base& tx, const NearMissFilter& filter);

/// The near miss, or nullopt. lock: SELECT ... FOR UPDATE (to review it).
std::optional<NearMissRow> find_near_miss(pqxx::transaction_base& tx, std::int64_t id, bool lock = false);

/// Records the review. REQUIRES: the row is locked and not reviewed.
void review(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id, const std::string& note);

/// The API's shape (docs/api/openapi.yaml, NearMiss). The other journey's COI and site are
/// shown only when other_journey_visible (the caller may see its site).
boost::json::object to_json(const NearMissRow& row, bool other_journey_visible);

/// Tells the live feed that near miss `row` was recorded or reviewed (status "recorded",
/// "reviewed"): its id, site, journey COI, code and the kind of identity scanned, nothing else.
void notify_change(pqxx::transaction_base& tx, const NearMissRow& row, const std::string& status);

struct CodeCount {
  std::string code;
  bool reviewed = false;
  std::int64_t count = 0;
};

/// Near misses by code and review at site_ids (none: nothing), recorded in [from, to) when
/// given (UTC times, "2026-11-01T00:00:00Z").
std::vector<CodeCount> count_near_misses(pqxx::transaction_base& tx, const std::vector<std::int64_t>& site_ids,
                                         const std::optional<std::string>& from, const std::optional<std::string>& to);

/// Every site's, for /metrics.
std::vector<CodeCount> count_all_near_misses(pqxx::transaction_base& tx);

}  // namespace cj::near_misses
