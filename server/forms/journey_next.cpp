// GET /api/v1/journeys/{coi}/next: what a station shows after the COI scan, for the nurse to
// confirm whose product it is and what comes next. The patient by initials only (no MRN, date
// of birth or wristband, whoever asks: the screen is in a corridor), the product, its bags, the
// last accepted step, and the steps expected next with their titles, due times and forms.
// A journey at another site answers 404 like one that does not exist (journeys/journey_access.h).
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/forms/form_routes.h"
#include "server/journeys/journey_access.h"
#include "server/journeys/journey_json.h"
#include "server/rules/site_rules.h"
#include "workflows/deadlines.h"
#include "workflows/step_form.h"
#include "workflows/time_point.h"

namespace cj::forms {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;

constexpr std::size_t kMaxCoi = 64;

std::string coi_of(const Call& call) {
  const std::string& coi = call.params.at(0);
  if (coi.empty() || coi.size() > kMaxCoi) throw base::Failure::invalid_field("coi", "A COI has 1 to 64 characters.");
  return coi;
}

bool is_bag(const std::string& kind) { return kind == "bag" || kind == "apheresis_bag" || kind == "vial"; }

json::object unit_summary(const workflows::Unit& unit) {
  json::object out{{"kind", unit.kind}};
  if (unit.din.empty()) {
    out["id"] = unit.id;
  } else {
    out["din"] = unit.din;
  }
  return out;
}

// The step of the newest accepted event, or nullptr before the first. A correction mends an
// earlier event and does not move the journey on: the stage stays the step before it.
const workflows::StepRule* last_step(const journal::LoadedJourney& journey, const workflows::Definition& definition) {
  for (auto it = journey.events.rbegin(); it != journey.events.rend(); ++it) {
    if (it->accepted && it->event.step != "correction") return definition.find_step(it->event.step);
  }
  return nullptr;
}

Response get_next(Call& call, pqxx::connection_base& db) {
  const std::string coi = coi_of(call);
  pqxx::read_transaction tx(db);
  const auto journey = journeys::visible_journey(tx, call.who(), coi);
  const auto rules = rules::site_definition(tx, journey.journey.site_id, journey.journey.product);
  const workflows::Definition& definition = rules->definition;

  json::object out;
  out["coi"] = journey.journey.coi;
  out["product"] = journey.journey.product;
  out["product_name"] = definition.name;
  out["patient_initials"] = journeys::patient_of(tx, journey.journey.id).initials;
  out["status"] = journey.journey.status;
  const workflows::StepRule* last = last_step(journey, definition);
  out["stage"] = last ? last->title : "Not started";
  out["last_step"] = last ? json::value(last->id) : json::value(nullptr);
  json::array units;
  int bags = 0;
  for (const auto& unit : journey.identity.units) {
    bags += is_bag(unit.kind) ? 1 : 0;
    units.push_back(unit_summary(unit));
  }
  out["bags"] = bags;
  out["units"] = std::move(units);

  const auto expected = workflows::next_steps(
      workflows::open_obligations(definition, journal::history(journey, definition), journal::context_of(journey)));
  json::array next;
  json::object forms;
  for (const workflows::Expectation& step : expected) {
    const workflows::StepRule* rule = definition.find_step(step.step);
    if (rule == nullptr) continue;
    next.push_back(json::object{
        {"step", rule->id},
        {"title", rule->title},
        {"due_by", step.due_by ? json::value(workflows::format_time(*step.due_by)) : json::value(nullptr)}});
    forms[rule->id] = workflows::step_form(definition, *rule);
  }
  out["next"] = std::move(next);
  out["forms"] = std::move(forms);
  return call.json(200, out);
}

}  // namespace

std::vector<api::Route> journey_next_routes() {
  return {{"GET", "/api/v1/journeys/{coi}/next", form_readers(), &get_next, [](const Call& c) { (void)coi_of(c); }}};
}

}  // namespace cj::forms
