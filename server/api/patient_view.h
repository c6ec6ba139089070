// Who sees a patient's identifiers: THE rule, for every answer of the API (journeys, the board,
// label print records, ...). docs/security.md "Who sees patient identifiers".
//
// A patient's MRN and date of birth are shown only to a person holding a clinical role at the
// patient's site (apheresis, cell_lab, clinical, physician, coordinator): the people who check
// a wristband against a bag. QA and administrators, who review and configure, and station keys,
// which are devices, see the initials only (and the COI, which is the point of a COI). The live
// feed carries no patient data at all (board::row_notice).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "server/api/principal.h"

namespace cj::api {

/// True when who may see the MRN and date of birth of a patient of site_id.
bool may_see_patient_identifiers(const Principal& who, std::int64_t site_id);

struct PatientIdentifiers {
  std::string initials;
  std::string mrn;
  std::optional<std::string> date_of_birth;  // "YYYY-MM-DD"; nullopt when not recorded
};

/// {"initials", "mrn", "date_of_birth"}: mrn and date_of_birth null unless
/// may_see_patient_identifiers(who, site_id) (date_of_birth null also when not recorded).
boost::json::object patient_json(const Principal& who, std::int64_t site_id, const PatientIdentifiers& patient);

/// A raw scan as who may see it: a scan that carries the patient's identifiers (an ISBT 128
/// Patient Identification or Patient Date of Birth structure, "&#" / "=#", or the text of the
/// patient's MRN or wristband) is replaced by "(patient identification, hidden)" unless
/// may_see_patient_identifiers. identifiers: the MRN and wristband text of the journey's patient.
std::string shown_scan(const Principal& who, std::int64_t site_id, const std::string& scan,
                       std::initializer_list<std::string_view> identifiers);

}  // namespace cj::api
