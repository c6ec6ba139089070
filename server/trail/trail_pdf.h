// The audit trail as a PDF report for an inspection (A4 landscape, cairo): a heading saying
// what was asked, by whom and when; the entries as a table, newest first, page after page; and
// at its end the audit verification of the same moment (whether every chain verifies, what was
// checked, each broken link) and the latest signed checkpoint, so that the copy says how far it
// can be trusted.
//
// Pure: values in, PDF bytes out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/trail/trail_store.h"

namespace cj::trail {

struct ReportHeading {
  std::string filter;        // describe(filter)
  std::string generated_at;  // "2026-12-04T10:00:00Z"
  std::string generated_by;  // the username
};

struct ReportVerification {
  bool intact = false;
  std::int64_t journeys = 0, events = 0, facts = 0, admin_entries = 0, checkpoints = 0;
  std::vector<std::string> broken;        // one line per broken link: "CH... seq 3: hash differs"
  std::optional<std::string> checkpoint;  // "checkpoint 12 taken 2026-12-04T09:00:00Z by server, key SHA-256 ab12..."
};

/// Throws std::runtime_error when cairo fails.
std::string render_trail_pdf(const ReportHeading& heading, const std::vector<Entry>& entries,
                             const ReportVerification& verification);

}  // namespace cj::trail
