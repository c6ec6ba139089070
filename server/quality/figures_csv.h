// The quality figures as CSV (RFC 4180, CRLF), for the centre's own spreadsheets and registry
// returns:
//
//   month,product,site,kind,code,severity,count
//   measure,unit,product,site,journeys,median,p25,p75,min,max     (in the measure's unit)
#pragma once

#include <string>

#include "server/quality/figures.h"

namespace cj::quality {

std::string deviations_csv(const Figures& figures);
std::string durations_csv(const Figures& figures);

/// A duration in the measure's unit with two decimals ("25.00").
std::string in_unit(double seconds, const Measure& measure);

}  // namespace cj::quality
