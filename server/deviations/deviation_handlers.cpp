#include "server/deviations/deviation_handlers.h"

#include <charconv>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/board/projection.h"
#include "server/db/statement.h"
#include "server/deviations/deviation_statistics.h"
#include "server/deviations/deviation_store.h"
#include "server/deviations/signature.h"

namespace cj::deviations {

namespace json = boost::json;
using base::Failure;
using api::Role;

namespace {

constexpr db::Statement kSignature{
    "deviations_handlers_signature",
    "SELECT u.username, s.signer_name, s.meaning, s.reason, iso_utc(s.signed_at), encode(s.signed_hash, 'hex') "
    "FROM signatures s JOIN users u ON u.id = s.user_id WHERE s.id = $1"};

std::int64_t id_param(const api::Call& call) {
  std::int64_t id = 0;
  const auto& text = call.params.at(0);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw Failure::not_found("No deviation " + text + ".");
  }
  return id;
}

// The deviation, if the caller may see its site; 404 otherwise (other sites' deviations are
// not revealed).
DeviationRow visible(const api::Call& call, pqxx::transaction_base& tx, std::int64_t id, bool lock) {
  auto row = find_deviation(tx, id, lock);
  if (!row || !call.who().can_see_site(row->site_id))
    throw Failure::not_found("No deviation " + std::to_string(id) + ".");
  return *row;
}

void require_role_at(const api::Call& call, std::initializer_list<Role> roles, const DeviationRow& row,
                     const char* action) {
  for (auto role : roles) {
    if (call.who().has_role(role, row.site_id)) return;
  }
  throw Failure::forbidden(std::string("To ") + action + " a deviation of " + row.site + " you need the role " +
                           std::string(api::role_name(*roles.begin())) +
                           (roles.size() > 1 ? " (or " + std::string(api::role_name(*(roles.begin() + 1))) + ")" : "") +
                           " at that site.");
}

DeviationFilter filter_of(const api::Call& call) {
  DeviationFilter filter;
  filter.site_ids = call.who().site_ids();
  filter.status = call.query("status");
  filter.site = call.query("site");
  filter.coi = call.query("journey");
  if (filter.status && *filter.status != "open" && *filter.status != "acknowledged" && *filter.status != "closed") {
    throw Failure::invalid_field("status", "status is one of open, acknowledged, closed.");
  }
  return filter;
}

api::Response list(api::Call& call, pqxx::connection_base& db) {
  const DeviationFilter filter = filter_of(call);
  pqxx::read_transaction tx(db);
  json::array items;
  for (const auto& row : list_deviations(tx, filter)) items.push_back(to_json(row));
  return call.json(200, json::object{{"deviations", std::move(items)}});
}

api::Response get(api::Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto row = visible(call, tx, id_param(call), false);
  json::object body = to_json(row);
  body["history"] = deviation_history(tx, row.id);
  if (row.closing_signature_id) {
    const auto s = db::exec1(tx, kSignature, *row.closing_signature_id);
    body["signature"] = to_json(Signature{*row.closing_signature_id, s[0].as<std::string>(), s[1].as<std::string>(),
                                          s[2].as<std::string>(), s[3].as<std::string>(), s[4].as<std::string>(),
                                          s[5].as<std::string>()});
  }
  return call.json(200, body);
}

std::optional<std::string> acknowledgement_note(const api::Call& call) {
  if (call.body.is_null()) return std::nullopt;
  api::refuse_unknown_fields(call.body_object(), {"note"});
  return api::optional_string(call.body_object(), "note", 2000);
}

api::Response acknowledge_one(api::Call& call, pqxx::connection_base& db) {
  const auto id = id_param(call);
  const auto note = acknowledgement_note(call);
  pqxx::work tx(db);
  auto row = visible(call, tx, id, true);
  require_role_at(call, {Role::kQa, Role::kCoordinator}, row, "acknowledge");
  if (row.status != "open") {
    throw Failure::conflict("DEVIATION_NOT_OPEN", "Deviation " + std::to_string(id) + " is " + row.status + ".");
  }
  acknowledge(tx, id, call.who().id, note);
  notify_change(tx, row, "acknowledged");
  auto updated = *find_deviation(tx, id);
  tx.commit();
  spdlog::info("deviation {} acknowledged by {}", id, call.who().name);
  return call.json(200, to_json(updated));
}

struct Closing {
  std::string meaning, reason;
};

Closing closing_of(const api::Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"password", "meaning", "reason"});
  (void)api::required_string(body, "password", 256);  // checked already: call.password_matches
  return {api::required_string(body, "meaning", 32), api::required_string(body, "reason", 2000)};
}

api::Response close_one(api::Call& call, pqxx::connection_base& db) {
  const auto id = id_param(call);
  const auto [meaning, reason] = closing_of(call);
  pqxx::work tx(db);
  auto row = visible(call, tx, id, true);
  require_role_at(call, {Role::kQa}, row, "close");
  if (row.status == "closed") {
    throw Failure::conflict("DEVIATION_CLOSED", "Deviation " + std::to_string(id) + " is already closed.");
  }
  const auto signature =
      sign(tx, call.who().id, call.password_matches, meaning, reason, signed_record(row, meaning, reason));
  close(tx, id, call.who().id, signature.id, reason);
  notify_change(tx, row, "closed");
  board::refresh(tx, row.coi);  // one open deviation fewer on the board, with the close
  json::object answer = to_json(*find_deviation(tx, id));
  answer["signature"] = to_json(signature);
  tx.commit();
  spdlog::info("deviation {} closed by {} (signature {})", id, call.who().name, signature.id);
  return call.json(200, answer);
}

}  // namespace

std::vector<api::Route> deviation_routes() {
  const std::vector<Role> staff{Role::kApheresis,   Role::kCellLab, Role::kClinical, Role::kPhysician,
                                Role::kCoordinator, Role::kQa,      Role::kAdmin};
  return {
      {"GET", "/api/v1/deviations", {false, staff, false}, &list, [](const api::Call& c) { filter_of(c); }},
      // Before {id}, which would take "statistics" for an id.
      {"GET",
       "/api/v1/deviations/statistics",
       {false, {Role::kQa, Role::kCoordinator}, false},
       &deviation_statistics,
       &check_statistics_query},
      {"GET", "/api/v1/deviations/{id}", {false, staff, false}, &get, [](const api::Call& c) { id_param(c); }},
      {"POST",
       "/api/v1/deviations/{id}/acknowledge",
       {false, {Role::kQa, Role::kCoordinator}, false},
       &acknowledge_one,
       [](const api::Call& c) {
         id_param(c);
         acknowledgement_note(c);
       }},
      {"POST",
       "/api/v1/deviations/{id}/close",
       {false, {Role::kQa}, false, true},
       &close_one,
       [](const api::Call& c) {
         id_param(c);
         closing_of(c);
       }},
  };
}

}  // namespace cj::deviations
