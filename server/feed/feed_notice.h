// Telling the live feed about a change: NOTIFY celljourney_feed inside the transaction that
// makes the change, so that subscribers hear of it exactly when (and only if) it commits, from
// whichever server they are connected to (server/feed/feed_hub.h).
#pragma once

#include <string>

namespace pqxx {
class transaction_base;
}

namespace cj::feed {

/// payload: a JSON object with a numeric "site_id" (the site whose subscribers may see it) and
/// a "type" ("journey", "event"). Database failures throw.
void notify_feed(pqxx::transaction_base& tx, const std::string& payload);

}  // namespace cj::feed
