// Deviations raised outside any event: the deadline sweeper's OVERDUE findings.
//
// Deviations found while deciding on an event are written by append_event(), with the event.
// The sweeper runs on a timer over every open journey and finds the same overdue obligation
// again and again; raise_overdue() writes each one once (the unique index
// deviations_raised_once on journey, code, rule and subject, for deviations without an event),
// with a 'raised' entry in deviation_events.
//
// Runs in the caller's transaction; one transaction, one thread. Database failures throw.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/types.hxx>

#include "server/storage/status.h"
#include "workflows/deadlines.h"

namespace cj::journal {

/// What an overdue obligation is about beyond its rule: "product.store" or, for a per-unit
/// step, "product.store A999926123456/S1194A00".
std::string overdue_subject(const workflows::Obligation& obligation);

/// Raises report.overdue (sweep_deadlines() on this journey's history) as deviations of the
/// journey, skipping those raised before; returns the ids of the new ones.
/// Errors: kNotFound (no such journey), kInvalidArgument (report.overdue does not match its
/// obligations overdue at report.now: not a report made by sweep_deadlines()).
storage::Result<std::vector<std::int64_t>> raise_overdue(pqxx::transaction_base& tx, std::int64_t journey_id,
                                                         const workflows::DeadlineReport& report);

}  // namespace cj::journal
