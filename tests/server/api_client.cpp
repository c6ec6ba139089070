#include "tests/server/api_client.h"

#include <chrono>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "server/http/beast.h"

namespace cj::testing {

using namespace cj::server;  // the Beast/Asio aliases
namespace json = boost::json;

std::string ApiReply::error_code() const {
  const auto* object = body.if_object();
  const auto* error = object ? object->if_contains("error") : nullptr;
  const auto* code = error && error->is_object() ? error->as_object().if_contains("code") : nullptr;
  return code && code->is_string() ? std::string(code->as_string()) : std::string();
}

std::string ApiReply::error_field() const {
  const auto* object = body.if_object();
  const auto* error = object ? object->if_contains("error") : nullptr;
  const auto* field = error && error->is_object() ? error->as_object().if_contains("field") : nullptr;
  return field && field->is_string() ? std::string(field->as_string()) : std::string();
}

std::string ApiReply::text(const char* key) const {
  const auto* object = body.if_object();
  const auto* value = object ? object->if_contains(key) : nullptr;
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

ApiClient ApiClient::logged_in(const std::string& username, const std::string& password) const {
  auto reply = post("/api/v1/session", json::object{{"username", username}, {"password", password}});
  EXPECT_EQ(reply.status, 201) << "login as " << username << ": " << reply.error << reply.raw;
  return with_token(reply.text("token"));
}

ApiReply ApiClient::post(const std::string& target, const json::value& body) const {
  return send("POST", target, json::serialize(body));
}

ApiReply ApiClient::put(const std::string& target, const json::value& body) const {
  return send("PUT", target, json::serialize(body));
}

ApiReply ApiClient::send(const std::string& method, const std::string& target, const std::string& body) const {
  ApiReply reply;
  try {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!authorization_.empty()) req.set(http::field::authorization, authorization_);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    reply.status = res.result_int();
    reply.raw = std::move(res.body());
    boost::system::error_code ec;
    if (!reply.raw.empty()) {
      auto parsed = json::parse(reply.raw, ec);
      if (!ec) reply.body = std::move(parsed);
    }
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  } catch (const std::exception& e) {
    reply.error = e.what();
  }
  return reply;
}

}  // namespace cj::testing
