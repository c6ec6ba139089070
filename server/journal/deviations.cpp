#include "server/journal/deviations.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/facts.h"
#include "workflows/codes.h"

namespace cj::journal {

using storage::Status;

namespace {

constexpr db::Statement kJourneyExists{"journal_deviations_journey_exists", "SELECT 1 FROM journeys WHERE id = $1"};
constexpr db::Statement kRaiseOverdue{
    "journal_deviations_raise_overdue",
    "WITH raised AS (INSERT INTO deviations (journey_id, code, severity, message, rule, subject)"
    " VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (journey_id, code, rule, subject) WHERE event_id IS NULL DO NOTHING RETURNING id)"
    " INSERT INTO deviation_events (deviation_id, action) SELECT id, 'raised' FROM raised RETURNING deviation_id"};

}  // namespace

std::string overdue_subject(const workflows::Obligation& obligation) {
  if (obligation.unit.empty()) return obligation.step;
  return obligation.step + " " + obligation.unit;
}

storage::Result<std::vector<std::int64_t>> raise_overdue(pqxx::transaction_base& tx, std::int64_t journey_id,
                                                         const workflows::DeadlineReport& report) {
  // sweep_deadlines() makes one OVERDUE finding per open obligation due before `now`, in order.
  std::vector<const workflows::Obligation*> overdue;
  for (const workflows::Obligation& obligation : report.open) {
    if (obligation.due_by && *obligation.due_by < report.now) overdue.push_back(&obligation);
  }
  if (overdue.size() != report.overdue.size()) {
    return Status::invalid_argument("the deadline report's overdue findings do not match its open obligations");
  }
  if (db::exec(tx, kJourneyExists, journey_id).empty()) {
    return Status::not_found("no journey with id " + std::to_string(journey_id));
  }
  std::vector<std::int64_t> raised;
  for (std::size_t i = 0; i < overdue.size(); ++i) {
    const workflows::Finding& finding = report.overdue[i];
    const auto rows =
        db::exec(tx, kRaiseOverdue, journey_id, std::string(workflows::code_name(finding.code)),
                 std::string(workflows::severity_name(finding.severity)), finding.message,
                 finding.rule.empty() ? std::string("core/deadlines") : finding.rule, overdue_subject(*overdue[i]));
    if (!rows.empty()) raised.push_back(rows[0][0].as<std::int64_t>());
  }
  if (!raised.empty()) chain_new_facts(tx, journey_id);
  return raised;
}

}  // namespace cj::journal
