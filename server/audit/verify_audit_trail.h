// The whole audit trail verified in one snapshot: every journey's event and fact chains
// (journal/verify_chains.h), the administration chain (admin_chain.h) and the signed
// checkpoints (checkpoints.h), in one report. `celljourney audit verify` and GET
// /api/v1/audit/verify are this.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <pqxx/types.hxx>

#include "server/audit/checkpoints.h"
#include "server/journal/verify_chains.h"

namespace cj::audit {

struct AuditVerifyOptions {
  /// Only these sites' journeys (and checkpoint entries); the administration chain is then left
  /// out, being every site's. nullopt: everything.
  std::optional<std::vector<std::int64_t>> site_ids;
  bool include_admin_chain = true;  // with site_ids: add the administration chain anyway
  CheckpointTrust trust;
  std::vector<Checkpoint> exported;  // checkpoints kept outside the database (--checkpoint FILE)
};

/// Runs in one REPEATABLE READ READ ONLY transaction on conn. Database failures throw.
journal::VerifyReport verify_audit_trail(pqxx::connection_base& conn, const AuditVerifyOptions& options);

}  // namespace cj::audit
