// Patients: the minimum a journey needs to name its patient (site, MRN, initials).
//
// Functions run inside the caller's transaction (pqxx::transaction_base) and commit nothing;
// a transaction is one thread's (libpqxx: one connection, one thread). Expected failures are
// Status values; database failures throw pqxx exceptions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/types.hxx>

#include "server/storage/status.h"

namespace cj::journal {

struct Patient {
  std::int64_t id = 0;
  std::int64_t site_id = 0;
  std::string mrn;  // the site's medical record number
  std::string initials;
  std::optional<std::string> date_of_birth;  // "1961-04-30"
  std::optional<std::string> wristband;      // what the wristband encodes, when not the MRN

  /// What the engine matches a scanned wristband against: wristband, else the MRN.
  const std::string& wristband_text() const { return wristband ? *wristband : mrn; }
};

/// Adds a patient to a site; returns its id.
/// Errors: kAlreadyExists (the site has a patient with that MRN), kNotFound (no such site),
/// kInvalidArgument (empty MRN or initials, date not YYYY-MM-DD).
storage::Result<std::int64_t> create_patient(pqxx::transaction_base& tx, const Patient& patient);

/// The site's patient with that MRN. Errors: kNotFound.
storage::Result<Patient> find_patient(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& mrn);

}  // namespace cj::journal
