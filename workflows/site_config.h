// A site configuration: what a hospital sets for itself, and the product facts that the labels
// read so far do not give (the product files' `site_set` values), each with the site's source.
//
//   site: Example Hospital
//   region: EU                      # picks regional values (tocilizumab doses on site, ...)
//   storage_locations:              # qualified positions: `location` values start with prefix
//     - {prefix: LN2-3, min_c: -196, max_c: -150, source: "qualification report QR-12"}
//   values:                         # "<rule>.<attribute>": value + source
//     yescarta/storage.max_c: {value: -150, source: "Yescarta US PI §16, rev. 2024-04"}
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/status.h"
#include "workflows/time_point.h"

namespace cj::workflows {

struct StorageLocation {
  std::string prefix;  // "LN2-3": matches "LN2-3" and "LN2-3/R2/B5"
  double min_c = 0;
  double max_c = 0;
};

struct SiteValue {
  std::string text;  // as written: "-150", "30 min", "US PI rev. 2024-04"
  std::string source;
  int line = 0;
};

// The core safety rules' limits a site sets for itself, read from `values` (each with its
// source like any site-set value) or the default when the site gives none:
//   core/bedside-check.max        how long before infusion.start the two-person bedside check of
//                                 that bag may be (default 30 min)
//   core/clock-skew.max           how far in the future an event's occurred_at may be (default 5 min)
//   core/blocking-deviations.add  deviation codes that block a thaw, besides the definition's
//                                 (comma-separated: "STORAGE_UNSUITABLE, TEMP_DATA_GAP")
struct SafetyLimits {
  Duration bedside_check_window = std::chrono::minutes{30};
  Duration clock_skew = std::chrono::minutes{5};
  std::vector<std::string> blocking_codes;
};

struct SiteConfig {
  std::string name;
  std::string region;
  std::string source_name;  // where it was read from, for messages
  std::vector<StorageLocation> storage_locations;
  std::map<std::string, SiteValue, std::less<>> values;
  SafetyLimits safety;

  // The qualified position whose prefix is `location` or a '/'-separated head of it; nullptr.
  const StorageLocation* find_storage_location(std::string_view location) const;
};

// Parses a site configuration. Errors (with lines): not YAML, a missing `site` or `region`, a
// value without `source`, a storage location without numbers, a safety limit that is not a
// duration or names an unknown deviation code.
Result<SiteConfig> parse_site_config(std::string_view yaml_text, std::string_view source_name);

}  // namespace cj::workflows
