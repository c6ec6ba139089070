// The manufacturer's identifiers of a journey (migration 0015): kept, never changed in place.
// Giving a kind a new value appends a row that names the row it replaces, with who and why; the
// current value of a kind is its newest row.
//
// Functions run inside the caller's transaction and commit nothing; database failures throw.
// The values are checked against the product's definition by the caller (workflows/identifiers.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/types.hxx>

namespace cj::journal {

struct ManufacturerId {
  std::int64_t id = 0;
  std::string kind;
  std::string value;
  std::string recorded_by;  // username
  std::string recorded_at;  // "2026-11-20T10:00:03.123456Z"
  std::optional<std::int64_t> replaces_id;
  std::optional<std::string> reason;  // set exactly when replaces_id is
};

/// The current value of each kind, in the order the kinds were first given.
std::vector<ManufacturerId> current_identifiers(pqxx::transaction_base& tx, std::int64_t journey_id);

/// Every row, oldest first: the values given and every change with its reason.
std::vector<ManufacturerId> identifier_history(pqxx::transaction_base& tx, std::int64_t journey_id);

/// Gives kind the value: a first value (no reason) or a change of the current one (reason
/// required by the caller). Returns the new row's id; nullopt when the value is already the
/// current one (nothing is written).
std::optional<std::int64_t> record_identifier(pqxx::transaction_base& tx, std::int64_t journey_id,
                                              const std::string& kind, const std::string& value, std::int64_t user_id,
                                              const std::optional<std::string>& reason);

/// The journeys (any site: the caller filters by its sites) whose current value of some kind is
/// exactly value.
std::vector<std::int64_t> journeys_with_identifier(pqxx::transaction_base& tx, const std::string& value);

}  // namespace cj::journal
