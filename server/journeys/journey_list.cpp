// GET /api/v1/journeys?status=&product=&site=: the journeys of the caller's sites (a station:
// its own site), newest first, at most 500. Filters are exact; a site filter naming a site the
// caller holds no role at gives an empty list (as an unknown one does).
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "server/api/api_error.h"
#include "server/journeys/journey_json.h"
#include "server/journeys/journey_routes.h"

namespace cj::journeys {

namespace {

namespace json = boost::json;
using api::ApiError;
using api::Call;
using api::Response;

const char* filter(const std::optional<std::string>& value) { return value && !value->empty() ? value->c_str() : nullptr; }

Response list(Call& call, pqxx::connection_base& db) {
  const auto status = call.query("status");
  const auto product = call.query("product");
  const auto site = call.query("site");
  for (const auto* q : {&status, &product, &site}) {
    if (*q && q->value().size() > 64) throw ApiError::bad_request("A filter is at most 64 characters.");
  }
  pqxx::read_transaction tx(db);
  json::array journeys;
  const auto rows = tx.exec_params(
      "SELECT j.id FROM journeys j JOIN sites s ON s.id = j.site_id "
      "WHERE j.site_id = ANY($1::bigint[]) AND ($2::text IS NULL OR j.status = $2) "
      "AND ($3::text IS NULL OR j.product = $3) AND ($4::text IS NULL OR s.code = $4) "
      "ORDER BY j.created_at DESC, j.id DESC LIMIT 500",
      admin::id_array(call.who().site_ids()), filter(status), filter(product), filter(site));
  for (const auto& row : rows) journeys.push_back(journey_json(tx, row[0].as<std::int64_t>()));
  return call.json(200, json::object{{"journeys", std::move(journeys)}});
}

}  // namespace

std::vector<api::Route> list_routes() {
  api::Access site_people;
  site_people.stations = true;
  return {{"GET", "/api/v1/journeys", site_people, &list}};
}

}  // namespace cj::journeys
