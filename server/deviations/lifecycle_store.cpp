#include "server/deviations/lifecycle_store.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/facts.h"

namespace cj::deviations {

namespace json = boost::json;

namespace {

constexpr db::Statement kSteps{
    "deviations_lifecycle_steps",
    "SELECT e.id, e.action, u.username, e.note, iso_utc(e.at), e.signature_id, e.details::text FROM deviation_events e "
    "LEFT JOIN users u ON u.id = e.user_id WHERE e.deviation_id = $1 ORDER BY e.id"};
constexpr db::Statement kInsertStep{
    "deviations_lifecycle_insert_step",
    "INSERT INTO deviation_events (deviation_id, action, user_id, note, details) VALUES ($1, $2, $3, $4, $5::jsonb)"};
// Status and owner move together with the step; a reopen clears the closure (the closing
// signature stays on its 'closed' step, in the chain).
constexpr db::Statement kMove{
    "deviations_lifecycle_move",
    "UPDATE deviations SET status = coalesce($2, status), owner_id = coalesce($3, owner_id),"
    " closed_at = CASE WHEN $4 THEN NULL ELSE closed_at END, closed_by = CASE WHEN $4 THEN NULL ELSE closed_by END,"
    " closing_signature_id = CASE WHEN $4 THEN NULL ELSE closing_signature_id END WHERE id = $1"};
constexpr db::Statement kUserAtSite{
    "deviations_lifecycle_user_at_site",
    "SELECT u.id FROM users u WHERE u.username = $1 AND u.active AND u.locked_at IS NULL"
    " AND EXISTS (SELECT 1 FROM user_site_roles r WHERE r.user_id = u.id AND r.site_id = $2)"};

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

const char* or_null(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

}  // namespace

std::vector<Step> steps_of(pqxx::transaction_base& tx, std::int64_t id) {
  std::vector<Step> steps;
  for (const auto& r : db::exec(tx, kSteps, id)) {
    Step step;
    step.id = r[0].as<std::int64_t>();
    step.action = r[1].as<std::string>();
    step.by = text(r[2]);
    step.note = text(r[3]);
    step.at = r[4].as<std::string>();
    if (!r[5].is_null()) step.signature_id = r[5].as<std::int64_t>();
    if (!r[6].is_null()) step.details = json::parse(r[6].as<std::string>()).as_object();
    steps.push_back(std::move(step));
  }
  return steps;
}

void record_step(pqxx::transaction_base& tx, const DeviationRow& row, const StepWrite& step) {
  const std::optional<std::string> details =
      step.details.empty() ? std::nullopt : std::optional<std::string>(json::serialize(step.details));
  db::exec0(tx, kInsertStep, row.id, step.action, step.user_id, or_null(step.note), or_null(details));
  if (step.status || step.owner_id || step.reopen) {
    const std::optional<std::string> owner =
        step.owner_id ? std::optional<std::string>(std::to_string(*step.owner_id)) : std::nullopt;
    db::exec0(tx, kMove, row.id, or_null(step.status), or_null(owner), step.reopen);
  }
  journal::chain_facts_of_deviation(tx, row.id);
  notify_change(tx, row, step.status.value_or(row.status));
}

std::optional<std::int64_t> user_at_site(pqxx::transaction_base& tx, const std::string& username,
                                         std::int64_t site_id) {
  const auto result = db::exec(tx, kUserAtSite, username, site_id);
  if (result.empty()) return std::nullopt;
  return result[0][0].as<std::int64_t>();
}

}  // namespace cj::deviations
