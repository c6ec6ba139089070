// ApiError: how a handler abandons a request with a clear answer to the client.
//
// Thrown inside an API handler (on a database worker); the router turns it into
//   {"error": {"code": "...", "message": "...", "field": "..."}}
// with its HTTP status. The transaction the handler had open is rolled back by its destructor,
// so nothing half-written stays behind.
#pragma once

#include <stdexcept>
#include <string>

namespace cj::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }

  // The common ones. Codes are stable: clients key on them.
  static ApiError bad_request(std::string message, std::string field = {}) {
    return {400, "BAD_REQUEST", std::move(message), std::move(field)};
  }
  static ApiError invalid_field(std::string field, std::string message) {
    return {400, "INVALID_FIELD", std::move(message), std::move(field)};
  }
  static ApiError unauthenticated(std::string message) { return {401, "UNAUTHENTICATED", std::move(message)}; }
  static ApiError forbidden(std::string message) { return {403, "FORBIDDEN", std::move(message)}; }
  static ApiError not_found(std::string message) { return {404, "NOT_FOUND", std::move(message)}; }
  static ApiError conflict(std::string code, std::string message) { return {409, std::move(code), std::move(message)}; }

 private:
  int status_;
  std::string code_;
  std::string field_;
};

}  // namespace cj::api
