// The transport's edge: Beast messages in, api values out, and back. Nothing above server/transport
// sees a Beast type.
#pragma once

#include "server/api/request.h"
#include "server/api/response.h"
#include "server/transport/beast.h"

namespace cj::transport {

using WireRequest = http::request<http::string_body>;
using WireResponse = http::response<http::string_body>;

/// What an answer must echo from its request, kept apart so that the answer can be written after
/// the request is gone.
struct ReplyTo {
  unsigned version = 11;
  bool keep_alive = true;
  bool head = false;    // HEAD: headers only, with the Content-Length a GET would have
  bool secure = false;  // over HTTPS: the answer carries Strict-Transport-Security

  static ReplyTo of(const WireRequest& req) {
    return {req.version(), req.keep_alive(), req.method() == http::verb::head, false};
  }
};

/// Copies method, target and headers; the body stays behind (a WebSocket upgrade keeps req).
api::Request head_of(const WireRequest& req);

/// head_of(req) with the body moved in.
api::Request to_api(WireRequest&& req);

/// Adds Server: CellJourney and the connection's keep-alive; a HEAD answer keeps the headers and
/// the length of the body it leaves out; 1xx, 204 and 304 carry no body and no length. Over
/// HTTPS (to.secure) every answer says Strict-Transport-Security: max-age=31536000 (a year: the
/// browser then refuses plain HTTP to this host); a plain HTTP answer never does (RFC 6797 8.1).
WireResponse to_wire(api::Response&& res, const ReplyTo& to);

}  // namespace cj::transport
