#include "tests/bench/ingest/exactly_once.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

namespace cj::bench {

ExactlyOnce check_exactly_once(const std::string& uri, const std::vector<Acknowledged>& acknowledged) {
  boost::json::array acked;
  for (const auto& a : acknowledged) acked.push_back(boost::json::object{{"key", a.key}, {"event_id", a.event_id}});
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn);
  // One row per acknowledged key: how many events carry it, the first of them, and whether
  // its answer is stored (what a later replay would get).
  const auto row = tx.exec_params1(
      "WITH acked AS (SELECT key, event_id FROM jsonb_to_recordset($1::jsonb) AS a(key text, event_id bigint)),"
      " stored AS (SELECT a.key, a.event_id, count(e.id) AS n, min(e.id) AS first_id,"
      "   EXISTS (SELECT 1 FROM idempotency i WHERE i.key = a.key) AS answered"
      "   FROM acked a LEFT JOIN events e ON e.idempotency_key = a.key GROUP BY a.key, a.event_id)"
      " SELECT count(*), count(*) FILTER (WHERE n = 0), count(*) FILTER (WHERE n > 1),"
      "  count(*) FILTER (WHERE n = 1 AND first_id <> event_id), count(*) FILTER (WHERE NOT answered),"
      "  (SELECT count(*) FROM (SELECT idempotency_key FROM events WHERE idempotency_key IS NOT NULL"
      "    GROUP BY 1 HAVING count(*) > 1) d)"
      " FROM stored",
      boost::json::serialize(acked));
  ExactlyOnce r;
  r.checked = row[0].as<std::size_t>();
  r.missing = row[1].as<std::size_t>();
  r.duplicated = row[2].as<std::size_t>();
  r.other_event = row[3].as<std::size_t>();
  r.without_answer = row[4].as<std::size_t>();
  r.duplicate_keys = row[5].as<std::size_t>();
  return r;
}

}  // namespace cj::bench
