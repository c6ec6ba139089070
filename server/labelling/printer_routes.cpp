#include "server/labelling/printer_routes.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/labelling/printers.h"

namespace cj::labelling {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

json::object printer_json(const api::Principal& who, const PrinterRow& p) {
  json::object out{{"site", p.site}, {"name", p.name}, {"format", labels::format_name(p.format)}, {"dpi", p.dpi}};
  if (who.has_role(api::Role::kAdmin, p.site_id)) out["uri"] = p.uri;
  return out;
}

// GET /api/v1/printers[?site=CODE]
Response printers(Call& call, pqxx::connection_base& db) {
  const auto site = call.query("site");
  pqxx::read_transaction tx(db);
  if (site) {
    const auto site_id = admin::find_site(tx, *site);
    if (!site_id || !call.who().can_see_site(*site_id)) {
      throw Failure(base::ErrorKind::not_found, "UNKNOWN_SITE", "There is no site '" + *site + "' that you work at.",
                    "site");
    }
  }
  auto rows = list_printers(tx, site);
  tx.commit();
  std::erase_if(rows, [&](const PrinterRow& p) { return !call.who().can_see_site(p.site_id); });
  json::array out;
  for (const auto& p : rows) out.push_back(printer_json(call.who(), p));
  return call.json(200, json::object{{"printers", std::move(out)}});
}

}  // namespace

std::vector<api::Route> printer_routes() {
  api::Access anyone_logged_in;
  anyone_logged_in.stations = true;
  return {{"GET", "/api/v1/printers", anyone_logged_in, &printers}};
}

}  // namespace cj::labelling
