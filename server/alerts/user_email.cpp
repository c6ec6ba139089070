#include "server/alerts/user_email.h"

#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/alerts/sql_values.h"
#include "server/audit/admin_log.h"
#include "server/db/statement.h"

namespace cj::alerts {

namespace {

constexpr db::Statement kSet{"alerts_user_email_set", "UPDATE users SET email = $2 WHERE id = $1"};

// The table's CHECK (0019) in C++, so that the refusal names the field.
const std::regex kAddress(R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$)");

}  // namespace

void check_email(const std::string& email) {
  if (email.size() > 254 || !std::regex_match(email, kAddress)) {
    throw base::Failure::invalid_field("email", "email must be an address such as nora@hospital.example.");
  }
}

void set_user_email(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username,
                    const std::optional<std::string>& email, const std::string& actor) {
  if (email) check_email(*email);
  db::exec0(tx, kSet, user_id, detail::text_or_null(email));
  audit::log_action(tx, actor, "user.email", username,
                    boost::json::object{{"email", email ? boost::json::value(*email) : boost::json::value(nullptr)}});
}

}  // namespace cj::alerts
