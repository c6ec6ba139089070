// PrivateCluster: a PostgreSQL server of our own, in a data directory, reachable only through a
// Unix socket inside that directory. `celljourney serve` uses it when no database URL is given;
// the integration tests use an ephemeral one.
//
// What start() does:
//  - finds the server binaries: $CELLJOURNEY_PG_BIN if set (and only there), else
//    /usr/lib/postgresql/<major>/bin preferring the data directory's major version, then 15,
//    then the newest, then pg_ctl on PATH;
//  - picks the cluster's OS user: the `postgres` account when running as root, else ourselves;
//  - prepares the directory: creates it (0700, owned by the cluster user) when missing; accepts
//    it when the cluster user owns it, or when it is empty and owned by us (then chowns it);
//    refuses anything else, and checks the cluster user can reach it (every parent traversable);
//  - takes an exclusive lock on the directory (flock), so one process at a time owns a cluster;
//  - runs initdb on first use (UTF8, locale C.UTF-8, no TCP), and at every start rewrites
//    pg_hba.conf (trust, local socket only) and celljourney.conf (listen_addresses = '',
//    unix_socket_directories = the data dir, unix_socket_permissions = 0700, port 5432);
//  - starts the server with pg_ctl (log: <data_dir>/postgresql.log), waits until it accepts
//    connections, and creates options.database when it does not exist.
//  A server already running in the directory with no live owner (its celljourney was killed
//  and so was the watchdog) is adopted: used as it is and stopped by stop().
//
// A watchdog process (/bin/sh, in its own session) holds one end of a socket pair; when this
// process dies without stop() (crash, SIGKILL), it sees EOF, stops the server (ephemeral:
// immediate, then deletes the directory; persistent: fast shutdown) and exits.
//
// Supervision: ensure_running() starts the server again when it has died (crash, kill -9 of the
// postmaster) and stop() was not called; ClusterSupervisor (cluster_supervisor.h) calls it
// every second for `celljourney serve`.
//
// Thread-safety: ensure_running() may race with stop() (stop wins). The const accessors and
// create_database/drop_database may be called from any thread concurrently (each opens its own connection). stop() and
// the destructor must not race with other calls.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "server/storage/status.h"

namespace cj::storage {

struct ClusterOptions {
  std::filesystem::path data_dir = "var/postgres";  // relative paths are made absolute
  /// Created on start when missing; the database of connection_uri(). Empty: none.
  std::string database = "celljourney";
  /// Tests: initdb without fsync, fsync=off, and the directory deleted at stop (or by the
  /// watchdog when this process dies). REQUIRES: data_dir missing or empty.
  bool ephemeral = false;
  /// How long pg_ctl may take to bring the server up (and initdb to run).
  std::chrono::seconds start_timeout{60};
};

class PrivateCluster {
 public:
  /// Starts (initialising on first use) the cluster in options.data_dir.
  /// Errors, each with a message saying what to do:
  ///   kNotFound           no PostgreSQL server binaries (or $CELLJOURNEY_PG_BIN lacks them);
  ///   kPermissionDenied   the directory belongs to another user, or the cluster user cannot
  ///                       reach it (a parent directory is not traversable);
  ///   kFailedPrecondition the directory is in use by another process, is not empty and not a
  ///                       data directory, or is of another PostgreSQL major version;
  ///   kInvalidArgument    the path is unusable (too long for a socket, quotes, commas);
  ///   kUnavailable        the server did not come up in time (message ends with its log's tail);
  ///   kIoError            initdb, pg_ctl or a system call failed.
  /// On error nothing is left running (and an ephemeral directory is removed).
  static Result<std::unique_ptr<PrivateCluster>> start(const ClusterOptions& options);

  /// Stops the server (see stop()).
  ~PrivateCluster();
  PrivateCluster(const PrivateCluster&) = delete;
  PrivateCluster& operator=(const PrivateCluster&) = delete;

  /// libpq URI of a database of this cluster, usable with pqxx::connection and psql:
  /// postgresql:///<database>?host=<data dir, percent-encoded>&port=5432&user=<superuser>
  std::string connection_uri(const std::string& database) const;
  /// connection_uri(options.database).
  std::string connection_uri() const;

  const std::filesystem::path& data_dir() const;  // absolute
  /// Where the Unix socket lives (the data directory): the `host` of a libpq connection.
  const std::filesystem::path& socket_dir() const;
  /// The superuser role, named after the cluster's OS user ("postgres" when run as root).
  const std::string& user() const;
  /// The postmaster's process id (changes when ensure_running() restarted it).
  pid_t server_pid() const;
  /// True when this start() ran initdb (first use of the directory).
  bool ran_initdb() const;

  /// CREATE DATABASE name [TEMPLATE template_database]. Names: [a-z_][a-z0-9_]{0,62}.
  /// Errors: kInvalidArgument (name), kAlreadyExists, kFailedPrecondition (template in use),
  /// kUnavailable (server unreachable).
  Status create_database(const std::string& name, const std::string& template_database = {});
  /// DROP DATABASE IF EXISTS name WITH (FORCE): connected sessions are terminated.
  Status drop_database(const std::string& name);

  /// Nothing when the postmaster is alive (or stop() was called). Else starts it again with
  /// pg_ctl (PostgreSQL runs crash recovery) and waits until it accepts connections; returns
  /// kUnavailable when it does not come up (old backends still hold its shared memory: retry).
  /// Sets restarted when it did restart it.
  Status ensure_running(bool& restarted);

  /// Stops the server (pg_ctl stop -m fast, then -m immediate if that fails), deletes the
  /// directory if ephemeral, dismisses the watchdog and releases the directory lock.
  /// Idempotent; after it, only the accessors may be used.
  Status stop();

 private:
  struct State;
  explicit PrivateCluster(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// Where the PostgreSQL server binaries are.
struct PostgresBinaries {
  std::filesystem::path bin_dir;  // holds initdb, pg_ctl, postgres
  int major_version = 0;          // e.g. 15
};

/// The binaries start() would use for a directory of PostgreSQL major version prefer_major
/// (0: none yet). kNotFound with the places searched when there are none.
Result<PostgresBinaries> find_postgres_binaries(int prefer_major = 0);

}  // namespace cj::storage
