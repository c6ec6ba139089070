#include "server/quality/quality_routes.h"

#include <algorithm>
#include <charconv>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/clock.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/quality/figures_chart.h"
#include "server/quality/figures_csv.h"
#include "server/quality/figures_store.h"
#include "workflows/time_point.h"

namespace cj::quality {
namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using api::Role;
using base::Failure;

constexpr Role kReaders[] = {Role::kQa, Role::kCoordinator, Role::kAdmin};

bool reads_figures(Role role) {
  return std::find(std::begin(kReaders), std::end(kReaders), role) != std::end(kReaders);
}

std::string short_text(const Call& call, const char* name) {
  const auto value = call.query(name);
  if (!value) return "";
  if (value->empty() || value->size() > 64) {
    throw Failure::invalid_field(name, std::string("?") + name + " must be 1 to 64 characters.");
  }
  return *value;
}

FigureQuery query_of(const Call& call) {
  FigureQuery q;
  const auto until = call.query("until");
  // By default up to the end of this second: what was recorded a moment ago counts.
  q.until = until ? api::checked_utc_time(*until, "until")
                  : workflows::format_time(base::now_seconds() + std::chrono::seconds(1));
  const auto from = call.query("from");
  q.from = from ? api::checked_utc_time(*from, "from")
                : workflows::format_time(*workflows::parse_time(q.until) - std::chrono::days(365));
  if (q.until <= q.from) throw Failure::invalid_field("until", "?until must be later than ?from.");
  q.site = short_text(call, "site");
  q.product = short_text(call, "product");
  return q;
}

void validate(const Call& call) { query_of(call); }

// The caller's sites, refusing a ?site= that is not one of them.
FigureQuery scoped(const Call& call) {
  FigureQuery q = query_of(call);
  bool site_seen = q.site.empty();
  for (const auto& r : call.who().roles) {
    if (!reads_figures(r.role)) continue;
    if (std::find(q.site_ids.begin(), q.site_ids.end(), r.site_id) == q.site_ids.end()) q.site_ids.push_back(r.site_id);
    if (r.site_code == q.site) site_seen = true;
  }
  if (!site_seen) {
    throw Failure(base::ErrorKind::forbidden, "FORBIDDEN",
                  "You hold no QA, coordinator or admin role at site " + q.site + ".");
  }
  return q;
}

Figures figures_of(Call& call, pqxx::connection_base& db) {
  const FigureQuery q = scoped(call);
  pqxx::read_transaction tx(db, "quality figures");
  return read_figures(tx, q);
}

Response figures(Call& call, pqxx::connection_base& db) {
  const Figures f = figures_of(call, db);
  json::array deviations;
  for (const DeviationCount& d : f.deviations) {
    deviations.push_back({{"month", d.month},
                          {"product", d.product},
                          {"site", d.site},
                          {"kind", d.kind},
                          {"code", d.code},
                          {"severity", d.severity},
                          {"count", d.count}});
  }
  json::array durations;
  for (const DurationFigure& d : f.durations) {
    const Measure* m = find_measure(d.measure);
    const auto unit = [m](double s) { return s / m->unit_seconds; };
    durations.push_back({{"measure", d.measure},
                         {"unit", m->unit},
                         {"product", d.product},
                         {"site", d.site},
                         {"journeys", d.journeys},
                         {"median", unit(d.median_s)},
                         {"p25", unit(d.p25_s)},
                         {"p75", unit(d.p75_s)},
                         {"min", unit(d.min_s)},
                         {"max", unit(d.max_s)},
                         {"median_s", d.median_s}});
  }
  return call.json(
      200, json::object{{"from", f.query.from},
                        {"until", f.query.until},
                        {"site", f.query.site.empty() ? json::value(nullptr) : json::value(f.query.site)},
                        {"product", f.query.product.empty() ? json::value(nullptr) : json::value(f.query.product)},
                        {"deviations", std::move(deviations)},
                        {"durations", std::move(durations)}});
}

Response csv_file(std::string body, const char* stem) {
  Response res = api::content_response("text/csv; charset=utf-8; header=present", std::move(body));
  res.set_header("Content-Disposition", std::string("attachment; filename=\"") + stem + ".csv\"");
  return res;
}

Response deviations_file(Call& call, pqxx::connection_base& db) {
  return csv_file(deviations_csv(figures_of(call, db)), "quality-deviations");
}

Response durations_file(Call& call, pqxx::connection_base& db) {
  return csv_file(durations_csv(figures_of(call, db)), "quality-durations");
}

int size_query(const Call& call, const char* name, int fallback, int lo, int hi) {
  const auto text = call.query(name);
  if (!text) return fallback;
  int v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < lo || v > hi) {
    throw Failure::invalid_field(name, std::string("?") + name + " must be a whole number from " + std::to_string(lo) +
                                           " to " + std::to_string(hi) + ".");
  }
  return v;
}

void validate_chart(const Call& call) {
  validate(call);
  size_query(call, "width", 900, kChartMinWidth, kChartMaxWidth);
  size_query(call, "height", 400, kChartMinHeight, kChartMaxHeight);
}

Response deviations_chart(Call& call, pqxx::connection_base& db) {
  const int w = size_query(call, "width", 900, kChartMinWidth, kChartMaxWidth);
  const int h = size_query(call, "height", 400, kChartMinHeight, kChartMaxHeight);
  return api::content_response("image/png", render_deviations_png(figures_of(call, db), w, h));
}

Response durations_chart(Call& call, pqxx::connection_base& db) {
  const int w = size_query(call, "width", 900, kChartMinWidth, kChartMaxWidth);
  const int h = size_query(call, "height", 520, kChartMinHeight, kChartMaxHeight);
  return api::content_response("image/png", render_durations_png(figures_of(call, db), w, h));
}

}  // namespace

std::vector<api::Route> quality_routes() {
  const api::Access readers{false, {Role::kQa, Role::kCoordinator, Role::kAdmin}, false};
  return {
      {"GET", "/api/v1/quality/figures", readers, &figures, &validate},
      {"GET", "/api/v1/quality/deviations.csv", readers, &deviations_file, &validate},
      {"GET", "/api/v1/quality/durations.csv", readers, &durations_file, &validate},
      {"GET", "/api/v1/quality/deviations.png", readers, &deviations_chart, &validate_chart},
      {"GET", "/api/v1/quality/durations.png", readers, &durations_chart, &validate_chart},
  };
}

}  // namespace cj::quality
