// The server, as far as the station's loop tests need one, in-process (unit tests only; the
// end-to-end tests in end_to_end/ run the real server): it signs in ann (badge BADGE-ANN, PIN
// 246802) and bob (BADGE-BOB, 135791), serves a sealing key it can open, the forms given, and
// accepts every scan set while online. Thread-safe: the sender posts while the loop asks.
#pragma once

#include <sodium.h>

#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "scanner/poster.h"

namespace cj::scanner::testing {

class FakeServer : public Poster {
 public:
  FakeServer() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
    crypto_box_keypair(public_key_, secret_key_);
  }

  PostAnswer post_scan(const std::string& body) override {
    std::lock_guard lock(mutex_);
    if (!online) return {0, "", "Connection refused"};
    scans.push_back(body);
    return {200, R"({"decision":"accepted","next":[]})", ""};
  }

  PostAnswer request(const std::string& method, const std::string& path, const std::string& body) override {
    std::lock_guard lock(mutex_);
    requests.push_back(method + " " + path);
    if (!online) return {0, "", "Connection refused"};
    if (path == "/api/v1/operator-tokens/sealing-key") {
      char key[64];
      sodium_bin2base64(key, sizeof key, public_key_, sizeof public_key_, sodium_base64_VARIANT_ORIGINAL);
      return {200, boost::json::serialize(boost::json::object{{"key", key}, {"key_id", "0123456789abcdef"}}), ""};
    }
    if (path == "/api/v1/operator-tokens") {
      const auto request = boost::json::parse(body).as_object();
      const std::string badge(request.at("badge").as_string());
      const std::string pin(request.at("pin").as_string());
      const std::string purpose(request.at("purpose").as_string());
      std::string user, name, role;
      if (badge == "BADGE-ANN" && pin == "246802") user = "ann.w1", name = "Ann Smith", role = "apheresis";
      if (badge == "BADGE-BOB" && pin == "135791") user = "bob.w1", name = "Bob Jones", role = "apheresis";
      if (badge == "BADGE-CAT" && pin == "135791") user = "cat.w1", name = "Cat Lee", role = "pharmacy";
      if (user.empty()) {
        return {401, R"({"error":{"code":"BAD_CREDENTIALS","message":"Unknown badge or wrong PIN."}})", ""};
      }
      boost::json::object answer{
          {"token", "tok-" + user + "-" + purpose},
          {"purpose", purpose},
          {"expires_at", "2030-01-01T00:00:00Z"},
          {"idle_minutes", 15},
          {"user",
           boost::json::object{{"username", user},
                               {"display_name", name},
                               {"roles", boost::json::array{boost::json::object{{"site", "w1"}, {"role", role}}}},
                               {"qualifications", boost::json::array{}}}}};
      return {201, boost::json::serialize(answer), ""};
    }
    if (path == "/api/v1/operator-tokens/end") return {204, "", ""};
    if (path == "/api/v1/forms") return forms_body.empty() ? PostAnswer{404, "", ""} : PostAnswer{200, forms_body, ""};
    return {404, R"({"error":{"code":"NOT_FOUND","message":"No such thing."}})", ""};
  }

  // Opens a sealed proof as the server does; empty when it does not open.
  std::string open(const std::string& sealed_base64) const {
    std::vector<unsigned char> sealed(sealed_base64.size());
    std::size_t length = 0;
    if (sodium_base642bin(sealed.data(), sealed.size(), sealed_base64.data(), sealed_base64.size(), nullptr, &length,
                          nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length < crypto_box_SEALBYTES) {
      return {};
    }
    std::string plain(length - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), sealed.data(), length, public_key_,
                             secret_key_) != 0) {
      return {};
    }
    return plain;
  }

  void set_online(bool value) {
    std::lock_guard lock(mutex_);
    online = value;
  }
  std::vector<std::string> posted() {
    std::lock_guard lock(mutex_);
    return scans;
  }

  std::string forms_body;

 private:
  std::mutex mutex_;
  bool online = true;
  std::vector<std::string> scans;
  std::vector<std::string> requests;
  unsigned char public_key_[crypto_box_PUBLICKEYBYTES];
  unsigned char secret_key_[crypto_box_SECRETKEYBYTES];
};

}  // namespace cj::scanner::testing
