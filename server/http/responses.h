// Building JSON responses. Every error the API sends has one shape:
//   {"error": {"code": "...", "message": "...", "field": "..."}}
#pragma once

#include <string_view>

#include <boost/json/value.hpp>

#include "server/http/beast.h"

namespace cj::server {

using Request = http::request<http::string_body>;
// Every response body is held in memory: small JSON documents and preloaded static files.
using Response = http::response<http::string_body>;

/// What a response must echo from its request; kept apart so that a response can be built after
/// the request is gone (on a database worker, for instance).
struct ReplyTo {
  unsigned version = 11;
  bool keep_alive = true;
  bool head = false;  // HEAD: headers only

  static ReplyTo of(const Request& req) {
    return {req.version(), req.keep_alive(), req.method() == http::verb::head};
  }
};

Response json_response(const ReplyTo& to, http::status status, const boost::json::value& body);

/// field may be empty; it names the request field at fault when there is one.
Response error_response(const ReplyTo& to, http::status status, std::string_view code,
                                       std::string_view message, std::string_view field = {});

}  // namespace cj::server
