// Signed checkpoints: every chain head at one moment (each journey's event and fact chains and
// the administration chain), signed with the centre's Ed25519 key (docs/audit.md).
//
// A chain shows an edited or deleted link in its middle by itself; it cannot show that it was
// cut short together with its head, or that a whole journey went. A checkpoint can: verify finds
// each chain it names still reaching at least that far through the very same hash. Checkpoints
// are taken at an interval by the server, on demand (`celljourney audit checkpoint`, POST
// /api/v1/audit/checkpoints), exported as JSON to be kept apart from the database (`audit
// checkpoint --export`, GET /api/v1/audit/checkpoints/latest) and given back to `audit verify
// --checkpoint FILE`, which is how deleting the checkpoints themselves is caught.
//
// The body is canonical JSON:
//   {"v":1,"taken_at":"...Z","previous":"<SHA-256 hex of the previous checkpoint's body>"|null,
//    "admin":{"seq":n,"head":"<hex>"},
//    "journeys":[{"coi","site_id","events_seq","events_head","facts_seq","facts_head"}...]}
// Thread-safety: plain functions over the caller's connection or transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <pqxx/types.hxx>

#include "server/journal/verify_chains.h"

namespace cj::audit {

struct Checkpoint {
  std::int64_t id = 0;
  std::string taken_at;
  std::string taken_by;
  std::string body;        // the canonical JSON that was signed
  std::string signature;   // 64 raw bytes
  std::string public_key;  // 32 raw bytes
};

/// A detached Ed25519 signature of message (64 raw bytes) by the key whose public half is given.
struct CheckpointSigner {
  std::string public_key;  // 32 raw bytes
  std::function<std::string(std::string_view message)> sign;
};

/// Reads every chain head in one snapshot, signs the body and stores the checkpoint.
Checkpoint take_checkpoint(pqxx::connection_base& conn, const CheckpointSigner& signer, const std::string& taken_by);

/// The newest stored checkpoint, if any.
std::optional<Checkpoint> latest_checkpoint(pqxx::transaction_base& tx);

/// The export form: {"id", "taken_at", "taken_by", "body", "signature", "public_key"} (hex), and
/// back; nullopt with *error when a field is missing or malformed.
boost::json::object to_json(const Checkpoint& checkpoint);
std::optional<Checkpoint> checkpoint_from_json(const boost::json::value& value, std::string* error);

/// SHA-256 (hex) of the 32-byte public key, as people compare keys.
std::string key_fingerprint(std::string_view public_key);

/// Which checkpoint keys verify accepts: these (raw 32-byte public keys). Empty: each
/// checkpoint's own key, said so in the report.
struct CheckpointTrust {
  std::vector<std::string> public_keys;
};

/// Checks the stored checkpoints (and the exported ones given) against report.links and
/// admin_hashes, appending what is broken: a bad signature or untrusted key, a checkpoint
/// missing between two, a journey named by a checkpoint that no longer exists, a chain now
/// shorter than a checkpoint says or with another hash at that seq. Journeys outside scope
/// (report.links covers the scope) are skipped when only_sites is given.
void verify_checkpoints(pqxx::transaction_base& tx, journal::VerifyReport& report,
                        const std::vector<std::string>& admin_hashes, const CheckpointTrust& trust,
                        const std::vector<Checkpoint>& exported,
                        const std::optional<std::vector<std::int64_t>>& only_sites);

}  // namespace cj::audit
