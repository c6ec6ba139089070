// Who may see and move a deviation, shared by the inbox's routes: a deviation of a site the
// caller has no role at is 404 (not revealed); a step without the role is 403 naming it.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "server/api/call.h"
#include "server/deviations/deviation_store.h"

namespace cj::deviations {

/// The path's index-th {placeholder} as a positive id; 404 naming what otherwise.
std::int64_t id_param(const api::Call& call, std::size_t index = 0, const char* what = "deviation");

/// The deviation, if the caller may see its site; 404 otherwise. lock: FOR UPDATE.
DeviationRow visible(const api::Call& call, pqxx::transaction_base& tx, std::int64_t id, bool lock);

/// 403 unless the caller holds one of roles at the deviation's site.
void require_role_at(const api::Call& call, std::initializer_list<api::Role> roles, const DeviationRow& row,
                     const char* action);

/// The caller is the deviation's owner.
bool is_owner(const api::Call& call, const DeviationRow& row);

/// 403 unless the caller is QA at the deviation's site or its owner.
void require_qa_or_owner(const api::Call& call, const DeviationRow& row, const char* action);

}  // namespace cj::deviations
