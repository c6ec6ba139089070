// Status and Result<T>: expected failures as values (LevelDB style).
//
// A Status is OK or carries a code and a message a person can act on ("PostgreSQL server
// binaries not found: looked in ..."). Result<T> holds either a T or a non-OK Status.
// Use them for failures the caller is expected to handle (missing binaries, refused migration,
// database unreachable); use exceptions or assert only for programmer errors.
//
// Both types are cheap values and [[nodiscard]]: ignoring one is a compile warning. They are
// not synchronised: share a const one freely, don't mutate one from two threads.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "base/result.h"

namespace cj::storage {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,     // the caller passed something unusable (bad name, bad path)
    kNotFound,            // a thing that should exist does not (binaries, database)
    kAlreadyExists,       // a thing that should not exist does
    kPermissionDenied,    // ownership or file permissions stand in the way
    kFailedPrecondition,  // the world is in a state that forbids this (schema too new, dir in use)
    kUnavailable,         // a server cannot be reached, or did not come up in time
    kIoError,             // a system call or subprocess failed
    kInternal,            // a bug or an unexpected answer
  };

  /// OK.
  Status() = default;

  static Status invalid_argument(std::string message) { return {Code::kInvalidArgument, std::move(message)}; }
  static Status not_found(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status already_exists(std::string message) { return {Code::kAlreadyExists, std::move(message)}; }
  static Status permission_denied(std::string message) { return {Code::kPermissionDenied, std::move(message)}; }
  static Status failed_precondition(std::string message) { return {Code::kFailedPrecondition, std::move(message)}; }
  static Status unavailable(std::string message) { return {Code::kUnavailable, std::move(message)}; }
  static Status io_error(std::string message) { return {Code::kIoError, std::move(message)}; }
  static Status internal(std::string message) { return {Code::kInternal, std::move(message)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  /// Empty when OK.
  const std::string& message() const { return message_; }
  /// "OK", or "<code name>: <message>".
  std::string to_string() const;

  /// A copy whose message is prefix + ": " + message(); OK stays OK.
  Status with_context(std::string_view prefix) const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

/// "ok", "invalid argument", "not found", ...
std::string_view code_name(Status::Code code);

}  // namespace cj::storage

namespace cj::base {

/// A Result is never built from an OK Status: one that is becomes kInternal.
template <>
struct ErrorTraits<storage::Status> {
  static storage::Status as_failure(storage::Status status) {
    return status.ok() ? storage::Status::internal("Result built from an OK Status") : status;
  }
};

}  // namespace cj::base

namespace cj::storage {

/// Either a value or the reason there is none: a non-OK Status (see base/result.h).
template <typename T>
using Result = base::Result<T, Status>;

}  // namespace cj::storage
