#include "server/journal/idempotency.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/hash.h"

namespace cj::journal {

using storage::Status;

namespace {

// First key of the two-key advisory lock space for idempotency keys ("CJid").
constexpr int kLockClass = 0x434a6964;

constexpr db::Statement kFindResponse{
    "journal_idempotency_find_response",
    "SELECT principal, encode(request_hash, 'hex'), response FROM idempotency WHERE key = $1"};
constexpr db::Statement kLockKey{"journal_idempotency_lock_key", "SELECT pg_advisory_xact_lock($1, hashtext($2))"};
constexpr db::Statement kStoreResponse{
    "journal_idempotency_store_response",
    "INSERT INTO idempotency (key, principal, request_hash, response) VALUES ($1, $2, decode($3, 'hex'), $4)"};

}  // namespace

storage::Result<std::optional<std::string>> find_idempotent_response(pqxx::transaction_base& tx,
                                                                     const IdempotentRequest& request) {
  const auto rows = db::exec(tx, kFindResponse, request.key);
  if (rows.empty()) return std::optional<std::string>();
  if (rows[0][0].as<std::string>() != request.principal ||
      rows[0][1].as<std::string>() != to_hex(request.request_hash)) {
    return Status::already_exists("idempotency key '" + request.key +
                                  "' was already used for a different request; use a new key for a new request");
  }
  return std::optional<std::string>(rows[0][2].as<std::string>());
}

storage::Result<IdempotentResponse> with_idempotency(pqxx::connection_base& conn, const IdempotentRequest& request,
                                                     const IdempotentWork& fn) {
  if (request.key.empty()) return Status::invalid_argument("an idempotency key is required");
  if (request.request_hash.size() != 32) return Status::invalid_argument("request_hash must be a SHA-256 (32 bytes)");
  try {
    pqxx::work tx(conn, "idempotent request");
    db::exec(tx, kLockKey, kLockClass, request.key);
    auto stored = find_idempotent_response(tx, request);
    if (!stored.ok()) return stored.error();
    if (stored.value()) return IdempotentResponse{std::move(**stored), true};

    auto response = fn(tx);
    if (!response.ok()) return response.error();  // tx aborts on destruction: nothing kept
    db::exec0(tx, kStoreResponse, request.key, request.principal, to_hex(request.request_hash), response.value());
    tx.commit();
    return IdempotentResponse{std::move(response.value()), false};
  } catch (const pqxx::unique_violation&) {
    // A concurrent copy committed first: answer with what it stored (or rethrow when the
    // violation was about something else).
    pqxx::read_transaction tx(conn, "idempotent replay");
    auto stored = find_idempotent_response(tx, request);
    if (stored.ok() && !stored.value()) throw;
    if (!stored.ok()) return stored.error();
    return IdempotentResponse{std::move(**stored), true};
  }
}

}  // namespace cj::journal
