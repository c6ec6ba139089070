#include "server/deviations/deviation_access.h"

#include <charconv>
#include <string>

#include "base/failure.h"

namespace cj::deviations {

using api::Role;
using base::Failure;

std::int64_t id_param(const api::Call& call, std::size_t index, const char* what) {
  std::int64_t id = 0;
  const auto& text = call.params.at(index);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw Failure::not_found(std::string("No ") + what + " " + text + ".");
  }
  return id;
}

DeviationRow visible(const api::Call& call, pqxx::transaction_base& tx, std::int64_t id, bool lock) {
  auto row = find_deviation(tx, id, lock);
  if (!row || !call.who().can_see_site(row->site_id))
    throw Failure::not_found(std::string("No deviation ") + std::to_string(id) + ".");
  return *row;
}

void require_role_at(const api::Call& call, std::initializer_list<Role> roles, const DeviationRow& row,
                     const char* action) {
  for (auto role : roles) {
    if (call.who().has_role(role, row.site_id)) return;
  }
  std::string names;
  for (auto role : roles) names.append(names.empty() ? "" : " or ").append(api::role_name(role));
  throw Failure::forbidden(std::string("To ") + action + " a deviation of " + row.site + " you need the role " + names +
                           " at that site.");
}

bool is_owner(const api::Call& call, const DeviationRow& row) {
  return !call.who().is_station() && row.owner_id && *row.owner_id == call.who().id;
}

void require_qa_or_owner(const api::Call& call, const DeviationRow& row, const char* action) {
  if (is_owner(call, row) || call.who().has_role(Role::kQa, row.site_id)) return;
  throw Failure::forbidden(std::string("To ") + action + " a deviation of " + row.site +
                           " you need the role qa at that site, or to be the deviation's owner (" +
                           row.owner.value_or("none yet") + ").");
}

}  // namespace cj::deviations
