// How an administration command changes the database: open it (--database or the private
// cluster), apply pending migrations, run the change in one transaction and commit it. A refusal
// (base::Failure) or a database error is printed after `who` on stderr, and nothing is kept.
#pragma once

#include <functional>
#include <string>

#include <pqxx/transaction>

#include "server/cli/database_options.h"

namespace cj::cli {

/// who: the message prefix, e.g. "celljourney station add: ". Returns 0 when committed, 1 when
/// the database could not be opened or migrated, or the change was refused or failed.
int run_admin_transaction(const std::string& who, const DatabaseChoice& choice,
                          const std::function<void(pqxx::work&)>& change);

}  // namespace cj::cli
