// Establishing who sent a request.
#pragma once

#include "server/api/principal.h"
#include "server/api/request.h"

namespace pqxx {
class connection_base;
}

namespace cj::auth {

/// Reads the Authorization header: "Bearer <session token>" for a person, "Station <key>" for a
/// station. Runs on a database worker.
/// Throws base::Failure (unauthenticated) (UNAUTHENTICATED) when the header is missing or malformed, or the
/// token/key is unknown, expired (12 h), idle too long (the site's idle timeout), ended, revoked,
/// or belongs to a deactivated or locked account. Refreshes the session's last_seen_at.
api::Principal authenticate(const api::Request& request, pqxx::connection_base& db);

}  // namespace cj::auth
