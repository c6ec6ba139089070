#include "scanner/server_api.h"

#include <boost/json.hpp>

#include "scanner/sealing.h"

namespace cj::scanner {

namespace json = boost::json;

namespace {

std::string text_of(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

// A JSON string literal of `text` appended to `out` (the PIN never goes through json::value).
void append_quoted(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace

std::string Person::roles_text(const std::string& site) const {
  std::string text;
  for (const auto& r : roles) {
    if (!site.empty() && r.site != site) continue;
    if (text.find(r.role) != std::string::npos) continue;
    text.append(text.empty() ? "" : ", ").append(r.role);
  }
  return text;
}

bool Person::has_role(const std::string& site, const std::vector<std::string>& any_of) const {
  if (any_of.empty()) return true;
  for (const auto& r : roles) {
    if (!site.empty() && r.site != site) continue;
    for (const auto& wanted : any_of) {
      if (r.role == wanted) return true;
    }
  }
  return false;
}

SignIn sign_in(Poster& poster, const SecretText& badge, const SecretText& pin, const std::string& purpose) {
  std::string body = "{\"badge\":";
  append_quoted(body, badge.view());
  body += ",\"pin\":";
  append_quoted(body, pin.view());
  body += ",\"purpose\":";
  append_quoted(body, purpose);
  body += "}";
  const PostAnswer answer = poster.request("POST", "/api/v1/operator-tokens", body);
  wipe_string(body);
  SignIn result;
  if (answer.status == 0 || answer.status >= 500 || answer.status == 404) {
    // No server, or one that does not know sign-in yet: offline for the person at the station.
    result.message = answer.status == 0 ? answer.error : "HTTP " + std::to_string(answer.status);
    return result;
  }
  boost::system::error_code ec;
  const json::value value = json::parse(answer.body, ec);
  const json::object* object = ec ? nullptr : value.if_object();
  if (answer.status != 201 || !object) {
    result.kind = SignIn::Kind::Refused;
    const json::object* error = nullptr;
    if (object) {
      if (const auto* e = object->if_contains("error"); e && e->is_object()) error = &e->as_object();
    }
    result.code = error ? text_of(*error, "code") : "HTTP_" + std::to_string(answer.status);
    result.message = error ? text_of(*error, "message") : "The server did not sign you in.";
    return result;
  }
  result.kind = SignIn::Kind::SignedIn;
  result.token = text_of(*object, "token");
  result.expires_at = text_of(*object, "expires_at");
  if (const auto* idle = object->if_contains("idle_minutes"); idle && idle->is_int64()) {
    result.idle_minutes = static_cast<int>(idle->as_int64());
  }
  if (const auto* user = object->if_contains("user"); user && user->is_object()) {
    const auto& u = user->as_object();
    result.person.username = text_of(u, "username");
    result.person.display_name = text_of(u, "display_name");
    if (const auto* roles = u.if_contains("roles"); roles && roles->is_array()) {
      for (const auto& r : roles->as_array()) {
        if (!r.is_object()) continue;
        SiteRole role;
        role.site = text_of(r.as_object(), "site");
        role.role = text_of(r.as_object(), "role");
        result.person.roles.push_back(std::move(role));
      }
    }
  }
  if (result.person.display_name.empty()) result.person.display_name = result.person.username;
  return result;
}

bool sign_out(Poster& poster, const std::string& token) {
  std::string body = "{\"token\":";
  append_quoted(body, token);
  body += "}";
  return poster.request("POST", "/api/v1/operator-tokens/end", body).status == 204;
}

std::optional<SealingKey> fetch_sealing_key(Poster& poster) {
  const PostAnswer answer = poster.request("GET", "/api/v1/operator-tokens/sealing-key", "");
  if (answer.status != 200) return std::nullopt;
  return read_sealing_key(answer.body);
}

}  // namespace cj::scanner
