#include "server/transport/wire.h"

namespace cj::transport {

api::Request head_of(const WireRequest& req) {
  api::Request out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  out.headers.reserve(static_cast<std::size_t>(std::distance(req.begin(), req.end())));
  for (const auto& field : req) out.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  return out;
}

api::Request to_api(WireRequest&& req) {
  api::Request out = head_of(req);
  out.body = std::move(req.body());
  return out;
}

WireResponse to_wire(api::Response&& res, const ReplyTo& to) {
  WireResponse out{static_cast<http::status>(res.status), to.version};
  out.set(http::field::server, "CellJourney");
  if (to.secure) out.set(http::field::strict_transport_security, "max-age=31536000");
  for (auto& header : res.headers) out.set(header.name, std::move(header.value));
  out.keep_alive(to.keep_alive);
  const bool bodiless = res.status < 200 || res.status == 204 || res.status == 304;
  if (bodiless) return out;
  if (to.head) {
    out.content_length(res.body.size());
  } else {
    out.body() = std::move(res.body);
    out.prepare_payload();
  }
  return out;
}

}  // namespace cj::transport
