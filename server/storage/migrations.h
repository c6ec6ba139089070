// Schema migrations: numbered SQL files (server/migrations/NNNN_name.sql) built into the binary
// and applied in order, each in its own transaction, recorded in schema_migrations
// (version, name, checksum = SHA-256 of the SQL in hex, applied_at).
//
// Rules the runner enforces (migrate() refuses to touch a database that breaks them):
//  - a landed migration is never edited: an applied migration whose checksum differs from the
//    binary's is an error naming the file;
//  - a database with a version this binary does not know (newer binary ran) is an error;
//  - migrations apply in order: a missing version below an applied one is an error.
// Concurrent migrate() calls on one database (several servers starting at once) serialise on a
// PostgreSQL advisory lock; the later ones find nothing left to do.
//
// A migration file holds plain SQL statements, without BEGIN/COMMIT (the runner wraps each file
// in a transaction), and nothing that cannot run in a transaction (CREATE INDEX CONCURRENTLY).
//
// Thread-safety: every function opens its own connection; call them from any thread.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/status.h"

namespace cj::storage {

struct Migration {
  int version;            // NNNN of the file name, >= 1
  std::string_view name;  // the file name, e.g. "0001_sites_and_settings.sql"
  std::string_view sql;   // the file's bytes
};

/// The migrations built into this binary (generated from server/migrations/*.sql), by version.
std::span<const Migration> embedded_migrations();
/// The highest version built in (0 when there are none).
int latest_known_version();

/// Lowercase hex SHA-256 of sql: what schema_migrations.checksum holds.
std::string migration_checksum(std::string_view sql);

struct AppliedMigration {
  int version = 0;
  std::string name;
  std::string checksum;
  std::string applied_at;        // UTC, "2025-01-31 14:05:09"
  bool known = true;             // this binary has a migration of that version
  bool checksum_matches = true;  // ... with the same SQL
};

struct PendingMigration {
  int version = 0;
  std::string name;
};

struct MigrationReport {
  int from_version = 0;                   // before
  int to_version = 0;                     // after
  std::vector<AppliedMigration> applied;  // by this call, in order (empty: nothing to do)
};

struct MigrationStatus {
  int current_version = 0;                // highest applied; 0 when none (or no schema_migrations table)
  int latest_known_version = 0;           // highest this binary carries
  std::vector<AppliedMigration> applied;  // by version
  std::vector<PendingMigration> pending;  // known and not applied, by version
  std::vector<std::string> problems;      // why migrate() would refuse (edited file, newer database...)
  bool up_to_date() const { return pending.empty() && problems.empty(); }
};

/// Brings the database at uri up to date with the embedded migrations.
/// Errors: kUnavailable (cannot connect), kFailedPrecondition (an applied migration was edited,
/// the database is newer than this binary, or out of order: nothing is applied then),
/// kInternal (a migration's SQL failed: it is rolled back, the earlier ones stay applied; the
/// message names the file and quotes PostgreSQL's error).
Result<MigrationReport> migrate(const std::string& uri);
/// Same with another list of migrations (tests). REQUIRES: versions >= 1, strictly increasing
/// (else kInvalidArgument).
Result<MigrationReport> migrate(const std::string& uri, std::span<const Migration> migrations);

/// What migrate() would do, without changing anything (no lock taken).
Result<MigrationStatus> migration_status(const std::string& uri);
Result<MigrationStatus> migration_status(const std::string& uri, std::span<const Migration> migrations);

/// Human-readable table for `celljourney db status`:
///   Schema version 1; this celljourney knows up to 2: 1 migration pending.
///   version  migration                     applied (UTC)
///         1  0001_sites_and_settings.sql   2025-01-31 14:05:09
///         2  0002_journeys.sql             pending
/// followed by the problems, if any.
void print_migration_status(const MigrationStatus& status, std::ostream& out);
/// For `celljourney db migrate`: "Applied 2 migrations (schema version 0 -> 2): ..." or
/// "Schema version 2 is up to date; nothing to apply."
void print_migration_report(const MigrationReport& report, std::ostream& out);

}  // namespace cj::storage
