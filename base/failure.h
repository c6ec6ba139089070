// Failure: a domain Error thrown, for code that abandons its work part-way through.
//
// Stores and handlers run inside a database transaction; throwing a Failure unwinds it (the
// transaction's destructor rolls back, so nothing half-written stays behind). The API answers
// it as {"error": {...}} with the status its kind maps to; the CLI prints its message. Code that
// can return instead of throwing returns a base::Result<T, Error>.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "base/error.h"

namespace cj::base {

class Failure : public std::runtime_error {
 public:
  explicit Failure(Error error) : std::runtime_error(error.message), error_(std::move(error)) {}
  Failure(ErrorKind kind, std::string code, std::string message, std::string field = {})
      : Failure(Error{std::move(code), std::move(message), std::move(field), kind}) {}

  const Error& error() const { return error_; }
  ErrorKind kind() const { return error_.kind; }
  const std::string& code() const { return error_.code; }
  const std::string& field() const { return error_.field; }

  // The common ones. Codes are stable: clients key on them.
  static Failure bad_request(std::string message, std::string field = {}) {
    return {ErrorKind::invalid, "BAD_REQUEST", std::move(message), std::move(field)};
  }
  static Failure invalid_field(std::string field, std::string message) {
    return {ErrorKind::invalid, "INVALID_FIELD", std::move(message), std::move(field)};
  }
  static Failure unauthenticated(std::string message) {
    return {ErrorKind::unauthenticated, "UNAUTHENTICATED", std::move(message)};
  }
  static Failure forbidden(std::string message) { return {ErrorKind::forbidden, "FORBIDDEN", std::move(message)}; }
  static Failure not_found(std::string message) { return {ErrorKind::not_found, "NOT_FOUND", std::move(message)}; }
  static Failure conflict(std::string code, std::string message) {
    return {ErrorKind::conflict, std::move(code), std::move(message)};
  }

 private:
  Error error_;
};

}  // namespace cj::base
