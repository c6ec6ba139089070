#include "server/journeys/journey_access.h"

#include <pqxx/pqxx>

#include "base/failure.h"

namespace cj::journeys {

using base::Failure;

void throw_unknown_journey(const std::string& coi) {
  throw Failure(base::ErrorKind::not_found, "UNKNOWN_JOURNEY", "No journey " + coi + " at your sites.", "journey");
}

journal::LoadedJourney visible_journey(pqxx::transaction_base& tx, const api::Principal& who, const std::string& coi) {
  auto loaded = journal::load_journey(tx, coi);
  if (!loaded.ok()) {
    if (loaded.error().code() == storage::Status::Code::kNotFound) throw_unknown_journey(coi);
    throw std::runtime_error("loading journey " + coi + ": " + loaded.error().to_string());
  }
  if (!who.can_see_site(loaded->journey.site_id)) throw_unknown_journey(coi);
  return std::move(loaded.value());
}

void require_role_at(const api::Principal& who, std::int64_t site_id, std::initializer_list<api::Role> roles,
                     const std::string& what) {
  std::string names;
  for (auto role : roles) {
    if (who.has_role(role, site_id)) return;
    names += (names.empty() ? "" : ", ") + std::string(api::role_name(role));
  }
  throw Failure::forbidden(what + " needs one of the roles " + names + " at the journey's site.");
}

}  // namespace cj::journeys
