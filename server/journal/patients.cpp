#include "server/journal/patients.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/sql_params.h"
#include "workflows/time_point.h"

namespace cj::journal {

using storage::Status;

namespace {

constexpr db::Statement kSiteExists{"journal_patients_site_exists", "SELECT 1 FROM sites WHERE id = $1"};
constexpr db::Statement kInsert{
    "journal_patients_insert",
    "INSERT INTO patients (site_id, mrn, initials, date_of_birth, wristband) VALUES ($1, $2, $3, $4::date, $5)"
    " ON CONFLICT (site_id, mrn) DO NOTHING RETURNING id"};
constexpr db::Statement kFind{"journal_patients_find",
                              "SELECT id, site_id, mrn, initials, to_char(date_of_birth, 'YYYY-MM-DD'), wristband"
                              " FROM patients WHERE site_id = $1 AND mrn = $2"};

}  // namespace

storage::Result<std::int64_t> create_patient(pqxx::transaction_base& tx, const Patient& patient) {
  if (patient.mrn.empty() || patient.initials.empty()) {
    return Status::invalid_argument("a patient needs an MRN and initials");
  }
  if (patient.date_of_birth && !workflows::parse_date(*patient.date_of_birth)) {
    return Status::invalid_argument("date of birth '" + *patient.date_of_birth + "' is not YYYY-MM-DD");
  }
  if (db::exec(tx, kSiteExists, patient.site_id).empty()) {
    return Status::not_found("no site with id " + std::to_string(patient.site_id));
  }
  const auto rows = db::exec(tx, kInsert, patient.site_id, patient.mrn, patient.initials,
                             detail::text_or_null(patient.date_of_birth), detail::text_or_null(patient.wristband));
  if (rows.empty()) return Status::already_exists("the site already has a patient with MRN " + patient.mrn);
  return rows[0][0].as<std::int64_t>();
}

storage::Result<Patient> find_patient(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& mrn) {
  const auto rows = db::exec(tx, kFind, site_id, mrn);
  if (rows.empty()) return Status::not_found("no patient with MRN " + mrn + " at site " + std::to_string(site_id));
  const auto& row = rows[0];
  Patient p;
  p.id = row[0].as<std::int64_t>();
  p.site_id = row[1].as<std::int64_t>();
  p.mrn = row[2].as<std::string>();
  p.initials = row[3].as<std::string>();
  if (!row[4].is_null()) p.date_of_birth = row[4].as<std::string>();
  if (!row[5].is_null()) p.wristband = row[5].as<std::string>();
  return p;
}

}  // namespace cj::journal
