// The role the server works as: celljourney_server (migration 0011), a login role that owns
// nothing and holds only celljourney_app's rights, so that no request, bug or injected SQL on a
// server connection can alter what is append-only, change identity, or become anything more
// (it is no superuser and a member of nothing else: there is no SET ROLE back). Migrations and
// the start-up work run on the owner's connection; everything the server does afterwards, on
// connections as this role.
#pragma once

#include <string>

namespace cj::db {

inline constexpr const char* kServerRole = "celljourney_server";

/// conninfo (a libpq URI or key=value string) with user replaced by `user` and any password
/// dropped, as a key=value string; the host, port, database, TLS and other settings stay.
/// Returns an empty string when conninfo does not parse.
std::string with_login_role(const std::string& conninfo, const std::string& user = kServerRole);

}  // namespace cj::db
