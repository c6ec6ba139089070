// Which identity a structure carries: the four structures that name a patient, a journey or a
// unit, and their identifier. What the server's identity check and the station's local check
// both read from a scan, so that the two cannot tell a code apart differently.
//
//   const Identity identity = identity_of(structure);
//   if (identity.kind == IdentityKind::Din) match_bag(identity.value);
#pragma once

#include <string_view>

#include "isbt128/structure.h"

namespace cj::isbt128 {

enum class IdentityKind {
  None,         // any other structure (dates, containers, ...) and national structures
  Coi,          // Chain of Identity Identifier [040]: names the journey
  Din,          // Donation Identification Number [001]: a unit
  ProductCode,  // Product Code [003]: which product (and division) of a DIN
  PatientId,    // Patient Identification Number [025]: the patient's wristband
};

struct Identity {
  IdentityKind kind = IdentityKind::None;
  // The identifier, a view into the structure: the COI (15 characters), the DIN (13 characters,
  // without flags), the product code's content ("S1194A00"), the patient id. Empty for None, and
  // when the structure lacks the field (one not built by parse() or the make_* functions).
  std::string_view value;
};

// The identity `structure` carries. The result views `structure`: keep the structure alive.
Identity identity_of(const Structure& structure);

}  // namespace cj::isbt128
