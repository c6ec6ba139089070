// Who may touch a journey: a principal sees only the journeys of the sites they hold a role at
// (a station: its own site). A journey at any other site answers exactly like a COI that does
// not exist (404 UNKNOWN_JOURNEY), so that nobody can probe another hospital's journeys.
//
// Functions run inside the caller's transaction. Errors: base::Failure; database failures throw.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "server/api/principal.h"
#include "server/journal/load_journey.h"

namespace pqxx {
class transaction_base;
}

namespace cj::journeys {

/// 404 UNKNOWN_JOURNEY naming coi.
[[noreturn]] void throw_unknown_journey(const std::string& coi);

/// The journey with that COI, loaded; 404 UNKNOWN_JOURNEY when there is none or who may not
/// see its site.
journal::LoadedJourney visible_journey(pqxx::transaction_base& tx, const api::Principal& who, const std::string& coi);

/// 403 FORBIDDEN unless who (a user) holds one of roles at site_id.
void require_role_at(const api::Principal& who, std::int64_t site_id, std::initializer_list<api::Role> roles,
                     const std::string& what);

}  // namespace cj::journeys
