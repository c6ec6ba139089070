// The administration log (table admin_log, append-only): who did what to accounts, roles, sites,
// stations and qualifications, and every login attempt. Never holds a password, token or key.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace pqxx {
class transaction_base;
}

namespace cj::audit {

/// Appends one row in tx (so it commits or rolls back with the change it records).
/// actor: a username, or cli_actor() for the commands. action: "user.create", "session.login"...
void log_action(pqxx::transaction_base& tx, const std::string& actor, const std::string& action,
                const std::string& subject, const boost::json::value& details = boost::json::object{});

/// "cli:<operating-system user>": the actor of the administration commands.
std::string cli_actor();

}  // namespace cj::audit
