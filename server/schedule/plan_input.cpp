#include "server/schedule/plan_input.h"

#include <boost/json.hpp>

#include "base/failure.h"
#include "server/api/json_fields.h"

namespace cj::schedule {

PlanRequest read_plan_request(const api::Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"items", "reason", "version"});
  PlanRequest request;
  const auto& items = api::required_array(body, "items", workflows::kPlanKinds.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = std::string("items[") + std::to_string(i) + "]";
    const auto& object = api::object_element(items[i], field);
    api::refuse_unknown_fields(object, {"kind", "start", "end"}, field);
    const std::string kind_name = api::required_string(object, "kind", 32, field);
    const auto kind = workflows::parse_plan_kind(kind_name);
    if (!kind) {
      throw base::Failure::invalid_field(
          field + ".kind", "kind is one of apheresis, manufacturing, shipment, lymphodepletion, infusion.");
    }
    for (const StoredItem& earlier : request.items) {
      if (earlier.kind == *kind) {
        throw base::Failure::invalid_field(field + ".kind", "the plan names " + kind_name + " twice.");
      }
    }
    StoredItem item{*kind, api::checked_utc_time(api::required_string(object, "start", 64, field), field + ".start"),
                    std::nullopt};
    if (const auto end = api::optional_string(object, "end", 64, field)) {
      item.end = api::checked_utc_time(*end, field + ".end");
      if (*item.end < item.start) {  // same form ("...Z", whole seconds): text order is time order
        throw base::Failure::invalid_field(field + ".end", "end is at or after start.");
      }
    }
    request.items.push_back(std::move(item));
  }
  request.reason = api::optional_string(body, "reason", kMaxReason);
  if (const auto* version = body.if_contains("version"); version != nullptr && !version->is_null()) {
    if (!version->is_int64() || version->as_int64() < 0 || version->as_int64() > 1000000) {
      throw base::Failure::invalid_field("version", "version is the plan's version number you changed (0: none).");
    }
    request.version = static_cast<int>(version->as_int64());
  }
  return request;
}

}  // namespace cj::schedule
