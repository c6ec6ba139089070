#include "server/storage/migrations.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <map>
#include <ostream>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

namespace cj::storage {
namespace {

// pg_advisory_lock key of the migration runner ("CJmigrat"); advisory locks are per database.
constexpr long long kMigrationLockKey = 0x434a6d6967726174LL;

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY,"
    " name text NOT NULL,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

constexpr const char* kSelectApplied =
    "SELECT version, name, checksum,"
    " to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
    " FROM schema_migrations ORDER BY version";

Status check_list(std::span<const Migration> migrations) {
  int previous = 0;
  for (const auto& m : migrations) {
    if (m.version <= previous) {
      return Status::invalid_argument("migration " + std::string(m.name) + ": versions must be >= 1 and increasing");
    }
    previous = m.version;
  }
  return {};
}

Status connection_error(const std::exception& e) {
  return Status::unavailable(std::string("cannot connect to the database: ") + e.what());
}

// Reads schema_migrations (absent table: nothing applied) and compares it with migrations.
MigrationStatus compare(pqxx::transaction_base& tx, std::span<const Migration> migrations, bool table_exists) {
  MigrationStatus status;
  status.latest_known_version = migrations.empty() ? 0 : migrations.back().version;
  std::map<int, const Migration*> known;
  for (const auto& m : migrations) known.emplace(m.version, &m);

  if (table_exists) {
    for (const auto& row : tx.exec(kSelectApplied)) {
      AppliedMigration a;
      a.version = row[0].as<int>();
      a.name = row[1].as<std::string>();
      a.checksum = row[2].as<std::string>();
      a.applied_at = row[3].as<std::string>();
      const auto it = known.find(a.version);
      a.known = it != known.end();
      if (!a.known) {
        status.problems.push_back("the database has migration " + std::to_string(a.version) + " (" + a.name +
                                  "), which this celljourney does not know (it knows up to " +
                                  std::to_string(status.latest_known_version) +
                                  "): a newer celljourney has migrated it; run that version");
      } else {
        const std::string expected = migration_checksum(it->second->sql);
        a.checksum_matches = expected == a.checksum;
        if (!a.checksum_matches) {
          status.problems.push_back("migration " + std::string(it->second->name) +
                                    " was changed after it was applied (checksum in the database " + a.checksum +
                                    ", in this binary " + expected +
                                    "); applied migrations must never be edited: restore the file and put the "
                                    "change in a new migration");
        }
      }
      status.current_version = std::max(status.current_version, a.version);
      status.applied.push_back(std::move(a));
    }
  }
  std::map<int, bool> applied;
  for (const auto& a : status.applied) applied[a.version] = true;
  for (const auto& m : migrations) {
    if (applied.count(m.version)) continue;
    if (m.version < status.current_version) {
      status.problems.push_back("migration " + std::string(m.name) + " is not applied, but the later migration " +
                                std::to_string(status.current_version) +
                                " is: migrations must apply in order; renumber it after the latest");
    }
    status.pending.push_back({m.version, std::string(m.name)});
  }
  return status;
}

// Serialises migration runners on this database until the end of tx.
void lock_migrations(pqxx::transaction_base& tx) {
  if (tx.exec_params1("SELECT pg_try_advisory_xact_lock($1)", kMigrationLockKey)[0].as<bool>()) return;
  spdlog::info("another process is migrating this database; waiting for it");
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
}

bool table_exists(pqxx::transaction_base& tx) {
  return !tx.exec1("SELECT to_regclass('schema_migrations')")[0].is_null();
}

std::string join_problems(const std::vector<std::string>& problems) {
  std::string out = "refusing to migrate: ";
  for (std::size_t i = 0; i < problems.size(); ++i) out += (i ? "; " : "") + problems[i];
  return out;
}

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

int latest_known_version() {
  const auto all = embedded_migrations();
  return all.empty() ? 0 : all.back().version;
}

std::string migration_checksum(std::string_view sql) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(sql.data()), sql.size());
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char b : digest) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

Result<MigrationReport> migrate(const std::string& uri) { return migrate(uri, embedded_migrations()); }

