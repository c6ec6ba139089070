#include "server/journal/event_record.h"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace cj::journal {
namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

template <class T>
json::value or_null(const std::optional<T>& value) {
  if (!value) return nullptr;
  return json::value(*value);
}

}  // namespace

json::object to_json(const EventRecord& record) {
  json::object out;
  out["v"] = kRecordVersion;
  out["journey"] = record.journey;
  out["seq"] = record.seq;
  out["step"] = record.step;
  out["occurred_at"] = record.occurred_at;
  out["recorded_at"] = record.recorded_at;
  out["station"] = or_null(record.station);
  out["station_id"] = or_null(record.station_id);
  out["operators"] = strings(record.operators);
  out["scans"] = strings(record.scans);
  out["data"] = record.data;
  out["units"] = strings(record.units);
  out["decision"] = record.decision;
  out["decision_json"] = record.decision_json;
  out["corrects_event_id"] = or_null(record.corrects_event_id);
  out["correction_reason"] = or_null(record.correction_reason);
  out["idempotency_key"] = or_null(record.idempotency_key);
  return out;
}

std::string record_time(workflows::TimePoint time) {
  std::string text = workflows::format_time(time);  // "2026-11-20T10:00:00Z"
  text.insert(text.size() - 1, ".000000");
  return text;
}

}  // namespace cj::journal
