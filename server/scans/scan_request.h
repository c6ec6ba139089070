// Reading a scan (docs/design.md "The event and the decision") out of a request body, before any
// database work: every field checked, nothing the client parsed trusted (the scans stay raw
// text; the rules engine parses them with the ISBT 128 codec).
//
//   {"journey": "CHA999926000001", "step": "apheresis.collect", "occurred_at": "2026-11-20T10:00:00Z",
//    "station": "AP-01", "operators": ["ann"], "scans": ["=A99992610000100"], "data": {...},
//    "idempotency_key": "6f1c2e0a-...",
//    "proofs": [{"operator": "ann", "token": "..."} | {"operator": "ann", "sealed": "<base64>"}],
//    "typed": [0]}
//
// Errors: base::Failure (invalid) (UNKNOWN_FIELD, MISSING_FIELD, INVALID_FIELD naming the field).
// Pure; thread-safe.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "server/auth/operator_proofs.h"
#include "workflows/event.h"

namespace cj::scans {

struct ScanRequest {
  workflows::Event event;    // event.idempotency_key empty: none given
  std::string request_hash;  // SHA-256 (32 bytes) of the canonical JSON of the request
  // "proofs": at most one per person named in "operators" (a proof naming nobody there: 400).
  std::vector<auth::OperatorProof> proofs;
  // "typed": indexes into scans of codes typed by hand (each at most once, in range).
  std::vector<int> typed;
};

/// key_required: POST /scans needs an idempotency_key. journey_from_path: the COI of
/// /journeys/{coi}/events; then "journey" may be left out, and must equal it when given.
ScanRequest read_scan_request(const boost::json::object& body, bool key_required,
                              const std::optional<std::string>& journey_from_path = std::nullopt);

}  // namespace cj::scans
