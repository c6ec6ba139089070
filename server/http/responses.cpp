#include "server/http/responses.h"

#include <boost/json/serialize.hpp>

namespace cj::server {

Response json_response(const ReplyTo& to, http::status status, const boost::json::value& body) {
  Response res{status, to.version};
  res.set(http::field::server, "CellJourney");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.keep_alive(to.keep_alive);
  std::string text = boost::json::serialize(body);
  text.push_back('\n');
  if (to.head) {
    res.content_length(text.size());
  } else {
    res.body() = std::move(text);
    res.prepare_payload();
  }
  return res;
}

Response error_response(const ReplyTo& to, http::status status, std::string_view code,
                                       std::string_view message, std::string_view field) {
  boost::json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return json_response(to, status, boost::json::object{{"error", std::move(error)}});
}

}  // namespace cj::server
