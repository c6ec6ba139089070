// The print record (table label_prints, migration 0005): every label the server sends to a
// printer, written in two steps so that no label is ever printed unrecorded:
//   1. begin_print() inserts the attempt (template, version, the exact data, printer, station or
//      user, reprint number and reason) with no outcome, and the caller COMMITS it;
//   2. the job is sent;
//   3. finish_print() writes the outcome once: printed, or failed with the printer's error.
// A crash between 1 and 3 leaves the record "unconfirmed", which counts as printed for reprints.
//
// Functions run inside the caller's transaction. Refusals are base::Failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "server/api/principal.h"
#include "server/labelling/printers.h"
#include "server/labelling/unit_label_data.h"

namespace pqxx {
class transaction_base;
}

namespace cj::labelling {

struct PrintAttempt {
  const LabelUnit& unit;
  std::string template_name;
  int template_version = 0;
  const boost::json::object& data;
  const PrinterRow& printer;
  std::size_t bytes = 0;
  std::optional<std::string> reason;
};

/// How many earlier prints of the unit with this template were not failed; locks the unit's row
/// until the transaction ends, so that two prints at once are counted one after the other.
int prints_so_far(pqxx::transaction_base& tx, std::int64_t unit_id, const std::string& template_name);

/// Inserts the attempt (outcome none) as reprint number `reprint`; returns its id. A reprint
/// (reprint >= 1) without a reason is 400 REASON_REQUIRED (field reason).
std::int64_t begin_print(pqxx::transaction_base& tx, const PrintAttempt& attempt, const api::Principal& who,
                         int reprint);

/// Writes the outcome of print id once: printed when error is nullopt, else failed with it.
void finish_print(pqxx::transaction_base& tx, std::int64_t id, const std::optional<std::string>& error);

/// One print record as the API shows it (docs/api/openapi.yaml LabelPrint).
boost::json::object print_record(pqxx::transaction_base& tx, std::int64_t id);
/// Every print record of the unit, oldest first.
boost::json::array print_history(pqxx::transaction_base& tx, std::int64_t unit_id);

}  // namespace cj::labelling
