#include "server/scans/operator_context.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"

namespace cj::scans {

namespace {

constexpr db::Statement kRoles{
    "scans_operators_roles",
    "SELECT u.username, r.role FROM users u "
    "LEFT JOIN user_site_roles r ON r.user_id = u.id AND r.site_id = $2 "
    "WHERE u.active AND u.username IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY 1, 2"};
constexpr db::Statement kQualifications{
    "scans_operators_qualifications",
    "SELECT u.username, q.qualification, iso_utc(q.valid_from), iso_utc(q.valid_until) FROM users u "
    "JOIN qualifications q ON q.user_id = u.id "
    "WHERE u.active AND u.username IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY 1, 2, 3"};

std::string json_array(const std::vector<std::string>& items) {
  boost::json::array array;
  for (const auto& item : items) array.emplace_back(item);
  return boost::json::serialize(array);
}

std::optional<workflows::TimePoint> time_of(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return workflows::parse_time(field.as<std::string>());
}

}  // namespace

std::map<std::string, workflows::Operator, std::less<>> operators_at_site(pqxx::transaction_base& tx,
                                                                          std::int64_t site_id,
                                                                          const std::vector<std::string>& usernames) {
  std::map<std::string, workflows::Operator, std::less<>> operators;
  const std::string names = json_array(usernames);
  for (const auto& row : db::exec(tx, kRoles, names, site_id)) {
    auto& person = operators[row[0].as<std::string>()];
    if (!row[1].is_null()) person.roles.push_back(row[1].as<std::string>());
  }
  for (const auto& row : db::exec(tx, kQualifications, names)) {
    auto it = operators.find(row[0].as<std::string>());
    if (it == operators.end()) continue;
    it->second.qualifications.push_back({row[1].as<std::string>(), time_of(row[2]), time_of(row[3])});
  }
  return operators;
}

}  // namespace cj::scans
