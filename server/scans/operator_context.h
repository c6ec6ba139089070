// The operators of an event as the rules engine needs them (workflows::Context::operators): for
// each username named, the roles that person holds AT THE JOURNEY'S SITE (roles elsewhere do
// not count) and every qualification recorded for them, with validity.
//
// A name that is no active user is left out: the engine then refuses the event with
// ROLE_MISSING ("operator 'x' is not known here"), and the refusal is recorded.
//
// Runs inside the caller's transaction; database failures throw.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "workflows/context.h"

namespace pqxx {
class transaction_base;
}

namespace cj::scans {

std::map<std::string, workflows::Operator, std::less<>> operators_at_site(pqxx::transaction_base& tx,
                                                                          std::int64_t site_id,
                                                                          const std::vector<std::string>& usernames);

}  // namespace cj::scans
