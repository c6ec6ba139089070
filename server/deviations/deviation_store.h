// Deviations as QA sees them: reading them with their journey, patient initials, product, site
// and owner, filtered and sorted for the inbox, and the two steps that change more than the
// status: the acknowledgement (owner assigned) and the signed closure. The other lifecycle steps
// are lifecycle_store.h's; each step is a deviation_events row in the journey's fact chain.
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
  std::string status;  // lifecycle.h kStatuses
  std::string raised_at;
  std::int64_t age_seconds = 0;  // since raised_at, at the database's now()
  std::string initials;          // the patient's (never the MRN: QA sees initials only)
  std::string product;           // the product definition's id ("kymriah")
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> owner;  // username
  // The closing signature, when closed: what the closed list shows beside the closer.
  std::optional<std::string> closing_meaning, closing_reason, closing_signer_name;
  std::optional<std::int64_t> event_id;  // none for OVERDUE
  std::optional<std::string> acknowledged_at, acknowledged_by, closed_at, closed_by;
  std::optional<std::int64_t> closing_signature_id;
};

struct DeviationFilter {
  std::vector<std::int64_t> site_ids;  // only these sites (the caller's)
  std::optional<std::string> status;   // one of kStatuses, or "active" (every one but closed)
  std::optional<std::string> severity;
  std::optional<std::string> site;  // a site code
  std::optional<std::string> product;
  std::optional<std::string> owner;  // a username, or "none" (no owner yet)
  std::optional<std::string> code;
  std::optional<std::string> coi;
  std::optional<std::int64_t> older_than_hours;  // raised at least that long ago
  std::string sort = "newest";                   // newest, age (oldest first), severity (critical first), site
  int limit = 500;
};

/// In filter.sort's order, ties newest first.
std::vector<DeviationRow> list_deviations(pqxx::transaction_base& tx, const DeviationFilter& filter);

/// The deviation, or nullopt. lock: SELECT ... FOR UPDATE (to change it).
std::optional<DeviationRow> find_deviation(pqxx::transaction_base& tx, std::int64_t id, bool lock = false);

/// open -> acknowledged by user_id, owned by owner_id. REQUIRES: the row is locked and open.
void acknowledge(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id, std::int64_t owner_id,
                 const std::optional<std::string>& note);

/// disposition -> closed by user_id under signature_id. REQUIRES: the row is locked, its
/// disposition recorded.
void close(pqxx::transaction_base& tx, std::int64_t id, std::int64_t user_id, std::int64_t signature_id,
           const std::string& reason);

boost::json::object to_json(const DeviationRow& row);

/// What a closing signature signs: the deviation as it stands, with its lifecycle (lifecycle.h
/// to_json: the investigation, the actions, the disposition).
boost::json::object signed_record(const DeviationRow& row, const boost::json::object& lifecycle,
                                  const std::string& meaning, const std::string& reason);

struct StatusCount {
  std::string code;
  std::string status;  // lifecycle.h kStatuses
  std::int64_t count = 0;
};

/// Deviations by code and status at site_ids (none: nothing), raised in [from, to) when given
/// (UTC times, "2026-11-01T00:00:00Z").
std::vector<StatusCount> count_deviations(pqxx::transaction_base& tx, const std::vector<std::int64_t>& site_ids,
                                          const std::optional<std::string>& from, const std::optional<std::string>& to);

/// Tells the live feed (in tx: delivered at commit).
void notify_change(pqxx::transaction_base& tx, const DeviationRow& row, const std::string& status);

}  // namespace cj::deviations
