#include "server/deviations/deviation_handlers.h"

#include <charconv>
#include <map>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/board/projection.h"
#include "server/db/statement.h"
#include "server/deviations/deviation_access.h"
#include "server/deviations/deviation_statistics.h"
#include "server/deviations/deviation_store.h"
#include "server/deviations/lifecycle.h"
#include "server/deviations/lifecycle_routes.h"
#include "server/deviations/lifecycle_store.h"
#include "server/deviations/signature.h"
#include "server/rules/site_rules.h"

namespace cj::deviations {

namespace json = boost::json;
using base::Failure;
using api::Role;

namespace {

constexpr db::Statement kSignature{
    "deviations_handlers_signature",
    "SELECT u.username, s.signer_name, s.meaning, s.reason, iso_utc(s.signed_at), encode(s.signed_hash, 'hex') "
    "FROM signatures s JOIN users u ON u.id = s.user_id WHERE s.id = $1"};

constexpr std::array<std::string_view, 4> kSorts{"newest", "age", "severity", "site"};
constexpr std::array<std::string_view, 3> kSeverities{"minor", "major", "critical"};

std::optional<std::string> one_of(const api::Call& call, const char* name, const auto& allowed,
                                  std::initializer_list<std::string_view> more = {}) {
  auto value = call.query(name);
  if (!value) return value;
  for (std::string_view a : allowed) {
    if (a == *value) return value;
  }
  for (std::string_view a : more) {
    if (a == *value) return value;
  }
  std::string names = listed(allowed);
  for (std::string_view a : more) names.append(", ").append(a);
  throw Failure::invalid_field(name, std::string(name) + " is one of " + names + ".");
}

DeviationFilter filter_of(const api::Call& call) {
  DeviationFilter filter;
  filter.site_ids = call.who().site_ids();
  filter.status = one_of(call, "status", kStatuses, {"active"});
  filter.severity = one_of(call, "severity", kSeverities);
  filter.sort = one_of(call, "sort", kSorts).value_or("newest");
  filter.site = call.query("site");
  filter.product = call.query("product");
  filter.owner = call.query("owner");
  filter.code = call.query("code");
  filter.coi = call.query("journey");
  if (const auto hours = call.query("older_than_hours")) {
    std::int64_t n = -1;
    auto [end, ec] = std::from_chars(hours->data(), hours->data() + hours->size(), n);
    if (ec != std::errc() || end != hours->data() + hours->size() || n < 0 || n > 100000) {
      throw Failure::invalid_field("older_than_hours", "older_than_hours is a whole number of hours, 0 to 100000.");
    }
    filter.older_than_hours = n;
  }
  return filter;
}

// "Kymriah (tisagenlecleucel)" for the journey's product as its site's rules name it; the id
// when the rules do not load it.
std::string product_name(pqxx::transaction_base& tx, std::map<std::pair<std::int64_t, std::string>, std::string>& seen,
                         const DeviationRow& row) {
  const auto key = std::make_pair(row.site_id, row.product);
  if (const auto found = seen.find(key); found != seen.end()) return found->second;
  std::string name = row.product;
  try {
    if (const auto rules = rules::site_definition(tx, row.site_id, row.product); rules && rules->ok())
      name = rules->definition.name;
  } catch (const Failure&) {
    // RULES_MISSING: the id is all there is to show
  }
  seen.emplace(key, name);
  return name;
}

api::Response list(api::Call& call, pqxx::connection_base& db) {
  const DeviationFilter filter = filter_of(call);
  pqxx::read_transaction tx(db);
  std::map<std::pair<std::int64_t, std::string>, std::string> names;
  json::array items;
  for (const auto& row : list_deviations(tx, filter)) {
    auto item = to_json(row);
    item["product_name"] = product_name(tx, names, row);
    items.push_back(std::move(item));
  }
  return call.json(200, json::object{{"deviations", std::move(items)}});
}

api::Response get(api::Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto row = visible(call, tx, id_param(call), false);
  std::map<std::pair<std::int64_t, std::string>, std::string> names;
  json::object body = to_json(row);
  body["product_name"] = product_name(tx, names, row);
  const auto steps = steps_of(tx, row.id);
  json::array history;
  for (const auto& step : steps) history.push_back(to_json(step));
  body["history"] = std::move(history);
  body["lifecycle"] = to_json(replay(steps));
  if (row.closing_signature_id) {
    const auto s = db::exec1(tx, kSignature, *row.closing_signature_id);
    body["signature"] = to_json(Signature{*row.closing_signature_id, s[0].as<std::string>(), s[1].as<std::string>(),
                                          s[2].as<std::string>(), s[3].as<std::string>(), s[4].as<std::string>(),
                                          s[5].as<std::string>()});
  }
  return call.json(200, body);
}

struct Acknowledgement {
  std::optional<std::string> owner, note;
};

Acknowledgement acknowledgement_of(const api::Call& call) {
  if (call.body.is_null()) return {};
  api::refuse_unknown_fields(call.body_object(), {"owner", "note"});
  return {api::optional_string(call.body_object(), "owner", 100),
          api::optional_string(call.body_object(), "note", 2000)};
}

api::Response acknowledge_one(api::Call& call, pqxx::connection_base& db) {
  const auto id = id_param(call);
  const auto [owner, note] = acknowledgement_of(call);
  pqxx::work tx(db);
  auto row = visible(call, tx, id, true);
  require_role_at(call, {Role::kQa, Role::kCoordinator}, row, "acknowledge");
  if (row.status != "open") {
    throw Failure::conflict("DEVIATION_NOT_OPEN", std::string("Deviation ") + std::to_string(id) + " is " + row.status +
                                                      ": it was acknowledged already (reassign its owner "
                                                      "with POST .../owner instead).");
  }
  // The owner answers for the deviation from now on: the acknowledger unless another is named.
  std::int64_t owner_id = call.who().id;
  if (owner) {
    const auto found = user_at_site(tx, *owner, row.site_id);
    if (!found)
      throw Failure::invalid_field("owner",
                                   "The owner '" + *owner + "' is not an active user with a role at " + row.site + ".");
    owner_id = *found;
  }
  acknowledge(tx, id, call.who().id, owner_id, note);
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
  Closing closing{api::required_string(body, "meaning", 32), api::required_string(body, "reason", 2000)};
  if (!valid_meaning(closing.meaning)) {
    throw Failure::invalid_field("meaning",
                                 "The meaning of a signature is one of: review, approval, responsibility, authorship.");
  }
  return closing;
}

api::Response close_one(api::Call& call, pqxx::connection_base& db) {
  const auto id = id_param(call);
  const auto [meaning, reason] = closing_of(call);
  pqxx::work tx(db);
  auto row = visible(call, tx, id, true);
  require_role_at(call, {Role::kQa}, row, "close");
  // A wrong password is refused (and counted) whatever the state: the state is no hint to a guesser.
  if (!call.password_matches) {
    throw Failure(base::ErrorKind::forbidden, "SIGNATURE_REFUSED", "The password does not match: nothing was signed.",
                  "password");
  }
  if (row.status == "closed") {
    throw Failure::conflict("DEVIATION_CLOSED", std::string("Deviation ") + std::to_string(id) +
                                                    " is already closed: " + next_step_of("closed") +
                                                    " to close it again.");
  }
  require_status(id, row.status, {"disposition"}, "close it");
  const Lifecycle life = replay(steps_of(tx, id));
  if (!life.disposition) {
    throw Failure::conflict("DISPOSITION_MISSING", std::string("Deviation ") + std::to_string(id) +
                                                       " has no product disposition yet: record it before closing.");
  }
  const auto signature = sign(tx, call.who().id, call.password_matches, meaning, reason,
                              signed_record(row, to_json(life), meaning, reason));
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
  std::vector<api::Route> routes{
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
         acknowledgement_of(c);
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
  for (auto& route : lifecycle_routes()) routes.push_back(std::move(route));
  return routes;
}

}  // namespace cj::deviations
