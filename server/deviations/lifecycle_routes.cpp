#include "server/deviations/lifecycle_routes.h"

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/board/projection.h"
#include "server/deviations/deviation_access.h"
#include "server/deviations/lifecycle.h"
#include "server/deviations/lifecycle_store.h"

namespace cj::deviations {

namespace json = boost::json;
using api::Role;
using base::Failure;

namespace {

constexpr std::size_t kText = 2000;

const json::object& body_with(const api::Call& call, std::initializer_list<std::string_view> fields) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, fields);
  return body;
}

std::string chosen(const json::object& body, const char* field, const auto& allowed, bool (*valid)(std::string_view)) {
  auto value = api::required_string(body, field, 64);
  if (!valid(value)) throw Failure::invalid_field(field, std::string(field) + " is one of " + listed(allowed) + ".");
  return value;
}

std::int64_t owner_at_site(pqxx::transaction_base& tx, const DeviationRow& row, const std::string& username,
                           const char* field) {
  const auto id = user_at_site(tx, username, row.site_id);
  if (!id)
    throw Failure::invalid_field(
        field, std::string("'") + username + "' is not an active user with a role at " + row.site + ".");
  return *id;
}

// Runs one step on deviation {id}, locked, and answers the deviation with its lifecycle.
template <typename Step>
api::Response step_on(api::Call& call, pqxx::connection_base& db, const char* what, Step&& step) {
  const auto id = id_param(call);
  pqxx::work tx(db);
  auto row = visible(call, tx, id, true);
  const Lifecycle life = replay(steps_of(tx, id));
  step(tx, row, life);
  auto updated = *find_deviation(tx, id);
  json::object answer = to_json(updated);
  answer["lifecycle"] = to_json(replay(steps_of(tx, id)));
  tx.commit();
  spdlog::info("deviation {}: {} by {}", id, what, call.who().name);
  return call.json(200, answer);
}

void check_owner_body(const api::Call& call) {
  const auto& body = body_with(call, {"owner", "reason"});
  api::required_string(body, "owner", 100);
  api::required_string(body, "reason", kText);
}

api::Response reassign(api::Call& call, pqxx::connection_base& db) {
  check_owner_body(call);
  const auto owner = api::required_string(call.body_object(), "owner", 100);
  const auto reason = api::required_string(call.body_object(), "reason", kText);
  return step_on(call, db, "owner reassigned", [&](pqxx::work& tx, const DeviationRow& row, const Lifecycle&) {
    require_role_at(call, {Role::kQa, Role::kCoordinator}, row, "reassign");
    require_status(row.id, row.status, {"acknowledged", "investigating", "capa", "disposition"}, "reassign its owner");
    const auto owner_id = owner_at_site(tx, row, owner, "owner");
    StepWrite w;
    w.action = "assigned";
    w.user_id = call.who().id;
    w.note = reason;
    w.details = json::object{{"owner", owner}};
    w.details["previous"] = row.owner ? json::value(*row.owner) : json::value(nullptr);
    w.owner_id = owner_id;
    record_step(tx, row, w);
  });
}

void check_investigation(const api::Call& call) {
  const auto& body = body_with(call, {"category", "text"});
  chosen(body, "category", kRootCauses, &valid_root_cause);
  api::required_string(body, "text", kText);
}

api::Response investigate(api::Call& call, pqxx::connection_base& db) {
  check_investigation(call);
  const auto category = api::required_string(call.body_object(), "category", 64);
  const auto text = api::required_string(call.body_object(), "text", kText);
  return step_on(call, db, "investigation recorded", [&](pqxx::work& tx, const DeviationRow& row, const Lifecycle&) {
    require_qa_or_owner(call, row, "record the investigation of");
    require_status(row.id, row.status, {"acknowledged", "investigating"}, "record the investigation");
    StepWrite w;
    w.action = "investigated";
    w.user_id = call.who().id;
    w.details = json::object{{"category", category}, {"text", text}};
    w.status = "capa";
    record_step(tx, row, w);
  });
}

void check_action(const api::Call& call) {
  const auto& body = body_with(call, {"kind", "text", "owner", "due"});
  chosen(body, "kind", kActionKinds, &valid_action_kind);
  api::required_string(body, "text", kText);
  api::required_string(body, "owner", 100);
  const auto due = api::required_string(body, "due", 10);
  if (due.size() != 10) throw Failure::invalid_field("due", "due is a date, YYYY-MM-DD.");
  api::checked_utc_time(due, "due");
}

