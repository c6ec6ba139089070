#include "server/board/board_routes.h"

#include <charconv>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/api/patient_view.h"
#include "server/board/board_query.h"
#include "workflows/journey_model.h"

namespace cj::board {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;

constexpr int kDefaultLimit = 200;
constexpr int kMaxLimit = 500;

std::optional<std::string> text_filter(const Call& call, const char* name) {
  auto value = call.query(name);
  if (!value || value->empty()) return std::nullopt;
  if (value->size() > 64) throw Failure::invalid_field(name, std::string(name) + " is at most 64 characters.");
  return value;
}

BoardFilter read_filter(const Call& call) {
  BoardFilter f;
  f.site_ids = call.who().site_ids();
  f.site = text_filter(call, "site");
  f.product = text_filter(call, "product");
  f.coi = text_filter(call, "coi");
  f.identifier = text_filter(call, "identifier");
  if (auto stage = text_filter(call, "stage")) {
    f.stage_index = workflows::core_journey_model().stage_of(*stage);
    if (f.stage_index == 0)
      throw Failure::invalid_field("stage", "stage is one of the 13 core steps (\"product.thaw\").");
  }
  if (auto overdue = text_filter(call, "overdue")) {
    if (*overdue != "true" && *overdue != "false") throw Failure::invalid_field("overdue", "overdue is true or false.");
    f.overdue = *overdue == "true";
  }
  if (auto limit = text_filter(call, "limit")) {
    int n = 0;
    const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || end != limit->data() + limit->size() || n < 1 || n > kMaxLimit) {
      throw Failure::invalid_field("limit", "limit is a number from 1 to 500.");
    }
    f.limit = n;
  } else {
    f.limit = kDefaultLimit;
  }
  if (auto after = text_filter(call, "after")) {
    if (!valid_cursor(*after)) throw Failure::invalid_field("after", "after is the next_cursor of a previous page.");
    f.after = after;
  }
  return f;
}

Response get_board(Call& call, pqxx::connection_base& db) {
  const BoardFilter filter = read_filter(call);
  pqxx::read_transaction tx(db, "board");
  const BoardPage page = read_board(tx, filter);
  json::array rows;
  rows.reserve(page.entries.size());
  for (const BoardEntry& e : page.entries) {
    json::object row = row_fields(e.row);
    row["patient"] = api::patient_json(call.who(), e.row.site_id, {e.initials, e.mrn, e.date_of_birth});
    row["overdue"] = e.overdue;
    rows.push_back(std::move(row));
  }
  json::object body{{"now", page.now}, {"total", page.total}, {"journeys", std::move(rows)}};
  body["next_cursor"] = page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr);
  return call.json(200, body);
}

json::array named_steps(const std::vector<workflows::NamedStep>& steps) {
  json::array out;
  for (const workflows::NamedStep& s : steps) out.push_back(json::object{{"step", s.step}, {"name", s.name}});
  return out;
}

Response get_journey_model(Call& call, pqxx::connection_base&) {
  const workflows::JourneyModel& model = workflows::core_journey_model();
  json::object side_steps;
  for (const workflows::NamedStep& s : model.side_steps) side_steps[s.step] = s.name;
  return call.json(200, json::object{{"steps", named_steps(model.steps)}, {"side_steps", std::move(side_steps)}});
}

}  // namespace

std::vector<api::Route> board_routes() {
  // Any user, for their sites. Not stations: the board lists the site's patients, and a station
  // needs no list (it scans the journey in front of it: POST /scans, GET /journeys/{coi}).
  const api::Access site_people;
  const api::Access users;  // any signed-in user: the model holds no patient or site data
  return {{"GET", "/api/v1/board", site_people, &get_board, [](const Call& c) { read_filter(c); }},
          {"GET", "/api/v1/journey-model", users, &get_journey_model}};
}

}  // namespace cj::board
