#include "server/trail/trail_filter.h"

#include <algorithm>
#include <charconv>

#include "base/failure.h"
#include "server/api/json_fields.h"

namespace cj::trail {
namespace {

using base::Failure;

constexpr std::string_view kKindNames[] = {"event",   "refusal", "deviation", "signature",
                                           "sign_in", "admin",   "export",    "label_print"};
static_assert(std::size(kKindNames) == std::size(kAllKinds));

constexpr std::size_t kMaxText = 200;

template <typename Int>
bool parse_int(std::string_view text, Int& out) {
  if (text.empty() || text.size() > 19) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::optional<std::string> text_param(std::string_view name, const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  if (value->empty() || value->size() > kMaxText) {
    std::string message = "?";
    message.append(name).append(" must be 1 to 200 characters.");
    throw Failure::bad_request(std::move(message), std::string(name));
  }
  return value;
}

std::vector<Kind> kinds_of(const std::string& list) {
  std::vector<Kind> kinds;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view name = std::string_view(list).substr(start, comma - start);
    const auto kind = parse_kind(name);
    if (!kind) {
      std::string message =
          "?kind lists event, refusal, deviation, signature, sign_in, admin, export or label_print, "
          "separated by commas; \"";
      message.append(name.substr(0, 40)).append("\" is none of them.");
      throw Failure::bad_request(std::move(message), "kind");
    }
    if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end()) kinds.push_back(*kind);
    start = comma + 1;
  }
  return kinds;
}

}  // namespace

std::string_view kind_name(Kind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<Kind> parse_kind(std::string_view name) {
  for (const Kind kind : kAllKinds) {
    if (kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string format_cursor(const Cursor& cursor) {
  return std::to_string(cursor.at_us) + "." + std::to_string(cursor.rank) + "." + std::to_string(cursor.id);
}

std::optional<Cursor> parse_cursor(std::string_view text) {
  const std::size_t first = text.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const std::size_t second = text.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  Cursor c;
  if (!parse_int(text.substr(0, first), c.at_us) || !parse_int(text.substr(first + 1, second - first - 1), c.rank) ||
      !parse_int(text.substr(second + 1), c.id)) {
    return std::nullopt;
  }
  if (c.at_us < 0 || c.rank < 0 || c.rank > 9 || c.id < 0) return std::nullopt;
  return c;
}

bool Filter::wants(Kind kind) const {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

Filter parse_filter(const std::function<std::optional<std::string>(std::string_view)>& query) {
  Filter f;
  if (const auto kinds = text_param("kind", query("kind"))) f.kinds = kinds_of(*kinds);
  f.coi = text_param("coi", query("coi"));
  f.person = text_param("person", query("person"));
  f.station = text_param("station", query("station"));
  if (const auto from = text_param("from", query("from"))) f.from = api::checked_utc_time(*from, "from");
  if (const auto until = text_param("until", query("until"))) f.until = api::checked_utc_time(*until, "until");
  if (f.from && f.until && *f.until <= *f.from) {
    throw Failure::bad_request("?until must be later than ?from.", "until");
  }
  if (const auto after = query("after")) {
    f.after = parse_cursor(*after);
    if (!f.after) throw Failure::bad_request("?after is not a cursor this server gave (use \"next\").", "after");
  }
  if (const auto limit = query("limit")) {
    if (!parse_int(*limit, f.limit) || f.limit < 1 || f.limit > kMaxLimit) {
      throw Failure::bad_request("?limit must be a whole number from 1 to 500.", "limit");
    }
  }
  return f;
}

std::string describe(const Filter& filter) {
  std::string out;
  const auto add = [&](std::string_view label, const std::string& value) {
    if (!out.empty()) out += "; ";
    out.append(label).append(" ").append(value);
  };
  if (!filter.kinds.empty()) {
    std::string kinds;
    for (const Kind k : filter.kinds) {
      if (!kinds.empty()) kinds += ", ";
      kinds += kind_name(k);
    }
    add("kind", kinds);
  }
  if (filter.coi) add("journey", *filter.coi);
  if (filter.person) add("person", *filter.person);
  if (filter.station) add("station", *filter.station);
  if (filter.from) add("from", *filter.from);
  if (filter.until) add("until", *filter.until);
  return out.empty() ? "every record" : out;
}

}  // namespace cj::trail
