// GET /api/v1/forms[?product=kymriah][&site=CODE]: every step's form of the product with the
// site's rules, in definition order (side exits too); without product, the core journey's
// outline (titles and scans, no product or site rule). A station gets its own site's rules.
#include <algorithm>

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/admin/scope.h"
#include "server/forms/form_routes.h"
#include "server/forms/product_rules.h"
#include "workflows/product_catalog.h"
#include "workflows/step_form.h"

namespace cj::forms {

namespace {

using api::Call;
using api::Response;

struct FormQuery {
  std::string product;  // empty: the core journey
  std::optional<std::string> site;
};

FormQuery read_query(const Call& call) {
  FormQuery query;
  query.product = call.query("product").value_or("");
  if (!query.product.empty()) {
    const auto known = workflows::embedded_product_names();
    if (std::find(known.begin(), known.end(), query.product) == known.end()) {
      std::string names;
      for (const auto& name : known) names += (names.empty() ? "" : ", ") + name;
      throw base::Failure(base::ErrorKind::not_found, "UNKNOWN_PRODUCT",
                          "No product '" + query.product.substr(0, 64) + "' (known: " + names + ").", "product");
    }
  }
  query.site = call.query("site");
  if (query.site) admin::check_site_code(*query.site, "site");
  return query;
}

Response get_forms(Call& call, pqxx::connection_base& db) {
  const FormQuery query = read_query(call);
  if (query.product.empty()) return call.json(200, workflows::definition_forms(workflows::embedded_core_outline()));
  pqxx::read_transaction tx(db);
  const auto rules = product_at_site(tx, call.who(), query.product, query.site);
  return call.json(200, workflows::definition_forms(rules->definition));
}

}  // namespace

std::vector<api::Route> step_form_routes() {
  return {{"GET", "/api/v1/forms", form_readers(), &get_forms, [](const Call& c) { (void)read_query(c); }}};
}

}  // namespace cj::forms
