// The audit trail as one list: every recorded action of the tables that are never changed
// (events, deviation_events, signatures, label_prints, admin_log), newest first, filtered and
// paged (trail_filter.h). Read only; each source is read backwards by its time index and the
// sources are merged here, so a page costs about `limit` rows of each source however long the
// trail is (migration 0022).
//
// Shows journeys by COI, never a patient's MRN, name or date of birth, nor the raw scans (which
// may hold them): the trail is for quality staff, who review actions, not patients.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "server/trail/trail_filter.h"

namespace pqxx {
class transaction_base;
}

namespace cj::trail {

struct Entry {
  Kind kind = Kind::kEvent;
  std::string source;   // the table: "events", "deviation_events", "signatures", "label_prints", "admin_log"
  std::int64_t id = 0;  // its row id there
  Cursor position;      // where it stands in the order
  std::string at;       // "2026-12-04T10:00:00.123456Z", when the server recorded it
  std::string actor;    // the username (or "station:CODE", "cli:root", "server", "system")
  std::string action;   // "product.thaw", "deviation.closed", "session.login_failed", "label.reprint"...
  std::string station;  // the station's code, or ""
  std::string coi;      // the journey's COI, or "" when the action is not a journey's
  std::string summary;  // one line for people
  boost::json::object details;
};

struct Page {
  std::vector<Entry> entries;
  std::optional<Cursor> next;  // set when there are more after the last entry
};

/// Whose records a caller may see: everything (an administrator), or those of some sites: a
/// journey's records by its site; the others (sign-ins, signatures, account changes) when the
/// person who acted, or was acted upon, holds a role at one of them.
struct Scope {
  bool everything = false;
  std::vector<std::int64_t> site_ids;
};

/// One page. Database failures throw.
Page search(pqxx::transaction_base& tx, const Filter& filter, const Scope& scope);

/// boost::json for the API: {"kind", "source", "id", "at", "actor", "action", "station", "coi",
/// "summary", "details"}.
boost::json::object to_json(const Entry& entry);

}  // namespace cj::trail
