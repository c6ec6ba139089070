#include "server/audit/admin_log.h"

#include <pwd.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"

namespace cj::audit {

namespace {

// One statement: lock the administration chain's head, build the row's canonical record (the
// same document verify_admin_chain rebuilds from the row), link it and move the head. The head's
// row lock serialises administration changes and login attempts; it is held to commit.
constexpr db::Statement kInsert{
    "admin_log_insert",
    "WITH head AS (SELECT seq + 1 AS seq, head AS prev FROM admin_chain_head FOR UPDATE),"
    " record AS (SELECT h.seq, h.prev, jsonb_build_object('seq', h.seq, 'at', iso_utc(now()), 'actor', $1::text,"
    "   'action', $2::text, 'subject', $3::text, 'details', $4::jsonb)::text AS body FROM head h),"
    " added AS (INSERT INTO admin_log (actor, action, subject, details, chain_seq, canonical, prev_hash, hash)"
    "   SELECT $1, $2, $3, $4::jsonb, r.seq, r.body, r.prev, sha256(r.prev || convert_to(r.body, 'UTF8'))"
    "   FROM record r RETURNING chain_seq, hash)"
    " UPDATE admin_chain_head SET seq = added.chain_seq, head = added.hash FROM added"};

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
