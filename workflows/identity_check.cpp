// Identity first: every scan must prove it belongs to this journey, or the event is refused.
#include <algorithm>
#include <string_view>

#include "isbt128/identity.h"
#include "isbt128/parse.h"
#include "isbt128/structure_numbers.h"
#include "workflows/checks.h"

namespace cj::workflows {
namespace {

constexpr const char* kRule = "core/identity";

// "'text'" (built by appending: g++ 12 -O3 warns falsely on "'" + std::string, bug 105329).
std::string quoted(std::string_view text) {
  std::string result(1, '\'');
  result.append(text);
  result.push_back('\'');
  return result;
}

bool looks_like_isbt128(std::string_view scan) { return !scan.empty() && (scan[0] == '=' || scan[0] == '&'); }

std::optional<TimePoint> label_expiry(const isbt128::Structure& structure) {
  if (structure.number == isbt128::numbers::kExpirationDateAndTime) {
    const auto text = isbt128::text_field(structure, "date_time");  // "2026-11-20T10:15"
    if (text) return parse_time(std::string(*text) + "Z");
  } else if (structure.number == isbt128::numbers::kExpirationDate) {
    const auto text = isbt128::text_field(structure, "date");  // valid to the end of that day
    if (text) {
      if (const auto day = parse_date(*text)) return *day + std::chrono::days{1};
    }
  }
  return std::nullopt;
}

struct Scanned {
  std::vector<std::string> dins;
  std::vector<std::string> product_codes;
  std::vector<std::string_view> structures;  // numbers, static text from the codec's table
  std::vector<TimePoint> label_expiries;
  bool coi = false;
  bool coi_mismatch = false;
  bool wristband = false;
  bool wristband_mismatch = false;
  std::vector<std::string> unknown;  // neither ISBT 128 nor a registered identifier
};

void read_isbt128_scan(const CheckInput& input, std::string_view scan, Scanned& scanned, Decision& decision) {
  thread_local std::vector<isbt128::Structure> structures;
  if (const auto error = isbt128::parse_into(scan, structures)) {
    refuse(decision, Code::ScanInvalid,
           "scan " + quoted(scan) + " does not read as ISBT 128 (" + std::string(error->code_name()) + ": " +
               error->message + "); identity is not proven",
           kRule);
    return;
  }
  const JourneyIdentity& journey = input.context.journey;
  for (const isbt128::Structure& structure : structures) {
    scanned.structures.push_back(structure.number);
    const isbt128::Identity identity = isbt128::identity_of(structure);
    switch (identity.kind) {
      case isbt128::IdentityKind::Coi:
        if (identity.value != journey.coi) {
          scanned.coi_mismatch = true;
          refuse(decision, Code::CoiMismatch,
                 "WRONG PATIENT: the label's COI " + std::string(identity.value) + " is not this journey's (" +
                     journey.coi + "); do not use this unit",
                 kRule);
        } else {
          scanned.coi = true;
        }
        break;
      case isbt128::IdentityKind::Din:
        scanned.dins.emplace_back(identity.value);
        break;
      case isbt128::IdentityKind::ProductCode:
        scanned.product_codes.emplace_back(identity.value);
        break;
      case isbt128::IdentityKind::PatientId:
        if (identity.value != journey.wristband) {
          scanned.wristband_mismatch = true;
          refuse(decision, Code::WristbandMismatch,
                 // The scanned identifier is not echoed: this message is kept with the event and the
                 // deviation, which QA reads, and another patient's ID has no place there.
                 "WRONG PATIENT: the wristband scanned does not match this journey's patient; do not infuse", kRule);
        } else {
          scanned.wristband = true;
        }
        break;
      case isbt128::IdentityKind::None:
        if (const auto expiry = label_expiry(structure)) scanned.label_expiries.push_back(*expiry);
        break;
    }
  }
}

void read_other_scan(const CheckInput& input, std::string_view scan, Scanned& scanned, Decision& decision) {
  const JourneyIdentity& journey = input.context.journey;
  for (const Unit& unit : journey.units) {
    if (unit.din.empty() && unit.id == scan) {
      decision.units.push_back(unit.key());
      return;
    }
  }
  if (!journey.wristband.empty() && scan == journey.wristband) {
    scanned.wristband = true;
  } else {
    scanned.unknown.emplace_back(scan);
  }
}

// Codes that are neither ISBT 128 nor known here: at a step that reads the wristband and got no
// matching one, they are taken as another patient's wristband; otherwise as foreign units.
void refuse_unknown_scans(const CheckInput& input, Scanned& scanned, Decision& decision) {
  const bool as_wristband = input.step.wristband && !scanned.wristband;
  for (const std::string& scan : scanned.unknown) {
    if (as_wristband) {
      scanned.wristband_mismatch = true;
      refuse(decision, Code::WristbandMismatch,
             "WRONG PATIENT: a code scanned is neither this patient's wristband nor a unit of this journey", kRule);
    } else {
      refuse(decision, Code::UnitNotInJourney,
             quoted(scan) + " is not a unit of journey " + input.context.journey.coi + "; do not use it", kRule);
    }
  }
}

// DINs (and product codes, when scanned) to registered units.
void resolve_units(const CheckInput& input, const Scanned& scanned, Decision& decision) {
  const JourneyIdentity& journey = input.context.journey;
  for (const std::string& din : scanned.dins) {
    bool din_known = false;
    bool matched = false;
    if (scanned.product_codes.empty()) {
      const auto sharing = std::count_if(journey.units.begin(), journey.units.end(), [&](const Unit& unit) {
        return unit.din == din && !unit.product_code.empty();
      });
      if (sharing > 1) {
        refuse(decision, Code::ProductCodeRequired,
               "DIN " + din + " is on " + std::to_string(sharing) +
                   " bags of this journey: scan the bag's product code too, so that it is known which bag this is",
               kRule);
        continue;
      }
    }
    for (const Unit& unit : journey.units) {
      if (unit.din != din) continue;
      din_known = true;
      const bool code_fits = unit.product_code.empty() || scanned.product_codes.empty() ||
                             std::find(scanned.product_codes.begin(), scanned.product_codes.end(), unit.product_code) !=
                                 scanned.product_codes.end();
      if (code_fits) {
        matched = true;
        decision.units.push_back(unit.key());
      }
    }
    if (!din_known) {
      refuse(decision, Code::UnitNotInJourney,
             "WRONG UNIT: DIN " + din + " is not registered to journey " + journey.coi + "; do not use this unit",
             kRule);
    } else if (!matched) {
      refuse(decision, Code::UnitNotInJourney,
             "WRONG UNIT: DIN " + din + " is registered to this journey, but not with the product code scanned", kRule);
    }
  }
}

void check_required_scans(const CheckInput& input, const Scanned& scanned, Decision& decision) {
  const StepRule& step = input.step;
  if (step.coi && !scanned.coi && !scanned.coi_mismatch) {
    refuse(decision, Code::ScanMissing, step.id + " needs the journey's COI [040] scanned from the label", kRule);
  }
  if (step.wristband && !scanned.wristband && !scanned.wristband_mismatch) {
    refuse(decision, Code::ScanMissing, step.id + " needs the patient's wristband scanned", kRule);
  }
  for (const std::string& kind : step.identity) {
    const bool found = std::any_of(decision.units.begin(), decision.units.end(), [&](const std::string& key) {
      const Unit* unit = input.context.find_unit(key);
      return unit != nullptr && unit->kind == kind;
    });
    if (!found) refuse(decision, Code::ScanMissing, step.id + " needs a " + kind + " of this journey scanned", kRule);
  }
  for (const std::string& number : step.scans) {
    if (std::find(scanned.structures.begin(), scanned.structures.end(), number) == scanned.structures.end()) {
      refuse(decision, Code::ScanMissing, step.id + " needs ISBT 128 structure [" + number + "] scanned", kRule);
    }
  }
}

void check_expiry(const CheckInput& input, const Scanned& scanned, Decision& decision) {
  const TimePoint at = input.event.occurred_at;
  for (const std::string& key : decision.units) {
    const Unit* unit = input.context.find_unit(key);
    if (unit != nullptr && unit->expires_at && at >= *unit->expires_at) {
      refuse(decision, Code::Expired, "EXPIRED: unit " + key + " expired at " + format_time(*unit->expires_at),
             "core/expiry");
    }
  }
  for (const TimePoint expiry : scanned.label_expiries) {
    if (at >= expiry) {
      refuse(decision, Code::Expired, "EXPIRED: the label's expiration is " + format_time(expiry), "core/expiry");
    }
  }
}

}  // namespace

void check_identity(const CheckInput& input, Decision& decision) {
  if (input.event.journey != input.context.journey.coi) {
    refuse(decision, Code::CoiMismatch,
           "WRONG JOURNEY: the event is for " + input.event.journey + ", this journey is " + input.context.journey.coi,
           kRule);
  }
  Scanned scanned;
  for (const std::string& scan : input.event.scans) {
    if (scan.find_first_not_of(" \t\r\n") == std::string::npos) {
      refuse(decision, Code::ScanInvalid, "an empty scan: nothing was read; scan the code again", kRule);
    } else if (looks_like_isbt128(scan)) {
      read_isbt128_scan(input, scan, scanned, decision);
    } else {
      read_other_scan(input, scan, scanned, decision);
    }
  }
  resolve_units(input, scanned, decision);
  refuse_unknown_scans(input, scanned, decision);
  check_required_scans(input, scanned, decision);
  if (input.step.check_expiry) check_expiry(input, scanned, decision);
}

}  // namespace cj::workflows
