#include "server/quality/figures_store.h"

#include <pqxx/pqxx>

namespace cj::quality {
namespace {

std::string array_literal(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (const std::int64_t id : ids) {
    if (out.size() > 1) out += ",";
    out += std::to_string(id);
  }
  out += "}";
  return out;
}

// $1 site ids, $2 from, $3 until, $4 site code or '', $5 product or ''.
constexpr const char* kJourneysInScope =
    "j.site_id = ANY($1::bigint[]) AND ($4 = '' OR s.code = $4) AND ($5 = '' OR j.product = $5)";

std::vector<DeviationCount> deviation_counts(pqxx::transaction_base& tx, const FigureQuery& q, const std::string& ids) {
  const std::string sql =
      std::string(
          "SELECT month, product, site, kind, code, severity, count(*) FROM ("
          " SELECT to_char(d.raised_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, j.product, "
          "   s.code AS site, 'deviation' AS kind, d.code, d.severity "
          " FROM deviations d JOIN journeys j ON j.id = d.journey_id JOIN sites s ON s.id = j.site_id "
          " WHERE d.raised_at >= $2::timestamptz AND d.raised_at < $3::timestamptz AND ") +
      kJourneysInScope +
      " UNION ALL"
      " SELECT to_char(n.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM'), j.product, s.code, "
      "   'near_miss', n.code, 'critical' "
      " FROM near_misses n JOIN journeys j ON j.id = n.journey_id JOIN sites s ON s.id = j.site_id "
      " WHERE n.recorded_at >= $2::timestamptz AND n.recorded_at < $3::timestamptz AND " +
      kJourneysInScope + ") x GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6";
  std::vector<DeviationCount> out;
  for (const auto& r : tx.exec_params(sql, ids, q.from, q.until, q.site, q.product)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                   r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::int64_t>()});
  }
  return out;
}

// The SQL of one end of a stretch: ends a (its from step) and b (its to step) per journey.
std::string end_of(const Measure& m, bool from) {
  const Pick pick = from ? m.from : m.to;
  const char* side = from ? "a" : "b";
  if (pick == Pick::kFirst) return std::string(side) + ".first_at";
  if (pick == Pick::kLast) return std::string(side) + ".last_at";
  std::string sql = "(SELECT max(c.at) FROM counted c WHERE c.journey_id = b.journey_id AND c.step = '";
  sql.append(m.from_step).append("' AND c.at <= ").append(end_of(m, false)).append(")");
  return sql;
}

std::vector<DurationFigure> durations(pqxx::transaction_base& tx, const FigureQuery& q, const std::string& ids) {
  std::string steps, pairs;
  for (const Measure& m : kMeasures) {
    for (const std::string_view step : {m.from_step, m.to_step}) {
      steps.append(steps.empty() ? "'" : ", '").append(step).append("'");
    }
    pairs.append(pairs.empty() ? "" : " UNION ALL ")
        .append("SELECT '")
        .append(m.name)
        .append("' AS measure, b.journey_id, ")
        .append(end_of(m, true))
        .append(" AS from_at, ")
        .append(end_of(m, false))
        .append(" AS to_at FROM ends b JOIN ends a ON a.journey_id = b.journey_id AND a.step = '")
        .append(m.from_step)
        .append("' WHERE b.step = '")
        .append(m.to_step)
        .append("'");
  }
  // The events that count: accepted, and not named by an accepted correction.
  const std::string sql =
      std::string(
          "WITH counted AS ("
          " SELECT e.journey_id, e.step, e.occurred_at AS at"
          " FROM events e JOIN journeys j ON j.id = e.journey_id JOIN sites s ON s.id = j.site_id"
          " WHERE e.decision = 'accepted' AND e.step IN (") +
      steps +
      ") AND NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects_event_id = e.id AND c.decision = 'accepted') AND " +
      kJourneysInScope +
      "),"
      " ends AS (SELECT journey_id, step, min(at) AS first_at, max(at) AS last_at FROM counted GROUP BY 1, 2),"
      " pairs AS (" +
      pairs +
      "),"
      " stretches AS ("
      " SELECT p.measure, j.product, s.code AS site, extract(epoch FROM p.to_at - p.from_at)::float8 AS seconds"
      " FROM pairs p JOIN journeys j ON j.id = p.journey_id JOIN sites s ON s.id = j.site_id"
      " WHERE p.from_at IS NOT NULL AND p.to_at >= p.from_at AND p.to_at >= $2::timestamptz"
      "   AND p.to_at < $3::timestamptz)"
      " SELECT measure, product, site, count(*),"
      "  percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds),"
      "  percentile_cont(0.25) WITHIN GROUP (ORDER BY seconds),"
      "  percentile_cont(0.75) WITHIN GROUP (ORDER BY seconds), min(seconds), max(seconds)"
      " FROM stretches GROUP BY 1, 2, 3 ORDER BY 1, 2, 3";
  std::vector<DurationFigure> out;
  for (const auto& r : tx.exec_params(sql, ids, q.from, q.until, q.site, q.product)) {
    DurationFigure f;
    f.measure = r[0].as<std::string>();
    f.product = r[1].as<std::string>();
    f.site = r[2].as<std::string>();
    f.journeys = r[3].as<std::int64_t>();
    f.median_s = r[4].as<double>();
    f.p25_s = r[5].as<double>();
    f.p75_s = r[6].as<double>();
    f.min_s = r[7].as<double>();
    f.max_s = r[8].as<double>();
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Figures read_figures(pqxx::transaction_base& tx, const FigureQuery& query) {
  const std::string ids = array_literal(query.site_ids);
  Figures f;
  f.query = query;
  f.deviations = deviation_counts(tx, query, ids);
  f.durations = durations(tx, query, ids);
  return f;
}

}  // namespace cj::quality
