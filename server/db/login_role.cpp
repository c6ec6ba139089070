#include "server/db/login_role.h"

#include <memory>
#include <string_view>

#include <libpq-fe.h>

namespace cj::db {
namespace {

// key='value' with libpq's quoting: single quotes, with \ and ' escaped.
void append_setting(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out += ' ';
  out.append(key).append("='");
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  out += '\'';
}

}  // namespace

std::string with_login_role(const std::string& conninfo, const std::string& user) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(conninfo.c_str(), &error),
                                                                       &PQconninfoFree);
  if (error != nullptr) PQfreemem(error);
  if (!options) return {};
  std::string out;
  append_setting(out, "user", user);
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    const std::string_view key = o->keyword;
    if (o->val == nullptr || key == "user" || key == "password") continue;
    append_setting(out, key, o->val);
  }
  return out;
}

}  // namespace cj::db
