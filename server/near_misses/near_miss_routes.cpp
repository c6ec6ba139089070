#include "server/near_misses/near_miss_routes.h"

#include <charconv>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/near_misses/near_miss_store.h"
#include "server/near_misses/qa_sites.h"

namespace cj::near_misses {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Role;

std::int64_t id_param(const api::Call& call) {
  std::int64_t id = 0;
  const auto& text = call.params.at(0);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw Failure::not_found("No near miss " + text + ".");
  }
  return id;
}

// The near miss, if the caller reads the QA inbox of its site; 404 otherwise (another site's
// near misses are not revealed).
NearMissRow visible(const api::Call& call, pqxx::transaction_base& tx, std::int64_t id, bool lock) {
  auto row = find_near_miss(tx, id, lock);
  if (!row || !reads_qa_inbox_at(call.who(), row->site_id)) {
    throw Failure::not_found("No near miss " + std::to_string(id) + ".");
  }
  return *row;
}

json::object shown(const api::Call& call, const NearMissRow& row) {
  return to_json(row, row.other_journey && call.who().can_see_site(row.other_journey->site_id));
}

std::optional<bool> reviewed_param(const api::Call& call) {
  const auto text = call.query("reviewed");
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  throw Failure::invalid_field("reviewed", "reviewed is true or false.");
}

NearMissFilter filter_of(const api::Call& call) {
  NearMissFilter filter;
  filter.site_ids = qa_sites(call.who(), call.query("site"));
  filter.coi = call.query("journey");
  filter.reviewed = reviewed_param(call);
  return filter;
}

api::Response list(api::Call& call, pqxx::connection_base& db) {
  const NearMissFilter filter = filter_of(call);
  pqxx::read_transaction tx(db);
  json::array items;
  for (const auto& row : list_near_misses(tx, filter)) items.push_back(shown(call, row));
  return call.json(200, json::object{{"near_misses", std::move(items)}});
}

api::Response get(api::Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  return call.json(200, shown(call, visible(call, tx, id_param(call), false)));
}

std::string review_note(const api::Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"note"});
  return api::required_string(body, "note", 2000);
}

api::Response review_one(api::Call& call, pqxx::connection_base& db) {
  const auto id = id_param(call);
  const auto note = review_note(call);
  pqxx::work tx(db);
  const auto row = visible(call, tx, id, true);
  if (!call.who().has_role(Role::kQa, row.site_id)) {
    throw Failure::forbidden("To review a near miss of " + row.site + " you need the role qa at that site.");
  }
  if (row.reviewed_at) {
    throw Failure::conflict("NEAR_MISS_REVIEWED", "Near miss " + std::to_string(id) + " was already reviewed by " +
                                                      row.reviewed_by.value_or("?") + " at " + *row.reviewed_at +
                                                      "; a review is recorded once.");
  }
  review(tx, id, call.who().id, note);
  const auto updated = *find_near_miss(tx, id);
  notify_change(tx, updated, "reviewed");
  tx.commit();
  spdlog::info("near miss {} reviewed by {}", id, call.who().name);
  return call.json(200, shown(call, updated));
}

}  // namespace

std::vector<api::Route> near_miss_routes() {
  const std::vector<Role> readers{Role::kQa, Role::kCoordinator};
  return {
      {"GET", "/api/v1/near-misses", {false, readers, false}, &list, [](const api::Call& c) { filter_of(c); }},
      {"GET", "/api/v1/near-misses/{id}", {false, readers, false}, &get, [](const api::Call& c) { id_param(c); }},
      {"POST",
       "/api/v1/near-misses/{id}/review",
       {false, {Role::kQa}, false},
       &review_one,
       [](const api::Call& c) {
         id_param(c);
         review_note(c);
       }},
  };
}

}  // namespace cj::near_misses
