#include "isbt128/identity.h"

#include "isbt128/structure_numbers.h"

namespace cj::isbt128 {

Identity identity_of(const Structure& structure) {
  if (structure.number == numbers::kChainOfIdentityIdentifier) {
    return {IdentityKind::Coi, text_field(structure, "coi").value_or("")};
  }
  if (structure.number == numbers::kDonationIdentificationNumber) {
    return {IdentityKind::Din, text_field(structure, "din").value_or("")};
  }
  if (structure.number == numbers::kProductCode) return {IdentityKind::ProductCode, structure.content};
  if (structure.number == numbers::kPatientIdentificationNumber) {
    return {IdentityKind::PatientId, text_field(structure, "patient_id").value_or("")};
  }
  return {};
}

}  // namespace cj::isbt128
