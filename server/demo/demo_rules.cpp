#include "server/demo/demo_rules.h"

namespace cj::demo {

const char* demo_rules_yaml() {
  return R"(# DEMO SITE ONLY. The site-set values below are placeholders that let the demo load every
# product; they are NOT label facts and must never be copied into a real site configuration
# (start from workflows/sites/example.yaml and your own documents).
site: Demo Hospital (demo data only)
region: EU
storage_locations:
  - {prefix: LN2-1, min_c: -196, max_c: -150, source: "DEMO ONLY"}
values:
  core/shipper-logger.max_c: {value: -150, source: "DEMO ONLY"}
  kymriah/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  yescarta/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  yescarta/storage.max_c: {value: -150, source: "DEMO ONLY"}
  yescarta/thaw-to-infusion-end.max: {value: "3 h", source: "DEMO ONLY"}
  tecartus/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  breyanzi/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  breyanzi/storage.max_c: {value: -150, source: "DEMO ONLY"}
  breyanzi/tocilizumab-on-site.min: {value: 1, source: "DEMO ONLY"}
  breyanzi/thaw-to-infusion-end.max: {value: "2 h", source: "DEMO ONLY"}
  abecma/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  abecma/tocilizumab-on-site.min: {value: 1, source: "DEMO ONLY"}
  carvykti/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  aucatzyl/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  aucatzyl/storage.max_c: {value: -150, source: "DEMO ONLY"}
  aucatzyl/thaw-to-infusion-end.max: {value: "1 h", source: "DEMO ONLY"}
  hpc_apheresis/label.version: {value: "DEMO ONLY", source: "DEMO ONLY"}
  hpc_apheresis/storage.max_c: {value: -150, source: "DEMO ONLY"}
  hpc_apheresis/thaw-to-infusion-end.max: {value: "1 h", source: "DEMO ONLY"}
)";
}

}  // namespace cj::demo
