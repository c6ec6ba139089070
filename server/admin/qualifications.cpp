#include "server/admin/qualifications.h"

#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/db/statement.h"

namespace cj::admin {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr db::Statement kCheckOrder{"admin_qualifications_check_order", "SELECT $1::timestamptz <= $2::timestamptz"};
constexpr db::Statement kInsert{
    "admin_qualifications_insert",
    "INSERT INTO qualifications (user_id, qualification, valid_from, valid_until, issuing_centre) "
    "VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5) RETURNING id"};

// With its origin: recorded here, or imported from a passport (migration 0008).
constexpr char kSelect[] =
    "SELECT q.id, q.qualification, iso_utc(q.valid_from), iso_utc(q.valid_until), q.issuing_centre, "
    "iso_utc(q.recorded_at), q.valid_from <= now() AND (q.valid_until IS NULL OR q.valid_until > now()), "
    "p.passport_id, c.name, iso_utc(p.imported_at), p.imported_by FROM qualifications q "
    "LEFT JOIN passport_imports p ON p.id = q.passport_import_id LEFT JOIN trusted_centres c ON c.id = p.centre_id ";
constexpr auto kOfUserSql = db::sql(kSelect, "WHERE q.user_id = $1 ORDER BY q.qualification, q.valid_from");
constexpr db::Statement kOfUser{"admin_qualifications_of_user", kOfUserSql.data()};
constexpr auto kByIdSql = db::sql(kSelect, "WHERE q.id = $1");
constexpr db::Statement kById{"admin_qualifications_by_id", kByIdSql.data()};

json::object qualification_json(const pqxx::row& row) {
  json::object q{{"id", row[0].as<std::int64_t>()},
                 {"qualification", row[1].as<std::string>()},
                 {"valid_from", row[2].as<std::string>()},
                 {"valid_until", nullptr},
                 {"issuing_centre", nullptr},
                 {"recorded_at", row[5].as<std::string>()},
                 {"current", row[6].as<bool>()}};
  if (!row[3].is_null()) q["valid_until"] = row[3].as<std::string>();
  if (!row[4].is_null()) q["issuing_centre"] = row[4].as<std::string>();
  if (row[7].is_null()) {
    q["origin"] = json::object{{"kind", "local"}};
  } else {
    q["origin"] = json::object{{"kind", "passport"},
                               {"passport_id", row[7].as<std::string>()},
                               {"centre", row[8].as<std::string>()},
                               {"imported_at", row[9].as<std::string>()},
                               {"imported_by", row[10].as<std::string>()}};
  }
  return q;
}

Response list_qualifications(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto user_id = visible_user(tx, call.who(), call.params.at(0));
  json::array list;
  for (const auto& row : db::exec(tx, kOfUser, user_id)) {
    list.push_back(qualification_json(row));
  }
  return call.json(200, json::object{{"username", call.params.at(0)}, {"qualifications", std::move(list)}});
}

NewQualification qualification_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"qualification", "valid_from", "valid_until", "issuing_centre"});
  NewQualification q{api::required_string(body, "qualification", 64), api::required_string(body, "valid_from", 20),
                     api::optional_string(body, "valid_until", 20), api::optional_string(body, "issuing_centre", 200)};
  api::checked_utc_time(q.valid_from, "valid_from");
  if (q.valid_until) api::checked_utc_time(*q.valid_until, "valid_until");
  return q;
}

Response post_qualification(Call& call, pqxx::connection_base& db) {
  const NewQualification q = qualification_of(call);
  pqxx::work tx(db);
  const auto user_id = visible_user(tx, call.who(), call.params.at(0));
  auto document = add_qualification(tx, user_id, call.params.at(0), q, call.who().name);
  tx.commit();
  return call.json(201, document);
}

}  // namespace

json::object add_qualification(pqxx::transaction_base& tx, std::int64_t user_id, const std::string& username,
                               const NewQualification& q, const std::string& actor) {
  static const std::regex name_shape("[a-z0-9][a-z0-9._-]{0,63}");
  if (!std::regex_match(q.qualification, name_shape)) {
    throw Failure::invalid_field("qualification",
                                 "'" + q.qualification +
                                     "' is not a qualification name (lowercase letters, digits, "
                                     "'.', '_', '-', as the product definitions name them, e.g. kymriah).");
  }
  const auto from = api::checked_utc_time(q.valid_from, "valid_from");
  const auto until = q.valid_until ? api::checked_utc_time(*q.valid_until, "valid_until") : std::string();
  if (q.issuing_centre) check_display_name(*q.issuing_centre, "issuing_centre");
  if (!until.empty() && db::exec1(tx, kCheckOrder, until, from)[0].as<bool>()) {
    throw Failure::invalid_field("valid_until", "valid_until must be after valid_from.");
  }
  const auto id = db::exec1(tx, kInsert, user_id, q.qualification, from, until.empty() ? nullptr : until.c_str(),
                            q.issuing_centre ? q.issuing_centre->c_str() : nullptr)[0]
                      .as<std::int64_t>();
  json::object details{{"qualification", q.qualification}, {"valid_from", from}};
  if (!until.empty()) details["valid_until"] = until;
  if (q.issuing_centre) details["issuing_centre"] = *q.issuing_centre;
  audit::log_action(tx, actor, "qualification.add", username, details);
  return qualification_json(db::exec1(tx, kById, id));
}

std::vector<api::Route> qualification_routes() {
  api::Access admins;
  admins.roles = {api::Role::kAdmin};
  return {
      {"GET", "/api/v1/users/{username}/qualifications", admins, &list_qualifications},
      {"POST", "/api/v1/users/{username}/qualifications", admins, &post_qualification,
       [](const Call& c) { qualification_of(c); }},
  };
}

}  // namespace cj::admin
