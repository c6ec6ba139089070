// PUT /api/v1/session/pin: any signed-in person sets their own PIN (password checked).
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::auth {

std::vector<api::Route> pin_routes();

}  // namespace cj::auth
