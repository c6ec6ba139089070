#include "server/api/patient_view.h"

#include <boost/json/value.hpp>

namespace cj::api {

bool may_see_patient_identifiers(const Principal& who, std::int64_t site_id) {
  if (who.is_station()) return false;
  for (const Role role : {Role::kApheresis, Role::kCellLab, Role::kClinical, Role::kPhysician, Role::kCoordinator}) {
    if (who.has_role(role, site_id)) return true;
  }
  return false;
}

boost::json::object patient_json(const Principal& who, std::int64_t site_id, const PatientIdentifiers& patient) {
  const bool shown = may_see_patient_identifiers(who, site_id);
  boost::json::object out{{"initials", patient.initials}, {"mrn", nullptr}, {"date_of_birth", nullptr}};
  if (shown) {
    out["mrn"] = patient.mrn;
    if (patient.date_of_birth) out["date_of_birth"] = *patient.date_of_birth;
  }
  return out;
}

std::string shown_scan(const Principal& who, std::int64_t site_id, const std::string& scan,
                       std::initializer_list<std::string_view> identifiers) {
  bool identifying = scan.find("&#") != std::string::npos || scan.find("=#") != std::string::npos;
  for (const auto id : identifiers) identifying |= !id.empty() && scan.find(id) != std::string::npos;
  if (!identifying || may_see_patient_identifiers(who, site_id)) return scan;
  return "(patient identification, hidden)";
}

}  // namespace cj::api
