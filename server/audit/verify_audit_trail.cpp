#include "server/audit/verify_audit_trail.h"

#include <pqxx/pqxx>

#include "server/audit/admin_chain.h"

namespace cj::audit {

journal::VerifyReport verify_audit_trail(pqxx::connection_base& conn, const AuditVerifyOptions& options) {
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(conn, "audit verify");
  journal::VerifyReport report = journal::verify_chains(tx, {options.site_ids});
  std::vector<std::string> admin_hashes;
  if (!options.site_ids || options.include_admin_chain) {
    if (auto link = verify_admin_chain(tx, admin_hashes, report.admin_entries_checked)) {
      report.broken.push_back(std::move(*link));
    }
  }
  verify_checkpoints(tx, report, admin_hashes, options.trust, options.exported, options.site_ids);
  tx.commit();
  return report;
}

}  // namespace cj::audit
