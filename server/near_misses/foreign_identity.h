// Which refusals are near misses, and what was foreign in the scans of one: pure functions, no
// I/O (unit-tested in tests/server/near_miss_identity_test.cpp).
//
// A near miss is a refused event that named ANOTHER patient's COI, wristband or bag
// (docs/deviations.md "Near misses"). The engine's refusal says that it happened; this says
// what was scanned instead, read from the event's raw scans with the ISBT 128 codec and compared
// with the journey's identity the way the engine's identity check compares them
// (workflows/identity_check.cpp):
//   - a COI [040] (field "coi") that is not the journey's                     -> coi
//   - a DIN [001] (field "din") that no unit of the journey carries           -> unit
//   - a Patient Identification [025] (field "patient_id") that is not the
//     journey's wristband                                                     -> wristband
//   - a scan that is not ISBT 128 (does not start with '=' or '&'), is no registered unit of
//     the journey and not its wristband text: a wristband when the step reads the wristband
//     and no matching one was scanned, a unit otherwise                      -> wristband | unit
// Not foreign: a DIN of the journey scanned with another product code (UNIT_NOT_IN_JOURNEY,
// but the bag is this patient's), a scan that does not read (SCAN_INVALID: nothing is proven
// about whose it is), the event's `journey` field (the server finds the journey by it).
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "workflows/context.h"
#include "workflows/decision.h"
#include "workflows/event.h"

namespace cj::near_misses {

/// THE list of refusal codes that make a near miss, in the order a near miss is named by (a
/// bag label of another patient refuses with COI_MISMATCH and UNIT_NOT_IN_JOURNEY: it is a
/// COI_MISMATCH near miss, with the DIN as a further foreign identity).
inline constexpr std::array<workflows::Code, 3> kNearMissCodes{
    workflows::Code::CoiMismatch, workflows::Code::WristbandMismatch, workflows::Code::UnitNotInJourney};

bool is_near_miss_code(workflows::Code code);

enum class IdentityKind { kCoi, kWristband, kUnit };

/// "coi", "wristband", "unit": the names in the database and the API.
std::string_view kind_name(IdentityKind kind);

struct ForeignIdentity {
  IdentityKind kind = IdentityKind::kCoi;
  workflows::Code code = workflows::Code::CoiMismatch;  // the refusal it explains
  int scan = 0;                                         // the position of its scan in the event's scans, from 1
  std::string value;  // the COI, the DIN, the unit's label text; a wristband's patient id
                      // (for finding the other journey only: never stored, never sent)
  bool operator==(const ForeignIdentity&) const = default;
};

/// The foreign identities in `event`'s scans that explain one of `refusals`' near-miss codes,
/// by kNearMissCodes order, then scan order; each identity (kind and value) once. Empty when
/// the refusals hold no near-miss code, or when none of them comes from a scan.
/// step_reads_wristband: the step's definition says `wristband: true` (the engine then takes
/// an unknown non-ISBT scan for another patient's wristband).
std::vector<ForeignIdentity> foreign_identities(const workflows::Event& event,
                                                const workflows::JourneyIdentity& journey, bool step_reads_wristband,
                                                std::span<const workflows::Finding> refusals);

/// Whether a wristband scanned with the event did not match the journey's patient (the
/// refusals hold WRISTBAND_MISMATCH).
bool wristband_mismatch(std::span<const workflows::Finding> refusals);

}  // namespace cj::near_misses
