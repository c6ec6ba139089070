#include "server/storage/databases.h"

#include <cctype>
#include <regex>

#include <pqxx/pqxx>

namespace cj::storage {

namespace {

std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Status invalid_name(const std::string& what, const std::string& name) {
  return Status::invalid_argument(what + " '" + name + "' is not of the form [a-z_][a-z0-9_]{0,62}");
}

}  // namespace

std::string socket_uri(const std::filesystem::path& socket_dir, const std::string& user, const std::string& database) {
  return "postgresql:///" + percent_encode(database) + "?host=" + percent_encode(socket_dir.string()) +
         "&port=" + std::to_string(kClusterPort) + "&user=" + percent_encode(user);
}

bool valid_database_name(const std::string& name) {
  static const std::regex pattern("[a-z_][a-z0-9_]{0,62}");
  return std::regex_match(name, pattern);
}

Status status_of_database_error(const std::exception& e, const std::string& what) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) return Status::unavailable(what + ": " + e.what());
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    if (state == "42P04") return Status::already_exists(what + ": " + e.what());
    if (state == "55006") return Status::failed_precondition(what + ": " + e.what());
    if (state == "3D000") return Status::not_found(what + ": " + e.what());
  }
  return Status::internal(what + ": " + e.what());
}

Status create_database(const std::string& admin_uri, const std::string& name, const std::string& template_database) {
  if (!valid_database_name(name)) return invalid_name("database name", name);
  if (!template_database.empty() && !valid_database_name(template_database)) {
    return invalid_name("template name", template_database);
  }
  try {
    pqxx::connection conn{admin_uri};
    pqxx::nontransaction tx{conn};
    std::string sql = "CREATE DATABASE " + tx.quote_name(name);
    if (!template_database.empty()) sql += " TEMPLATE " + tx.quote_name(template_database);
    tx.exec0(sql);
    return {};
  } catch (const std::exception& e) {
    return status_of_database_error(e, "cannot create database " + name);
  }
}

Status drop_database(const std::string& admin_uri, const std::string& name) {
  if (!valid_database_name(name)) return invalid_name("database name", name);
  try {
    pqxx::connection conn{admin_uri};
    pqxx::nontransaction tx{conn};
    tx.exec0("DROP DATABASE IF EXISTS " + tx.quote_name(name) + " WITH (FORCE)");
    return {};
  } catch (const std::exception& e) {
    return status_of_database_error(e, "cannot drop database " + name);
  }
}

}  // namespace cj::storage
