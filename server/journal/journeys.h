// Journeys and their units: creating a journey (which issues its Chain of Identity identifier)
// and registering the physical containers that belong to it.
//
// Functions run inside the caller's transaction and commit nothing; one transaction, one
// thread. Expected failures are Status values; database failures throw pqxx exceptions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <pqxx/types.hxx>

#include "server/storage/status.h"
#include "workflows/time_point.h"

namespace cj::journal {

struct CreatedJourney {
  std::int64_t id = 0;
  std::string coi;  // "CHA99992600001A"-shaped: CH + FIN + yy + 6 digits (no "&/")
};

/// Creates an active journey for a patient of the site, with a new COI: "CH" + the site's FIN +
/// the last two digits of the current UTC year + a 6-digit sequence per site and year, starting
/// at 000001 (coi_sequences, taken under a row lock: concurrent creations get distinct COIs;
/// a rolled-back creation may leave a gap). product: the definition name ("kymriah"); physician:
/// the treating physician as named at the desk (written once, here).
/// Errors: kNotFound (no such site, patient or user), kInvalidArgument (the patient is another
/// site's, product not a definition name), kFailedPrecondition (999999 COIs this year).
storage::Result<CreatedJourney> create_journey(pqxx::transaction_base& tx, std::int64_t site_id,
                                               std::int64_t patient_id, const std::string& product,
                                               std::int64_t created_by,
                                               const std::optional<std::string>& physician = std::nullopt);

struct NewUnit {
  std::int64_t journey_id = 0;
  std::string kind;                         // apheresis_bag, bag, cassette, shipper, carton, vial, rfic
  std::optional<std::string> din;           // 13 characters, no flags ("A999926123456")
  std::optional<std::string> product_code;  // 8 characters ("S1194A00"); needs a DIN
  std::optional<std::string> division;
  std::optional<std::string> external_id;  // a non-ISBT label's scanned text
  std::optional<std::int64_t> parent_unit_id;
  std::optional<workflows::TimePoint> expires_at;
  std::optional<int> dose;  // split-dose products: 1, 2
  std::optional<std::string> colour;
};

/// Registers a unit to its journey; returns its id.
/// Errors: kInvalidArgument (unknown kind, neither DIN nor external id, malformed DIN or
/// product code, a parent unit of another journey), kAlreadyExists (that ISBT 128 unit is
/// registered, its DIN belongs to another journey, or the external id is registered in this
/// journey), kNotFound (no such journey).
storage::Result<std::int64_t> register_unit(pqxx::transaction_base& tx, const NewUnit& unit);

}  // namespace cj::journal
