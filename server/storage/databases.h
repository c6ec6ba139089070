// The databases of a PostgreSQL server, reached through its Unix socket as a superuser: the URI
// of one, and CREATE / DROP DATABASE. PrivateCluster answers with these for its own server; the
// tests use them for a cluster another process owns (tests/support/database_fixture.h).
#pragma once

#include <filesystem>
#include <string>

#include "server/storage/status.h"

namespace cj::storage {

/// The port every private cluster listens on, inside its own socket directory.
inline constexpr int kClusterPort = 5432;

/// libpq URI of `database` through the socket in socket_dir, as `user`, usable with
/// pqxx::connection and psql:
/// postgresql:///<database>?host=<socket dir, percent-encoded>&port=5432&user=<user>
std::string socket_uri(const std::filesystem::path& socket_dir, const std::string& user, const std::string& database);

/// True for the names create_database and drop_database accept: [a-z_][a-z0-9_]{0,62}.
bool valid_database_name(const std::string& name);

/// CREATE DATABASE name [TEMPLATE template_database], connected to admin_uri (a superuser on
/// any database of the server). Errors: kInvalidArgument (name), kAlreadyExists,
/// kFailedPrecondition (template in use), kUnavailable (server unreachable).
Status create_database(const std::string& admin_uri, const std::string& name,
                       const std::string& template_database = {});

/// DROP DATABASE IF EXISTS name WITH (FORCE): connected sessions are terminated.
Status drop_database(const std::string& admin_uri, const std::string& name);

/// What a failed pqxx call means as a Status (unavailable, already exists, in use, not found,
/// else internal), with `what` in front of the server's message.
Status status_of_database_error(const std::exception& e, const std::string& what);

}  // namespace cj::storage
