// A small client of the JSON API for end-to-end tests: one port, one set of credentials.
//
//   ApiClient anonymous(server.port());
//   ApiClient alice = anonymous.logged_in("alice", "correct horse battery");
//   auto reply = alice.post("/api/v1/users", {{"username", "bob"}, ...});
//   EXPECT_EQ(reply.status, 201) << reply.raw;
//   EXPECT_EQ(reply.error_code(), "...");   // for refusals
//
// An event posted (POST /api/v1/scans, POST /api/v1/journeys/{coi}/events) without "proofs"
// gets a proof sealed for each of its operators but the logged-in caller, made with their seeded
// badge and PIN (operator_proofs.h), as a real station proves the people signed in at it: the
// server refuses events without. unproven() sends events as they are (tests of that refusal).
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace cj::testing {

struct ApiReply {
  int status = 0;           // 0 when no answer came; error says why
  boost::json::value body;  // parsed JSON; null when the body is empty or not JSON
  std::string raw;          // the body as received
  std::string error;

  /// body["error"]["code"] / ["field"] of an error reply, or "".
  std::string error_code() const;
  std::string error_field() const;
  /// body[key] as a string, or "" when absent or not a string.
  std::string text(const char* key) const;
};

class ApiClient {
 public:
  explicit ApiClient(unsigned short port, std::string authorization = {})
      : port_(port), authorization_(std::move(authorization)) {}

  /// The same server with "Bearer <token>" / "Station <key>".
  ApiClient with_token(const std::string& token) const { return ApiClient(port_, "Bearer " + token); }
  ApiClient with_station_key(const std::string& key) const { return ApiClient(port_, "Station " + key); }
  /// The same client, posting events without adding proofs.
  ApiClient unproven() const {
    ApiClient copy = *this;
    copy.proving_ = false;
    return copy;
  }
  /// POSTs /api/v1/session; the client for the token it returns (fails the test otherwise).
  ApiClient logged_in(const std::string& username, const std::string& password) const;

  ApiReply get(const std::string& target) const { return send("GET", target, {}); }
  ApiReply post(const std::string& target, const boost::json::value& body) const;
  ApiReply put(const std::string& target, const boost::json::value& body) const;
  ApiReply del(const std::string& target) const { return send("DELETE", target, {}); }
  /// Any method with a body sent as is (for malformed JSON).
  ApiReply send(const std::string& method, const std::string& target, const std::string& body) const;

  const std::string& authorization() const { return authorization_; }

 private:
  unsigned short port_;
  std::string authorization_;
  std::string username_;  // logged_in(): the caller, whom the session proves
  bool proving_ = true;
};

}  // namespace cj::testing
