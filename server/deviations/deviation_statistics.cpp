#include "server/deviations/deviation_statistics.h"

#include <algorithm>
#include <chrono>

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/deviations/deviation_store.h"
#include "server/deviations/lifecycle.h"
#include "server/near_misses/foreign_identity.h"
#include "server/near_misses/near_miss_store.h"
#include "server/near_misses/qa_sites.h"
#include "workflows/time_point.h"

namespace cj::deviations {

namespace {

namespace json = boost::json;
using base::Failure;

// The day as given, and the UTC time the range starts (from) or ends before (to: the next day).
struct Day {
  std::string text;
  std::string bound;
};

std::optional<Day> day_of(const api::Call& call, const char* field, bool end) {
  const auto text = call.query(field);
  if (!text) return std::nullopt;
  const auto day = workflows::parse_date(*text);
  if (!day) throw Failure::invalid_field(field, std::string(field) + " must be a date, YYYY-MM-DD.");
  return Day{*text, workflows::format_time(end ? *day + std::chrono::days{1} : *day)};
}

std::optional<std::string> bound(const std::optional<Day>& day) {
  if (!day) return std::nullopt;
  return day->bound;
}

json::value text_or_null(const std::optional<Day>& day) { return day ? json::value(day->text) : json::value(nullptr); }

std::int64_t& at(json::object& counts, const std::string& key) {
  auto& value = counts[key];
  if (!value.is_int64()) value = std::int64_t{0};
  return value.as_int64();
}

json::object deviation_counts(const std::vector<StatusCount>& counts) {
  json::object by_code;
  json::object by_status;
  for (std::string_view status : kStatuses) by_status[status] = 0;
  std::int64_t total = 0;
  for (const auto& c : counts) {
    auto& code = by_code[c.code];
    if (!code.is_object()) {
      json::object zero;
      for (std::string_view status : kStatuses) zero[status] = 0;
      zero["total"] = 0;
      code = std::move(zero);
    }
    at(code.as_object(), c.status) += c.count;
    at(code.as_object(), "total") += c.count;
    at(by_status, c.status) += c.count;
    total += c.count;
  }
  return {{"total", total}, {"by_status", std::move(by_status)}, {"by_code", std::move(by_code)}};
}

json::object near_miss_counts(const std::vector<near_misses::CodeCount>& counts) {
  json::object by_code;
  for (const auto code : near_misses::kNearMissCodes) {
    by_code[workflows::code_name(code)] = json::object{{"unreviewed", 0}, {"reviewed", 0}, {"total", 0}};
  }
  json::object by_status{{"unreviewed", 0}, {"reviewed", 0}};
  std::int64_t total = 0;
  for (const auto& c : counts) {
    auto& code = by_code[c.code];
    if (!code.is_object()) code = json::object{{"unreviewed", 0}, {"reviewed", 0}, {"total", 0}};
    const char* status = c.reviewed ? "reviewed" : "unreviewed";
    at(code.as_object(), status) += c.count;
    at(code.as_object(), "total") += c.count;
    at(by_status, status) += c.count;
    total += c.count;
  }
  return {{"total", total}, {"by_status", std::move(by_status)}, {"by_code", std::move(by_code)}};
}

struct Range {
  std::vector<std::int64_t> site_ids;
  std::optional<Day> from, to;
};

Range range_of(const api::Call& call) {
  Range r{near_misses::qa_sites(call.who(), call.query("site")), day_of(call, "from", false), day_of(call, "to", true)};
  if (r.from && r.to && r.to->bound <= r.from->bound) throw Failure::invalid_field("to", "to must not be before from.");
  return r;
}

}  // namespace

void check_statistics_query(const api::Call& call) { range_of(call); }

api::Response deviation_statistics(api::Call& call, pqxx::connection_base& db) {
  const auto [site_ids, from, to] = range_of(call);
  pqxx::read_transaction tx(db);
  const auto deviations = count_deviations(tx, site_ids, bound(from), bound(to));
  const auto near = near_misses::count_near_misses(tx, site_ids, bound(from), bound(to));
  json::array sites;
  for (const auto& held : call.who().roles) {
    const bool counted = std::find(site_ids.begin(), site_ids.end(), held.site_id) != site_ids.end();
    const bool listed =
        std::any_of(sites.begin(), sites.end(), [&](const json::value& s) { return s.as_string() == held.site_code; });
    if (counted && !listed) sites.emplace_back(held.site_code);
  }
  return call.json(200, json::object{{"sites", std::move(sites)},
                                     {"from", text_or_null(from)},
                                     {"to", text_or_null(to)},
                                     {"deviations", deviation_counts(deviations)},
                                     {"near_misses", near_miss_counts(near)}});
}

}  // namespace cj::deviations
