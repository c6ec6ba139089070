// Request: one HTTP request as a handler sees it. A plain value, free of the HTTP library, so that
// handlers compile without Asio and Beast and can be built in a test from four strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cj::api {

struct Header {
  std::string name;
  std::string value;
};

/// The first header called name (ASCII case-insensitive) in headers; empty when there is none.
std::string_view find_header(const std::vector<Header>& headers, std::string_view name);
/// Replaces every header called name (case-insensitive) with one name: value.
void set_header(std::vector<Header>& headers, std::string_view name, std::string value);

struct Request {
  std::string method;  // "GET", "POST", ... as sent
  std::string target;  // path and query as sent: "/api/v1/journeys?site=NORTH"
  std::vector<Header> headers;
  std::string body;
  /// The client's IP address as this server sees it (the TCP peer; behind a proxy, the proxy's).
  /// Empty when the request did not come from a connection (a test's hand-made one).
  std::string peer;

  std::string_view header(std::string_view name) const { return find_header(headers, name); }
  bool has_header(std::string_view name) const;
  void set_header(std::string_view name, std::string value) { api::set_header(headers, name, std::move(value)); }

  /// A query parameter's percent-decoded value, or nullopt (also when the target does not parse).
  std::optional<std::string> query(std::string_view name) const;
};

}  // namespace cj::api
