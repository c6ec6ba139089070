// What the engine knows besides the definition and the history: who the operators are (roles,
// product training with validity dates) and the journey's identity (COI, wristband, registered
// units). The server builds it from the database; the simulator reads it from JSON.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/time_point.h"

namespace cj::workflows {

struct Qualification {
  std::string name;  // "kymriah" (the product training), as a definition's `qualification`
  std::optional<TimePoint> valid_from;
  std::optional<TimePoint> valid_until;  // exclusive; a date means up to the end of that day
  bool valid_at(TimePoint time) const;
};

struct Operator {
  std::vector<std::string> roles;
  std::vector<Qualification> qualifications;
  bool has_role(std::string_view role) const;
  bool qualified(std::string_view qualification, TimePoint at) const;
};

// A physical container registered to the journey.
struct Unit {
  std::string kind;          // "apheresis_bag", "bag", "cassette", "shipper", "carton", "vial", "rfic"
  std::string din;           // 13 characters ("A999926123456") for ISBT 128 labelled units
  std::string product_code;  // PDC + 3 ("S1194A00"); empty: any product code with this DIN
  std::string id;            // for units without an ISBT 128 label: the scanned text exactly
  std::optional<TimePoint> expires_at;
  std::optional<int> dose;  // split-dose products: 1, 2
  std::string colour;       // colour-coded bags (Aucatzyl)

  // "din/product_code", "din" or "id": the unit's name in histories and messages.
  std::string key() const;
};

struct JourneyIdentity {
  std::string coi;        // "CHA99992600001A": the content of the COI [040] after "&/"
  std::string wristband;  // the patient's wristband identifier (Patient Identification [025] or local)
  std::vector<Unit> units;
};

struct Context;

// A deviation of the journey not yet closed by QA (closing it, with a signature, is QA's decision
// on it). Blocking ones (Definition::blocking_deviations) refuse a thaw of the bags they concern.
struct OpenDeviation {
  std::int64_t id = 0;
  std::string code;                // "TEMP_EXCURSION"
  std::vector<std::string> units;  // unit keys of the event that raised it; empty: the journey's
  std::string step;                // the step of that event; empty when no event raised it

  // True when it concerns the unit `key` of `context`: raised on that unit, or on no unit of the
  // journey's final product (a shipper, the journey as a whole), which then concerns every bag.
  // An apheresis bag's deviation concerns only the apheresis bag.
  bool concerns(std::string_view key, const Context& context) const;
};

struct Context {
  JourneyIdentity journey;
  std::map<std::string, Operator, std::less<>> operators;
  std::vector<OpenDeviation> deviations;  // open (not closed) deviations of the journey

  const Operator* find_operator(std::string_view id) const;
  const Unit* find_unit(std::string_view key) const;
};

}  // namespace cj::workflows
