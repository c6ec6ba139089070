#include "server/journeys/feed_notice.h"

#include <pqxx/pqxx>

#include "server/feed/feed_hub.h"

namespace cj::journeys {

void notify_feed(pqxx::transaction_base& tx, const std::string& payload) {
  tx.exec_params("SELECT pg_notify($1, $2)", feed::kChannel, payload);
}

}  // namespace cj::journeys
