// A site configuration: what a hospital sets for itself, and the product facts that the labels
// read so far do not give (products.md "not retrieved"), each with the site's source.
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

struct SiteConfig {
  std::string name;
  std::string region;
  std::string source_name;  // where it was read from, for messages
  std::vector<StorageLocation> storage_locations;
  std::map<std::string, SiteValue, std::less<>> values;

  // The qualified position whose prefix is `location` or a '/'-separated head of it; nullptr.
  const StorageLocation* find_storage_location(std::string_view location) const;
};

// Parses a site configuration. Errors (with lines): not YAML, a missing `site` or `region`, a
// value without `source`, a storage location without numbers.
Result<SiteConfig> parse_site_config(std::string_view yaml_text, std::string_view source_name);

}  // namespace cj::workflows
