#include "tests/support/api_client.h"
#include "tests/support/operator_proofs.h"

#include <mutex>
#include <random>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/http_client.h"

namespace cj::testing {

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
  ApiClient client = with_token(reply.text("token"));
  client.username_ = username;
  return client;
}

namespace {

std::string random_key() {
  static std::mt19937_64 random{std::random_device{}()};
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  return std::to_string(random());
}

bool is_event_target(const std::string& target) {
  const std::string journeys = "/api/v1/journeys/", events = "/events";
  return target == "/api/v1/scans" ||
         (target.rfind(journeys, 0) == 0 && target.size() > journeys.size() + events.size() &&
          target.compare(target.size() - events.size(), events.size(), events) == 0);
}

}  // namespace

ApiReply ApiClient::post(const std::string& target, const json::value& body) const {
  const auto* event = body.if_object();
  if (proving_ && event && is_event_target(target) && !event->contains("proofs") && event->contains("operators")) {
    json::object proven = *event;
    // A sealed proof names its event's key: a desk event posted without one gets its own.
    if (target != "/api/v1/scans" && !proven.contains("idempotency_key")) {
      proven["idempotency_key"] = "proven-" + random_key();
    }
    return send("POST", target, json::serialize(with_proofs(*this, std::move(proven), username_)));
  }
  return send("POST", target, json::serialize(body));
}

ApiReply ApiClient::put(const std::string& target, const json::value& body) const {
  return send("PUT", target, json::serialize(body));
}

ApiReply ApiClient::send(const std::string& method, const std::string& target, const std::string& body) const {
  HttpReply http = http_request(port_, method, target, body, "application/json", authorization_);
  ApiReply reply;
  reply.status = http.status;
  reply.raw = std::move(http.body);
  reply.error = std::move(http.error);
  boost::system::error_code ec;
  if (!reply.raw.empty()) {
    auto parsed = json::parse(reply.raw, ec);
    if (!ec) reply.body = std::move(parsed);
  }
  return reply;
}

}  // namespace cj::testing
