// Whose near misses and statistics a caller reads: the sites where they hold qa or coordinator
// (the people who work the deviations inbox). A site they hold only another role at is not
// theirs to read here: a ward nurse does not see the site's near misses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/api/principal.h"

namespace cj::near_misses {

/// The ids of the sites where who holds qa or coordinator; with `site` (a code), that one
/// site only, and base::Failure (not_found) UNKNOWN_SITE (field "site") when who holds neither there or
/// there is no such site (the two look the same).
std::vector<std::int64_t> qa_sites(const api::Principal& who, const std::optional<std::string>& site);

/// Whether who holds qa or coordinator at site_id.
bool reads_qa_inbox_at(const api::Principal& who, std::int64_t site_id);

}  // namespace cj::near_misses
