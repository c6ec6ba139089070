#include "server/near_misses/foreign_identity.h"

#include <algorithm>

#include "isbt128/identity.h"
#include "isbt128/parse.h"

namespace cj::near_misses {

namespace {

using workflows::Code;

bool looks_like_isbt128(std::string_view scan) { return !scan.empty() && (scan[0] == '=' || scan[0] == '&'); }

bool refused_with(std::span<const workflows::Finding> refusals, Code code) {
  return std::any_of(refusals.begin(), refusals.end(), [&](const workflows::Finding& f) { return f.code == code; });
}

std::size_t rank(Code code) {
  return static_cast<std::size_t>(std::find(kNearMissCodes.begin(), kNearMissCodes.end(), code) -
                                  kNearMissCodes.begin());
}

bool journey_has_din(const workflows::JourneyIdentity& journey, std::string_view din) {
  return std::any_of(journey.units.begin(), journey.units.end(),
                     [&](const workflows::Unit& u) { return u.din == din; });
}

bool journey_has_label(const workflows::JourneyIdentity& journey, std::string_view scan) {
  return std::any_of(journey.units.begin(), journey.units.end(),
                     [&](const workflows::Unit& u) { return u.din.empty() && u.id == scan; });
}

}  // namespace

bool is_near_miss_code(Code code) { return rank(code) < kNearMissCodes.size(); }

std::string_view kind_name(IdentityKind kind) {
  switch (kind) {
    case IdentityKind::kCoi:
      return "coi";
    case IdentityKind::kWristband:
      return "wristband";
    case IdentityKind::kUnit:
      return "unit";
  }
  return "unknown";
}

bool wristband_mismatch(std::span<const workflows::Finding> refusals) {
  return refused_with(refusals, Code::WristbandMismatch);
}

std::vector<ForeignIdentity> foreign_identities(const workflows::Event& event,
                                                const workflows::JourneyIdentity& journey, bool step_reads_wristband,
                                                std::span<const workflows::Finding> refusals) {
  std::vector<ForeignIdentity> found;
  if (std::none_of(refusals.begin(), refusals.end(),
                   [](const workflows::Finding& f) { return is_near_miss_code(f.code); })) {
    return found;
  }
  bool wristband_matched = false;
  struct Unknown {
    int scan;
    std::string text;
  };
  std::vector<Unknown> unknown;  // neither ISBT 128 nor this journey's: decided once all are read
  for (std::size_t i = 0; i < event.scans.size(); ++i) {
    const std::string& scan = event.scans[i];
    const int position = static_cast<int>(i) + 1;
    if (!looks_like_isbt128(scan)) {
      if (scan.empty() || journey_has_label(journey, scan)) continue;
      if (!journey.wristband.empty() && scan == journey.wristband) {
        wristband_matched = true;
      } else {
        unknown.push_back({position, scan});
      }
      continue;
    }
    const auto parsed = isbt128::parse(scan);
    if (!parsed.ok()) continue;  // SCAN_INVALID: it proves nobody's identity
    for (const isbt128::Structure& structure : parsed.value()) {
      const isbt128::Identity identity = isbt128::identity_of(structure);
      const std::string value(identity.value);
      switch (identity.kind) {
        case isbt128::IdentityKind::Coi:
          if (value != journey.coi) found.push_back({IdentityKind::kCoi, Code::CoiMismatch, position, value});
          break;
        case isbt128::IdentityKind::Din:
          if (!journey_has_din(journey, value))
            found.push_back({IdentityKind::kUnit, Code::UnitNotInJourney, position, value});
          break;
        case isbt128::IdentityKind::PatientId:
          if (value == journey.wristband) {
            wristband_matched = true;
          } else {
            found.push_back({IdentityKind::kWristband, Code::WristbandMismatch, position, value});
          }
          break;
        case isbt128::IdentityKind::ProductCode:
        case isbt128::IdentityKind::None:
          break;
      }
    }
  }
  const bool as_wristband = step_reads_wristband && !wristband_matched;
  for (auto& u : unknown) {
    found.push_back(as_wristband
                        ? ForeignIdentity{IdentityKind::kWristband, Code::WristbandMismatch, u.scan, std::move(u.text)}
                        : ForeignIdentity{IdentityKind::kUnit, Code::UnitNotInJourney, u.scan, std::move(u.text)});
  }
  // Only what the engine refused for; each identity once (a DIN on two labels of one scan set).
  std::erase_if(found, [&](const ForeignIdentity& f) { return f.value.empty() || !refused_with(refusals, f.code); });
  std::stable_sort(found.begin(), found.end(), [](const ForeignIdentity& a, const ForeignIdentity& b) {
    return rank(a.code) != rank(b.code) ? rank(a.code) < rank(b.code) : a.scan < b.scan;
  });
  std::vector<ForeignIdentity> once;
  for (auto& f : found) {
    const bool seen = std::any_of(once.begin(), once.end(),
                                  [&](const ForeignIdentity& o) { return o.kind == f.kind && o.value == f.value; });
    if (!seen) once.push_back(std::move(f));
  }
  return once;
}

}  // namespace cj::near_misses
