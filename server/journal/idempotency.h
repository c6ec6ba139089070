// Idempotent requests: the same idempotency key answers with the first response, and what the
// first request wrote is written once (docs/design.md: a station replays a scan with its key).
//
//   auto answer = journal::with_idempotency(conn, {key, principal, sha256(body)},
//       [&](pqxx::transaction_base& tx) -> storage::Result<std::string> {
//         auto appended = journal::append_event(tx, ...);
//         if (!appended.ok()) return appended.error();
//         return response_json;          // stored with the key, in the same transaction
//       });
//   // answer->response: the first answer's exact bytes; answer->replayed: fn did not run
//
// How: in one transaction, take a transaction-scoped advisory lock on the key (concurrent
// copies queue here), look the key up, and either return the stored response or run fn and
// store its response before commit. Should a copy still get past the lock (another code path
// inserting the key), its INSERT fails with unique_violation: its transaction, fn's writes
// included, rolls back, and the stored response is returned.
//
// The key is global: principal and request_hash must match the stored ones on a replay.
// fn's expected failures (a non-OK Result) roll back and are returned, and nothing is stored,
// so a corrected retry with the same key runs again. fn must do all its work through tx (no
// commit, no side effects outside the database: it may run and be rolled back).
//
// Thread-safety: conn is the calling thread's. Errors: kAlreadyExists when the key was used
// with another principal or request (HTTP 409), kInvalidArgument (empty key, request_hash not
// 32 bytes), fn's own; database failures throw (conn must have no open transaction).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <pqxx/types.hxx>

#include "server/storage/status.h"

namespace cj::journal {

struct IdempotentRequest {
  std::string key;           // client-made ("6f1c2e0a-...")
  std::string principal;     // who asks ("station:CL-01", "user:alice")
  std::string request_hash;  // 32 bytes: sha256() of the request as the caller defines it
};

struct IdempotentResponse {
  std::string response;   // the first answer, byte for byte
  bool replayed = false;  // true: stored earlier, fn did not run (or was rolled back)
};

using IdempotentWork = std::function<storage::Result<std::string>(pqxx::transaction_base&)>;

storage::Result<IdempotentResponse> with_idempotency(pqxx::connection_base& conn, const IdempotentRequest& request,
                                                     const IdempotentWork& fn);

/// The stored response for key, if any. Errors: kAlreadyExists as with_idempotency().
storage::Result<std::optional<std::string>> find_idempotent_response(pqxx::transaction_base& tx,
                                                                     const IdempotentRequest& request);

}  // namespace cj::journal
