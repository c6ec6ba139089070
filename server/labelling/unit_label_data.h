// The data a unit's label prints, read from the journal: which unit a label request names, and
// the label data JSON (labels/label_data.h, docs/labels.md "Data") built from what is recorded.
//
// What comes from where (docs/labels.md "Labels from the server"):
//   din, product          the unit's DIN and product code as registered
//   coi, patient          the journey's COI; the patient's initials, MRN, date of birth, and as
//                         patient.id the wristband text the engine matches scans against. The
//                         server holds no patient names: templates that print one are refused
//   collected / shipped   the last accepted apheresis.collect / apheresis.ship naming the unit
//                         (shipper_id from the ship event's data)
//   volume_ml, anticoagulant, collection_facility
//                         the collect event's volume_ml and anticoagulant fields (when recorded)
//                         and the name of the site whose station recorded it (else the journey's)
//   received              the journey's last accepted product.receive
//   storage_position      the last accepted product.store naming the unit (data.location)
//   expires               the unit's registered expiry
//   link                  <board>/journeys/<coi>
// Times are printed in the installation's label time zone: setting labels.time_zone (an IANA
// name such as Europe/Berlin), UTC when unset.
//
// Functions run inside the caller's transaction. Refusals are base::Failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "server/api/principal.h"

namespace pqxx {
class transaction_base;
}

namespace cj::labelling {

struct LabelUnit {
  std::int64_t id = 0;
  std::int64_t journey_id = 0;
  std::int64_t site_id = 0;
  std::string coi;
  std::string din;           // 13 characters
  std::string product_code;  // 8 characters, or empty
  std::string key() const { return product_code.empty() ? din : din + "/" + product_code; }
};

/// The unit with that DIN (13 characters, no flags, no "=") at a site who may see, optionally
/// narrowed by product code. 404 UNKNOWN_UNIT when there is none (or only at other sites);
/// 409 AMBIGUOUS_UNIT (field product_code) when several units share the DIN and none is named.
LabelUnit find_label_unit(pqxx::transaction_base& tx, const api::Principal& who, const std::string& din,
                          const std::optional<std::string>& product_code);

/// The unit's label data as recorded now; board is the coordinator board's base URL (no
/// trailing slash), used when setting labels.board_url is not set.
boost::json::object label_data(pqxx::transaction_base& tx, const LabelUnit& unit, const std::string& board);

}  // namespace cj::labelling
