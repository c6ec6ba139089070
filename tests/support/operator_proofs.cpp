#include "tests/support/operator_proofs.h"

#include <map>
#include <mutex>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sodium.h>

#include "server/passport/signing_key.h"

namespace cj::testing {

namespace json = boost::json;

std::string sign_in_operator(const ApiClient& caller, const std::string& username, const std::string& purpose) {
  auto reply = caller.post("/api/v1/operator-tokens",
                           json::object{{"badge", badge_of(username)}, {"pin", kPin}, {"purpose", purpose}});
  EXPECT_EQ(reply.status, 201) << "signing in " << username << ": " << reply.raw;
  return reply.text("token");
}

std::string sealed_proof(const ApiClient& caller, const json::object& plaintext) {
  // One key per server for the life of the test program (each suite's server has its own).
  static std::mutex mutex;
  static std::map<std::string, std::string> keys;  // authorization -> key: the caller's server
  std::string key;
  {
    std::lock_guard lock(mutex);
    key = keys[caller.authorization()];
  }
  if (key.empty()) {
    const auto key_reply = caller.get("/api/v1/operator-tokens/sealing-key");
    EXPECT_EQ(key_reply.status, 200) << key_reply.raw;
    key = passport::from_base64(key_reply.text("key")).value_or("");
    std::lock_guard lock(mutex);
    keys[caller.authorization()] = key;
  }
  if (key.size() != crypto_box_PUBLICKEYBYTES || sodium_init() < 0) {
    ADD_FAILURE() << "no sealing key";
    return {};
  }
  const std::string message = json::serialize(plaintext);
  // The same proof for the same event: a test that replays an event byte for byte (idempotency)
  // must send the same body, and a sealed box is random each time it is made.
  static std::map<std::string, std::string> made;  // authorization + plaintext -> proof
  const std::string made_key = caller.authorization() + "\n" + message;
  {
    std::lock_guard lock(mutex);
    if (const auto it = made.find(made_key); it != made.end()) return it->second;
  }
  std::string box(message.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()), reinterpret_cast<const unsigned char*>(message.data()),
                  message.size(), reinterpret_cast<const unsigned char*>(key.data()));
  std::lock_guard lock(mutex);
  // Two threads that posted the same event at once both sealed one: both send the first stored,
  // so that the two bodies are the same bytes (the server's replay, not a reused key).
  return made.emplace(made_key, passport::to_base64(box)).first->second;
}

json::object with_proofs(const ApiClient& caller, json::object event, const std::string& skip) {
  json::array proofs;
  if (const auto* given = event.if_contains("proofs"); given && given->is_array()) proofs = given->as_array();
  const auto text = [&](const char* key) {
    const auto* v = event.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const auto* operators = event.if_contains("operators");
  if (!operators || !operators->is_array()) return event;
  std::vector<std::string> done;
  for (const auto& name_value : operators->as_array()) {
    if (!name_value.is_string()) continue;
    const std::string name(name_value.as_string());
    if (name == skip || std::find(done.begin(), done.end(), name) != done.end()) continue;
    done.push_back(name);
    bool has = false;
    for (const auto& p : proofs)
      has = has ||
            (p.is_object() && p.as_object().contains("operator") && p.as_object().at("operator") == json::value(name));
    if (has) continue;
    const json::object plaintext{{"v", 1},
                                 {"badge", badge_of(name)},
                                 {"pin", kPin},
                                 {"station", text("station")},
                                 {"operator", name},
                                 {"occurred_at", text("occurred_at")},
                                 {"idempotency_key", text("idempotency_key")}};
    proofs.push_back(json::object{{"operator", name}, {"sealed", sealed_proof(caller, plaintext)}});
  }
  event["proofs"] = std::move(proofs);
  return event;
}

}  // namespace cj::testing