api::Response add_action(api::Call& call, pqxx::connection_base& db) {
  check_action(call);
  const auto& body = call.body_object();
  json::object details{{"kind", api::required_string(body, "kind", 64)},
                       {"text", api::required_string(body, "text", kText)},
                       {"owner", api::required_string(body, "owner", 100)},
                       {"due", api::required_string(body, "due", 10)}};
  return step_on(call, db, "CAPA action added", [&](pqxx::work& tx, const DeviationRow& row, const Lifecycle& life) {
    require_qa_or_owner(call, row, "add a CAPA action to");
    require_status(row.id, row.status, {"capa"}, "add a CAPA action");
    owner_at_site(tx, row, std::string(details.at("owner").as_string()), "owner");
    details["action"] = static_cast<std::int64_t>(life.actions.size()) + 1;
    StepWrite w;
    w.action = "action_added";
    w.user_id = call.who().id;
    w.details = details;
    record_step(tx, row, w);
  });
}

void check_action_close(const api::Call& call) {
  (void)id_param(call, 1, "CAPA action");
  api::required_string(body_with(call, {"note"}), "note", kText);
}

api::Response close_action(api::Call& call, pqxx::connection_base& db) {
  check_action_close(call);
  const auto number = id_param(call, 1, "CAPA action");
  const auto note = api::required_string(call.body_object(), "note", kText);
  return step_on(call, db, "CAPA action closed", [&](pqxx::work& tx, const DeviationRow& row, const Lifecycle& life) {
    const CapaAction* action = life.action(number);
    if (action == nullptr) {
      throw Failure::not_found(std::string("Deviation ") + std::to_string(row.id) + " has no CAPA action " +
                               std::to_string(number) + ".");
    }
    if (action->owner != call.who().name) require_qa_or_owner(call, row, "close a CAPA action of");
    require_status(row.id, row.status, {"capa"}, "close a CAPA action");
    if (!action->open()) {
      throw Failure::conflict("ACTION_CLOSED", std::string("CAPA action ") + std::to_string(number) +
                                                   " was closed already by " + action->closed_by.value_or("?") + ".");
    }
    StepWrite w;
    w.action = "action_closed";
    w.user_id = call.who().id;
    w.note = note;
    w.details = json::object{{"action", number}};
    record_step(tx, row, w);
  });
}

void check_capa(const api::Call& call) {
  const auto& body = body_with(call, {"outcome", "note"});
  const auto outcome = api::required_string(body, "outcome", 16);
  if (outcome != "completed" && outcome != "skipped")
    throw Failure::invalid_field("outcome", "outcome is one of completed, skipped.");
  api::required_string(body, "note", kText);
}

api::Response complete_capa(api::Call& call, pqxx::connection_base& db) {
  check_capa(call);
  const bool skipped = api::required_string(call.body_object(), "outcome", 16) == "skipped";
  const auto note = api::required_string(call.body_object(), "note", kText);
  return step_on(call, db, skipped ? "CAPA skipped" : "CAPA completed",
                 [&](pqxx::work& tx, const DeviationRow& row, const Lifecycle& life) {
                   require_role_at(call, {Role::kQa}, row, skipped ? "skip the CAPA of" : "complete the CAPA of");
                   require_status(row.id, row.status, {"capa"}, skipped ? "skip its CAPA" : "complete its CAPA");
                   if (const auto open = life.open_actions(); open > 0) {
                     throw Failure::conflict("CAPA_ACTIONS_OPEN", std::to_string(open) + " CAPA action" +
                                                                      (open == 1 ? " is" : "s are") +
                                                                      " still open: close each with its note first.");
                   }
                   // Only a minor deviation may go without any action, and only with the reason recorded.
                   if (skipped && row.severity != "minor") {
                     throw Failure::conflict("CAPA_REQUIRED", std::string("Deviation ") + std::to_string(row.id) +
                                                                  " is " + row.severity +
                                                                  ": only a minor deviation may skip CAPA.");
                   }
                   if (!skipped && life.actions.empty()) {
                     throw Failure::conflict("CAPA_NO_ACTIONS",
                                             "No CAPA action was recorded: add at least one (or, for a minor "
                                             "deviation, skip CAPA with a reason).");
                   }
                   StepWrite w;
                   w.action = skipped ? "capa_skipped" : "capa_completed";
                   w.user_id = call.who().id;
                   w.note = note;
                   w.status = "disposition";
                   record_step(tx, row, w);
                 });
}

