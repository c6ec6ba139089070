// Response: what a handler answers, as a plain value, and the one place responses are built.
//
// Every error the API sends has one shape:
//   {"error": {"code": "...", "message": "...", "field": "..."}}
// The HTTP transport (server/transport) adds what every response carries (Server, Content-Length,
// the connection's keep-alive) and answers HEAD with the headers alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "base/error.h"
#include "server/api/request.h"

namespace cj::api {

struct Response {
  int status = 200;
  std::vector<Header> headers;  // Content-Type, Cache-Control, ...
  std::string body;
  /// The request carried a valid session or station key (dispatch sets it): the transport then
  /// gives its connection the normal idle timeout instead of the short one for strangers.
  bool authenticated = false;

  std::string_view header(std::string_view name) const { return find_header(headers, name); }
  void set_header(std::string_view name, std::string value) { api::set_header(headers, name, std::move(value)); }
};

/// status with document as its body (and a newline): application/json, Cache-Control: no-store.
Response json_response(int status, const boost::json::value& document);

/// field may be empty; it names the request field at fault when there is one.
Response error_response(int status, std::string_view code, std::string_view message, std::string_view field = {});

/// The HTTP status of a domain error's kind: the only place a kind becomes a status
/// (invalid 400, unauthenticated 401, forbidden 403, not_found 404, conflict 409,
/// unsupported_media 415, unprocessable 422).
int status_of(base::ErrorKind kind);

/// A domain error answered with the status of its kind.
Response error_response(const base::Error& error);

/// 200 with a body that is not JSON (a label, an export, a chart): Cache-Control: no-store.
Response content_response(std::string content_type, std::string body);

/// A status with no body (204 No Content): Cache-Control: no-store.
Response empty_response(int status);

}  // namespace cj::api
