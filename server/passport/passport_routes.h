// The passport over HTTP (docs/passport.md, docs/api/openapi.yaml):
//
//   GET  /api/v1/users/{username}/passport  the person's signed passport: the person themself, or
//                                           an administrator who can see them (404 for anyone
//                                           else). Needs the server
//                                           started with --centre-key-file (409 NO_CENTRE_KEY).
//   POST /api/v1/passports/import           {"user": LOCALUSER, "passport": {...}}: admin at one
//                                           of the user's sites. 201 imported, 200 already
//                                           imported, 422 with the refusal code (TAMPERED, ...).
//
// Both are written to admin_log (passport.export, passport.import / passport.refuse).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::passport {

std::vector<api::Route> passport_routes();

}  // namespace cj::passport
