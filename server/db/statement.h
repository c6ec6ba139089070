// Named prepared statements.
//
// Every SQL statement the server runs with parameters is a Statement: a name unique across the
// code base (prefixed by area, e.g. "journal_append_insert_event") and its SQL, defined as a
// file-local constexpr next to its use. db::exec() prepares it on the transaction's connection the
// first time it runs there, and executes it by name: PostgreSQL parses it once per connection
// instead of once per call (tx.exec_params() sends an unnamed statement every time).
//
// Why preparing on every call is safe and cheap (libpqxx 6.4, checked against its source and in
// a scratch program): connection_base::prepare() only records the definition in the connection's
// own map; calling it again with the same name and the same SQL is a no-op (a map lookup and a
// string comparison, ~80 ns); it sends nothing, so it may be called while a transaction is open.
// The statement is registered with the server (PQprepare) by the first exec_prepared() on that
// connection, inside whatever transaction runs it; protocol-level prepared statements are not
// transactional, so a rollback does not undo the registration. A new connection object (the
// worker pool makes one after a broken connection) starts with an empty map, and the next call
// prepares again. That is why there is no registry of our own: one keyed by connection address
// would claim "prepared" for a new connection allocated where a dropped one was.
//
// Two statements with the same name and different SQL make prepare() throw pqxx::argument_error
// ("Inconsistent redefinition of prepared statement ...") on the connection that sees both.
#pragma once

#include <array>
#include <cstddef>
#include <utility>

#include <pqxx/connection_base>
#include <pqxx/transaction_base>

namespace cj::db {

/// A named SQL statement, prepared on a connection the first time it runs there.
struct Statement {
  const char* name;
  const char* sql;
};

/// Defines s on tx's connection (a no-op when it already is).
inline void prepare(pqxx::transaction_base& tx, const Statement& s) { tx.conn().prepare(s.name, s.sql); }

/// Runs s with args as its $1, $2, ... (the same conversions as tx.exec_params()).
template <typename... Args>
pqxx::result exec(pqxx::transaction_base& tx, const Statement& s, Args&&... args) {
  prepare(tx, s);
  return tx.exec_prepared(s.name, std::forward<Args>(args)...);
}

/// exec() expecting exactly one row (pqxx::unexpected_rows otherwise), like tx.exec_params1().
template <typename... Args>
pqxx::row exec1(pqxx::transaction_base& tx, const Statement& s, Args&&... args) {
  prepare(tx, s);
  return tx.exec_prepared1(s.name, std::forward<Args>(args)...);
}

/// exec() expecting no rows (pqxx::unexpected_rows otherwise), like tx.exec_params0().
template <typename... Args>
pqxx::result exec0(pqxx::transaction_base& tx, const Statement& s, Args&&... args) {
  prepare(tx, s);
  return tx.exec_prepared0(s.name, std::forward<Args>(args)...);
}

/// Compile-time concatenation of string literals / constexpr char arrays, for statements that
/// share a column list:
///   constexpr char kSelect[] = "SELECT a, b FROM t ";
///   constexpr auto kByIdSql = db::sql(kSelect, "WHERE id = $1");
///   constexpr db::Statement kById{"area_t_by_id", kByIdSql.data()};
template <std::size_t... N>
constexpr auto sql(const char (&... parts)[N]) {
  std::array<char, (N + ...) - sizeof...(N) + 1> out{};
  std::size_t at = 0;
  auto append = [&](const char* part, std::size_t size) {
    for (std::size_t i = 0; i + 1 < size; ++i) out[at++] = part[i];
  };
  (append(parts, N), ...);
  out[at] = '\0';
  return out;
}

}  // namespace cj::db
