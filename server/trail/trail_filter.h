// What a reviewer asks of the audit trail (GET /api/v1/audit/trail): which kinds of record, of
// which journey, person or station, between which times, and where the last page ended.
//
//   ?kind=refusal,sign_in  ?coi=CH...  ?person=alice  ?station=APH-1
//   ?from=2026-12-01T00:00:00Z  ?until=2026-12-02T00:00:00%2B01:00 (a '+' encoded)  ?limit=100  ?after=<cursor>
//
// Pure: parsed from the query, checked, and handed to the store (trail_store.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cj::trail {

/// The kinds of recorded action, as the API and the CSV name them.
enum class Kind : std::uint8_t {
  kEvent,       // an accepted step of a journey
  kRefusal,     // a step refused by the engine (a wrong-patient scan among them)
  kDeviation,   // a deviation raised, acknowledged, investigated, closed, reopened...
  kSignature,   // an electronic signature given, or refused for a wrong password
  kSignIn,      // sign-ins, sign-outs and failed attempts, at a desk or a station
  kAdmin,       // accounts, roles, sites, stations, rules, plans, identifiers, checkpoints
  kExport,      // a copy taken out of the system: registry CSV, FHIR, passports, this trail
  kLabelPrint,  // a label sent to a printer, reprints with their reason
};
inline constexpr Kind kAllKinds[] = {Kind::kEvent,  Kind::kRefusal, Kind::kDeviation, Kind::kSignature,
                                     Kind::kSignIn, Kind::kAdmin,   Kind::kExport,    Kind::kLabelPrint};

/// "event", "refusal", "deviation", "signature", "sign_in", "admin", "export", "label_print".
std::string_view kind_name(Kind kind);
std::optional<Kind> parse_kind(std::string_view name);

/// Where a page ended: the last entry's time (microseconds since 1970 UTC), its source's rank
/// and its row id. Entries are ordered newest first by (at, rank, id).
struct Cursor {
  std::int64_t at_us = 0;
  int rank = 0;
  std::int64_t id = 0;
  bool operator==(const Cursor&) const = default;
};
/// "1733330000123456.1.42", opaque to clients.
std::string format_cursor(const Cursor& cursor);
std::optional<Cursor> parse_cursor(std::string_view text);

inline constexpr int kDefaultLimit = 100;
inline constexpr int kMaxLimit = 500;

struct Filter {
  std::vector<Kind> kinds;  // empty: every kind
  std::optional<std::string> coi, person, station;
  std::optional<std::string> from, until;  // UTC times usable as ::timestamptz; from <= at < until
  std::optional<Cursor> after;
  int limit = kDefaultLimit;

  bool wants(Kind kind) const;
};

/// Reads the filter from a query lookup (name -> value, nullopt when absent). Throws
/// base::Failure (invalid, naming the parameter) for an unknown kind, a bad time, a bad cursor,
/// a limit outside 1..kMaxLimit, an empty or overlong text, or until not after from.
Filter parse_filter(const std::function<std::optional<std::string>(std::string_view)>& query);

/// For people, at the head of the CSV and the PDF: "kind refusal, sign_in; person alice; from ...".
/// "every record" when nothing is set.
std::string describe(const Filter& filter);

}  // namespace cj::trail
