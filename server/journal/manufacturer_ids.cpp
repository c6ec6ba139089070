#include "server/journal/manufacturer_ids.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"

namespace cj::journal {

namespace {

#define CJ_MID_COLUMNS                                                                  \
  "m.id, m.kind, m.value, u.username, iso_utc(m.recorded_at), m.replaces_id, m.reason " \
  "FROM manufacturer_identifiers m JOIN users u ON u.id = m.recorded_by "

// The newest row of each kind is the one no other row replaces.
constexpr db::Statement kCurrent{
    "journal_mid_current",
    "SELECT " CJ_MID_COLUMNS
    "WHERE m.journey_id = $1 AND NOT EXISTS (SELECT 1 FROM manufacturer_identifiers r WHERE r.replaces_id = m.id) "
    "ORDER BY (SELECT min(f.id) FROM manufacturer_identifiers f WHERE f.journey_id = m.journey_id AND f.kind = m.kind)"};
constexpr db::Statement kHistory{"journal_mid_history",
                                 "SELECT " CJ_MID_COLUMNS "WHERE m.journey_id = $1 ORDER BY m.id"};
// Locks the journey's row so that two changes of one kind queue instead of both replacing it.
constexpr db::Statement kLock{"journal_mid_lock", "SELECT id FROM journeys WHERE id = $1 FOR UPDATE"};
constexpr db::Statement kCurrentOfKind{
    "journal_mid_current_of_kind",
    "SELECT m.id, m.value FROM manufacturer_identifiers m WHERE m.journey_id = $1 AND m.kind = $2 "
    "AND NOT EXISTS (SELECT 1 FROM manufacturer_identifiers r WHERE r.replaces_id = m.id)"};
constexpr db::Statement kInsert{
    "journal_mid_insert",
    "INSERT INTO manufacturer_identifiers (journey_id, kind, value, recorded_by, replaces_id, reason) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr db::Statement kJourneys{
    "journal_mid_journeys",
    "SELECT DISTINCT m.journey_id FROM manufacturer_identifiers m WHERE m.value = $1 "
    "AND NOT EXISTS (SELECT 1 FROM manufacturer_identifiers r WHERE r.replaces_id = m.id) ORDER BY 1"};

#undef CJ_MID_COLUMNS

std::vector<ManufacturerId> rows_of(const pqxx::result& rows) {
  std::vector<ManufacturerId> out;
  for (const auto& r : rows) {
    ManufacturerId m;
    m.id = r[0].as<std::int64_t>();
    m.kind = r[1].as<std::string>();
    m.value = r[2].as<std::string>();
    m.recorded_by = r[3].as<std::string>();
    m.recorded_at = r[4].as<std::string>();
    if (!r[5].is_null()) m.replaces_id = r[5].as<std::int64_t>();
    if (!r[6].is_null()) m.reason = r[6].as<std::string>();
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

std::vector<ManufacturerId> current_identifiers(pqxx::transaction_base& tx, std::int64_t journey_id) {
  return rows_of(db::exec(tx, kCurrent, journey_id));
}

std::vector<ManufacturerId> identifier_history(pqxx::transaction_base& tx, std::int64_t journey_id) {
  return rows_of(db::exec(tx, kHistory, journey_id));
}

std::optional<std::int64_t> record_identifier(pqxx::transaction_base& tx, std::int64_t journey_id,
                                              const std::string& kind, const std::string& value, std::int64_t user_id,
                                              const std::optional<std::string>& reason) {
  db::exec1(tx, kLock, journey_id);
  const auto current = db::exec(tx, kCurrentOfKind, journey_id, kind);
  std::optional<std::int64_t> replaces;
  if (!current.empty()) {
    if (current[0][1].as<std::string>() == value) return std::nullopt;
    replaces = current[0][0].as<std::int64_t>();
  }
  // libpqxx 6.4 sends a null const char* as SQL NULL.
  const std::string replaces_text = replaces ? std::to_string(*replaces) : std::string();
  const char* why = replaces && reason ? reason->c_str() : nullptr;
  return db::exec1(tx, kInsert, journey_id, kind, value, user_id, replaces ? replaces_text.c_str() : nullptr, why)[0]
      .as<std::int64_t>();
}

std::vector<std::int64_t> journeys_with_identifier(pqxx::transaction_base& tx, const std::string& value) {
  std::vector<std::int64_t> ids;
  for (const auto& r : db::exec(tx, kJourneys, value)) ids.push_back(r[0].as<std::int64_t>());
  return ids;
}

}  // namespace cj::journal
