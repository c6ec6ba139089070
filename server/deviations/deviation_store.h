// Deviations as QA sees them: reading them with their journey and site, and moving them along
// their lifecycle (open -> acknowledged -> closed), each step logged in deviation_events.
// Runs in the caller's transaction; database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace pqxx {
class transaction_base;
}

namespace cj::deviations {

struct DeviationRow {
  std::int64_t id = 0;
  std::string coi;
  std::int64_t site_id = 0;
  std::string site;  // code
  std::string code;
  std::string severity;
  std::string message;
  std::string rule;
  std::string subject;
  std::string status;  // open, acknowledged, closed
  std::string raised_at;
  std::optional<std::int64_t> event_id;  // none for OVERDUE
  std::optional<std::string> acknowledged_at, acknowledged_by, closed_at, closed_by;
  std::optional<std::int64_t> closing_signature_id;
};

struct DeviationFilter {
  std::vector<std::int64_t> site_ids;  // only these sites (the caller's)
  std::optional<std::string> status;
  std::optional<std::string> site;  // a site code
  std::optional<std::string> coi;
  int limit = 500;
};

/// Newest first.
std::vector<DeviationRow> list_deviations(pqxx::transaction_base& tx, const DeviationFilter& filter);

/// The deviation, or nullopt. lock: SELECT ... FOR UPDATE (to change it).
std::optional<DeviationRow> find_deviation(pqxx::transaction_base& tx, std::int64_t id, bool lock = false);

/// Its lifecycle: [{"action", "by", "note", "at", "signature_id"}], oldest first.
boost::json::array deviation_history(pqxx::transaction_base& tx, std::int64_t id);

/// open -> acknowledged by user_id. REQUIRES: the row is locked and open.
void acknowledge(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id,
                 const std::optional<std::string>& note);

/// open|acknowledged -> closed by user_id under signature_id. REQUIRES: the row is locked, not closed.
void close(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id, std::int64_t signature_id,
           const std::string& reason);

boost::json::object to_json(const DeviationRow& row);

/// What a closing signature signs: the deviation as it stands.
boost::json::object signed_record(const DeviationRow& row, const std::string& meaning, const std::string& reason);

struct StatusCount {
  std::string code;
  std::string status;  // open, acknowledged, closed
  std::int64_t count = 0;
};

/// Deviations by code and status at site_ids (none: nothing), raised in [from, to) when given
/// (UTC times, "2026-11-01T00:00:00Z").
std::vector<StatusCount> count_deviations(pqxx::transaction_base& tx, const std::vector<std::int64_t>& site_ids,
                                          const std::optional<std::string>& from, const std::optional<std::string>& to);

/// Tells the live feed (in tx: delivered at commit).
void notify_change(pqxx::transaction_base& tx, const DeviationRow& row, const std::string& status);

}  // namespace cj::deviations
