// The alerts as QA, administrators and the board read them (GET /api/v1/alerts), and their
// acknowledgement (POST /api/v1/alerts/{id}/acknowledge).
//
// An alert's status: "acknowledged" when acknowledged here or when its deviation is no longer
// open or its near miss was reviewed (either way somebody has taken it up), else "open";
// "escalated_at" says whether it went to the escalation recipients.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace pqxx {
class transaction_base;
}

namespace cj::alerts {

struct AlertFilter {
  std::vector<std::int64_t> site_ids;  // the caller's sites (or the one asked for)
  std::optional<std::string> status;   // "open" or "acknowledged"
  int limit = 100;
};

/// The alerts, newest first, each with its deliveries (and their attempts).
boost::json::array list_alerts(pqxx::transaction_base& tx, const AlertFilter& filter);

/// One alert as list_alerts() shows it, or nullopt.
std::optional<boost::json::object> find_alert(pqxx::transaction_base& tx, std::int64_t id);

/// The alert's site, or nullopt when there is no such alert.
std::optional<std::int64_t> alert_site(pqxx::transaction_base& tx, std::int64_t id);

/// Records the acknowledgement by user_id and tells the boards (a feed notice of type
/// "alert_acknowledged"). Returns false when it already was acknowledged here.
bool acknowledge_alert(pqxx::transaction_base& tx, std::int64_t id, std::int64_t site_id, std::int64_t user_id);

}  // namespace cj::alerts
