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

std::vector<DurationFigure> durations(pqxx::transaction_base& tx, const FigureQuery& q, const std::string& ids) {
  std::string measures;
  for (const Measure& m : kMeasures) {
    if (!measures.empty()) measures += ", ";
    measures.append("('")
        .append(m.name)
        .append("', '")
        .append(m.from_step)
        .append("', '")
        .append(m.to_step)
        .append("')");
  }
  const std::string sql =
      std::string(
          "WITH firsts AS ("
          " SELECT e.journey_id, e.step, min(e.occurred_at) AS at"
          " FROM events e JOIN journeys j ON j.id = e.journey_id JOIN sites s ON s.id = j.site_id"
          " WHERE e.decision = 'accepted' AND e.step IN ('apheresis.collect', 'infusion.start', "
          "   'manufacturing.receive', 'manufacturing.release', 'product.thaw') AND ") +
      kJourneysInScope +
      " GROUP BY 1, 2),"
      " stretches AS ("
      " SELECT m.measure, j.product, s.code AS site, extract(epoch FROM b.at - a.at)::float8 AS seconds"
      " FROM (VALUES " +
      measures +
      ") m (measure, from_step, to_step)"
      " JOIN firsts a ON a.step = m.from_step"
      " JOIN firsts b ON b.journey_id = a.journey_id AND b.step = m.to_step"
      " JOIN journeys j ON j.id = a.journey_id JOIN sites s ON s.id = j.site_id"
      " WHERE b.at >= a.at AND b.at >= $2::timestamptz AND b.at < $3::timestamptz)"
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
