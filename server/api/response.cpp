#include "server/api/response.h"

#include <boost/json/serialize.hpp>

namespace cj::api {

Response json_response(int status, const boost::json::value& document) {
  Response res = content_response("application/json", boost::json::serialize(document));
  res.status = status;
  res.body.push_back('\n');
  return res;
}

Response error_response(int status, std::string_view code, std::string_view message, std::string_view field) {
  boost::json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return json_response(status, boost::json::object{{"error", std::move(error)}});
}

int status_of(base::ErrorKind kind) {
  switch (kind) {
    case base::ErrorKind::invalid:
      return 400;
    case base::ErrorKind::unauthenticated:
      return 401;
    case base::ErrorKind::forbidden:
      return 403;
    case base::ErrorKind::not_found:
      return 404;
    case base::ErrorKind::conflict:
      return 409;
    case base::ErrorKind::unsupported_media:
      return 415;
    case base::ErrorKind::unprocessable:
      return 422;
  }
  return 400;
}

Response error_response(const base::Error& error) {
  return error_response(status_of(error.kind), error.code, error.message, error.field);
}

Response content_response(std::string content_type, std::string body) {
  Response res;
  res.headers = {{"Content-Type", std::move(content_type)}, {"Cache-Control", "no-store"}};
  res.body = std::move(body);
  return res;
}

Response empty_response(int status) {
  Response res;
  res.status = status;
  res.headers = {{"Cache-Control", "no-store"}};
  return res;
}

}  // namespace cj::api