Result<MigrationReport> migrate(const std::string& uri, std::span<const Migration> migrations) {
  if (Status s = check_list(migrations); !s.ok()) return s;
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(uri);
  } catch (const std::exception& e) {
    return connection_error(e);
  }
  try {
    // Every transaction below takes the lock first and re-reads schema_migrations: a runner that
    // waited finds what the other one applied meanwhile. (A transaction-scoped lock is released
    // on commit, rollback and disconnect, and survives libpqxx 6's silent reconnects.)
    MigrationStatus status;
    {
      pqxx::work tx{*conn};
      lock_migrations(tx);
      tx.exec0(kCreateTable);
      status = compare(tx, migrations, true);
      tx.commit();
    }
    if (!status.problems.empty()) return Status::failed_precondition(join_problems(status.problems));

    MigrationReport report;
    report.from_version = status.current_version;
    report.to_version = status.current_version;
    for (const auto& m : migrations) {
      if (m.version <= report.from_version) continue;
      const auto started = std::chrono::steady_clock::now();
      try {
        pqxx::work tx{*conn};
        lock_migrations(tx);
        const MigrationStatus now = compare(tx, migrations, true);
        if (!now.problems.empty()) return Status::failed_precondition(join_problems(now.problems));
        if (now.current_version >= m.version) continue;  // another runner applied it meanwhile
        tx.exec(std::string(m.sql));
        const std::string checksum = migration_checksum(m.sql);
        const auto row = tx.exec_params1(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)"
            " RETURNING to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
            m.version, std::string(m.name), checksum);
        tx.commit();
        report.applied.push_back({m.version, std::string(m.name), checksum, row[0].as<std::string>(), true, true});
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception& e) {
        return Status::internal("migration " + std::string(m.name) + " failed and was rolled back" +
                                (report.applied.empty() ? ""
                                                        : " (the " + plural(report.applied.size(), "migration") +
                                                              " before it stay applied)") +
                                ": " + e.what());
      }
      report.to_version = m.version;
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
      spdlog::info("applied migration {} in {} ms", m.name, ms.count());
    }
    report.to_version = std::max(report.to_version, migrations.empty() ? 0 : migrations.back().version);
    return report;
  } catch (const pqxx::broken_connection& e) {
    return Status::unavailable(std::string("lost the database connection while migrating: ") + e.what());
  } catch (const std::exception& e) {
    return Status::internal(std::string("migrating failed: ") + e.what());
  }
}

Result<MigrationStatus> migration_status(const std::string& uri) {
  return migration_status(uri, embedded_migrations());
}

Result<MigrationStatus> migration_status(const std::string& uri, std::span<const Migration> migrations) {
  if (Status s = check_list(migrations); !s.ok()) return s;
  try {
    pqxx::connection conn{uri};
    pqxx::read_transaction tx{conn};
    return compare(tx, migrations, table_exists(tx));
  } catch (const pqxx::broken_connection& e) {
    return connection_error(e);
  } catch (const std::exception& e) {
    return Status::internal(std::string("cannot read the migration status: ") + e.what());
  }
}

void print_migration_status(const MigrationStatus& status, std::ostream& out) {
  out << "Schema version " << status.current_version << "; this celljourney knows up to " << status.latest_known_version
      << ": ";
  if (!status.problems.empty()) {
    out << "PROBLEMS, migrate will refuse to run.\n";
  } else if (status.pending.empty()) {
    out << "up to date.\n";
  } else {
    out << plural(status.pending.size(), "migration") << " pending.\n";
  }
  std::size_t width = 9;  // "migration"
  for (const auto& a : status.applied) width = std::max(width, a.name.size());
  for (const auto& p : status.pending) width = std::max(width, p.name.size());
  out << "\n"
      << std::setw(7) << "version"
      << "  " << std::left << std::setw(static_cast<int>(width)) << "migration"
      << "  applied (UTC)\n"
      << std::right;
  // Applied and pending interleaved by version.
  std::size_t a = 0, p = 0;
  while (a < status.applied.size() || p < status.pending.size()) {
    const bool take_applied = p >= status.pending.size() ||
                              (a < status.applied.size() && status.applied[a].version < status.pending[p].version);
    int version;
    std::string name, when;
    if (take_applied) {
      const auto& m = status.applied[a++];
      version = m.version;
      name = m.name;
      when = m.applied_at;
      if (!m.known) when += "  (unknown to this celljourney)";
      else if (!m.checksum_matches) when += "  (CHANGED since applied)";
    } else {
      const auto& m = status.pending[p++];
      version = m.version;
      name = m.name;
      when = "pending";
    }
    out << std::setw(7) << version << "  " << std::left << std::setw(static_cast<int>(width)) << name << "  " << when
        << "\n"
        << std::right;
  }
  if (!status.problems.empty()) {
    out << "\nProblems:\n";
    for (const auto& problem : status.problems) out << "  - " << problem << "\n";
  }
}

void print_migration_report(const MigrationReport& report, std::ostream& out) {
  if (report.applied.empty()) {
    out << "Schema version " << report.to_version << " is up to date; nothing to apply.\n";
    return;
  }
  out << "Applied " << plural(report.applied.size(), "migration") << " (schema version " << report.from_version
      << " -> " << report.to_version << "):\n";
  for (const auto& m : report.applied) out << "  " << m.name << "\n";
}

}  // namespace cj::storage
