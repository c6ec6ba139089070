// A site ready for Kymriah scans, written straight into a database as its owner, for tests that
// need the data before a server runs (fault injection, cluster supervision): the EU test rules
// (tests/workflows/sites/test_eu.yaml), a coordinator cora.<code> and an apheresis nurse
// ann.<code>, both trained for Kymriah with password kSeededPassword (badge badge_of(name) and
// PIN kPin, tests/support/operator_proofs.h), and one apheresis station.
#pragma once

#include <string>

namespace cj::testing {

inline constexpr const char* kSeededPassword = "correct horse battery";

struct SeededSite {
  std::string code;     // "fault"
  std::string name;     // "Fault site"
  std::string fin;      // "F0001"
  std::string station;  // "AP-FAULT"
};

/// Seeds site into the database at uri and returns the station's key.
std::string seed_kymriah_site(const std::string& uri, const SeededSite& site);

}  // namespace cj::testing
