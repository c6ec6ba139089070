// Reading the quality figures (figures.h) from the journal: deviations and near misses counted,
// stretches' medians and quartiles computed by PostgreSQL (percentile_cont). Read only.
#pragma once

#include "server/quality/figures.h"

namespace pqxx {
class transaction_base;
}

namespace cj::quality {

/// Database failures throw.
Figures read_figures(pqxx::transaction_base& tx, const FigureQuery& query);

}  // namespace cj::quality
