// The alerts' routes (docs/api/openapi.yaml, docs/quality.md "Alerts"):
//   GET    /api/v1/alerts?site=&status=open|acknowledged   qa, coordinator, admin of the sites
//   GET    /api/v1/alerts/{id}
//   POST   /api/v1/alerts/{id}/acknowledge                 anyone holding a role at its site
//   GET    /api/v1/sites/{code}/alerting                   admin of the site
//   PUT    /api/v1/sites/{code}/alerting
//   GET    /api/v1/sites/{code}/alert-rules                admin or qa of the site
//   PUT    /api/v1/sites/{code}/alert-rules/{trigger}      admin of the site
//   DELETE /api/v1/sites/{code}/alert-rules/{trigger}
//   PUT    /api/v1/users/{username}/email                  an administrator who sees the person
#pragma once

#include <vector>

#include "server/api/call.h"

namespace cj::alerts {

std::vector<api::Route> alert_routes();

}  // namespace cj::alerts
