// Rendering an export and recording it in the audit trail. Shared by the API
// (export_routes.cpp) and `celljourney export` (cli/export_command.cpp), so that both write
// the same bytes and the same audit row.
//
//   auto output = render_export(journeys, Format::kCsv, now);
//   record_export(tx, who, output, "2026-10-01..2026-10-31", from, to);   // then commit
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/types.hxx>

#include "server/exports/export_query.h"
#include "workflows/time_point.h"

namespace cj::exports {

enum class Format { kCsv, kFhir };

/// "csv" or "fhir"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);
std::string_view format_name(Format format);

struct ExportOutput {
  Format format = Format::kCsv;
  std::string body;
  std::string_view content_type;  // "text/csv; charset=utf-8; header=present", "application/fhir+json; fhirVersion=4.0"
  std::string_view extension;     // "csv", "json"
  std::size_t journeys = 0;
  std::string sha256_hex;  // of body: the audit row and the X-Export-SHA256 header carry it
};

ExportOutput render_export(const std::vector<ExportJourney>& journeys, Format format, workflows::TimePoint now);

/// Appends an admin_log row: actor, action "export.csv" / "export.fhir", subject (the COI, or
/// "journeys" for a date range), details {format, from, to, journeys, bytes, sha256}. from and
/// to are the range asked for (empty for one journey).
void record_export(pqxx::transaction_base& tx, const std::string& actor, const std::string& subject,
                   const ExportOutput& output, const std::string& from, const std::string& to);

}  // namespace cj::exports
