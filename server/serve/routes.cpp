#include "server/serve/routes.h"

#include "server/admin/admin_routes.h"
#include "server/alerts/alert_routes.h"
#include "server/audit/audit_handlers.h"
#include "server/auth/operator_token_routes.h"
#include "server/auth/password_change.h"
#include "server/auth/pin_routes.h"
#include "server/auth/session_routes.h"
#include "server/board/board_routes.h"
#include "server/deviations/deviation_handlers.h"
#include "server/exports/export_routes.h"
#include "server/forms/form_routes.h"
#include "server/journeys/journey_routes.h"
#include "server/labelling/label_routes.h"
#include "server/labelling/printer_routes.h"
#include "server/near_misses/near_miss_routes.h"
#include "server/passport/passport_routes.h"
#include "server/quality/quality_routes.h"
#include "server/scans/scan_routes.h"
#include "server/schedule/schedule_routes.h"
#include "server/temperature/temperature_routes.h"
#include "server/trail/trail_routes.h"

namespace cj::serve {

std::vector<api::Route> all_routes() {
  std::vector<api::Route> routes;
  for (auto group :
       {auth::session_routes, auth::password_change_routes, auth::pin_routes, auth::operator_token_routes,
        admin::admin_routes, audit::audit_routes, deviations::deviation_routes, near_misses::near_miss_routes,
        journeys::journey_routes, forms::form_routes, labelling::label_routes, labelling::printer_routes,
        scans::scan_routes, board::board_routes, exports::export_routes, temperature::temperature_routes,
        passport::passport_routes, schedule::schedule_routes, alerts::alert_routes, trail::trail_routes, quality::quality_routes}) {
    auto more = group();
    routes.insert(routes.end(), more.begin(), more.end());
  }
  return routes;
}

}  // namespace cj::serve
