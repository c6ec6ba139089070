#include "server/api/call.h"

#include "base/failure.h"

namespace cj::api {

const boost::json::object& Call::body_object() const {
  if (const auto* object = body.if_object()) return *object;
  throw base::Failure::bad_request("The body must be a JSON object.");
}

Response Call::json(int status, const boost::json::value& document) const { return json_response(status, document); }

}  // namespace cj::api
