#include "server/audit/admin_log.h"

#include <pwd.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"

namespace cj::audit {

namespace {

constexpr db::Statement kInsert{
    "admin_log_insert", "INSERT INTO admin_log (actor, action, subject, details) VALUES ($1, $2, $3, $4::jsonb)"};

}  // namespace

void log_action(pqxx::transaction_base& tx, const std::string& actor, const std::string& action,
                const std::string& subject, const boost::json::value& details) {
  db::exec0(tx, kInsert, actor, action, subject, boost::json::serialize(details));
}

std::string cli_actor() {
  const passwd* pw = getpwuid(geteuid());
  return std::string("cli:") + (pw && pw->pw_name ? pw->pw_name : std::to_string(geteuid()));
}

}  // namespace cj::audit
