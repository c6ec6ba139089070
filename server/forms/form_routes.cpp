#include "server/forms/form_routes.h"

namespace cj::forms {

api::Access form_readers() {
  api::Access access;
  access.roles = {api::Role::kApheresis, api::Role::kCellLab,     api::Role::kClinical,
                  api::Role::kPhysician, api::Role::kCoordinator, api::Role::kQa};
  access.stations = true;
  return access;
}

std::vector<api::Route> form_routes() {
  std::vector<api::Route> routes;
  for (auto group : {step_form_routes, journey_next_routes}) {
    auto more = group();
    routes.insert(routes.end(), more.begin(), more.end());
  }
  return routes;
}

}  // namespace cj::forms