void check_disposition(const api::Call& call) {
  const auto& body = body_with(call, {"disposition", "note", "physician"});
  const auto disposition = chosen(body, "disposition", kDispositions, &valid_disposition);
  api::required_string(body, "note", kText);
  const auto physician = api::optional_string(body, "physician", 200);
  if (disposition == "physician_decision" && !physician)
    throw Failure::invalid_field("physician", "A physician's decision names the physician who decided.");
}

api::Response dispose(api::Call& call, pqxx::connection_base& db) {
  check_disposition(call);
  const auto& body = call.body_object();
  const auto disposition = api::required_string(body, "disposition", 64);
  const auto note = api::required_string(body, "note", kText);
  const auto physician = api::optional_string(body, "physician", 200);
  return step_on(call, db, "disposition recorded", [&](pqxx::work& tx, const DeviationRow& row, const Lifecycle& life) {
    if (disposition == "physician_decision")
      require_role_at(call, {Role::kQa, Role::kPhysician}, row, "record the disposition of");
    else require_role_at(call, {Role::kQa}, row, "record the disposition of");
    require_status(row.id, row.status, {"disposition"}, "record the product's disposition");
    if (life.disposition) {
      throw Failure::conflict("DISPOSITION_RECORDED",
                              std::string("The disposition was recorded already (") +
                                  std::string(life.disposition->at("disposition").as_string()) +
                                  "): close the deviation, or reopen it after closing to decide again.");
    }
    if (is_oos_code(row.code) && disposition != "physician_decision") {
      throw Failure::invalid_field("disposition", "An out-of-specification product (" + row.code +
                                                      ") is disposed of by the treating physician's decision: "
                                                      "physician_decision.");
    }
    json::object details{{"disposition", disposition}};
    if (physician) details["physician"] = *physician;
    StepWrite w;
    w.action = "disposed";
    w.user_id = call.who().id;
    w.note = note;
    w.details = details;
    record_step(tx, row, w);
  });
}

void check_reopen(const api::Call& call) { api::required_string(body_with(call, {"reason"}), "reason", kText); }

api::Response reopen(api::Call& call, pqxx::connection_base& db) {
  check_reopen(call);
  const auto reason = api::required_string(call.body_object(), "reason", kText);
  return step_on(call, db, "reopened", [&](pqxx::work& tx, const DeviationRow& row, const Lifecycle&) {
    require_role_at(call, {Role::kQa}, row, "reopen");
    require_status(row.id, row.status, {"closed"}, "reopen it");
    StepWrite w;
    w.action = "reopened";
    w.user_id = call.who().id;
    w.note = reason;
    w.status = "investigating";
    w.reopen = true;
    record_step(tx, row, w);
    board::refresh(tx, row.coi);  // open again on the board
  });
}

}  // namespace

std::vector<api::Route> lifecycle_routes() {
  const std::vector<Role> staff{Role::kApheresis,   Role::kCellLab, Role::kClinical, Role::kPhysician,
                                Role::kCoordinator, Role::kQa,      Role::kAdmin};
  return {
      {"POST",
       "/api/v1/deviations/{id}/owner",
       {false, {Role::kQa, Role::kCoordinator}, false},
       &reassign,
       [](const api::Call& c) {
         id_param(c);
         check_owner_body(c);
       }},
      {"POST",
       "/api/v1/deviations/{id}/investigation",
       {false, staff, false},
       &investigate,
       [](const api::Call& c) {
         id_param(c);
         check_investigation(c);
       }},
      {"POST",
       "/api/v1/deviations/{id}/actions",
       {false, staff, false},
       &add_action,
       [](const api::Call& c) {
         id_param(c);
         check_action(c);
       }},
      {"POST",
       "/api/v1/deviations/{id}/actions/{n}/close",
       {false, staff, false},
       &close_action,
       [](const api::Call& c) {
         id_param(c);
         check_action_close(c);
       }},
      {"POST",
       "/api/v1/deviations/{id}/capa",
       {false, {Role::kQa}, false},
       &complete_capa,
       [](const api::Call& c) {
         id_param(c);
         check_capa(c);
       }},
      {"POST",
       "/api/v1/deviations/{id}/disposition",
       {false, {Role::kQa, Role::kPhysician}, false},
       &dispose,
       [](const api::Call& c) {
         id_param(c);
         check_disposition(c);
       }},
      {"POST",
       "/api/v1/deviations/{id}/reopen",
       {false, {Role::kQa}, false},
       &reopen,
       [](const api::Call& c) {
         id_param(c);
         check_reopen(c);
       }},
  };
}

}  // namespace cj::deviations
