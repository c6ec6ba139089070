#include "server/feed/feed_notice.h"

#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/feed/feed_hub.h"

namespace cj::feed {

namespace {
constexpr db::Statement kNotify{"journeys_feed_notify", "SELECT pg_notify($1, $2)"};
}  // namespace

void notify_feed(pqxx::transaction_base& tx, const std::string& payload) {
  db::exec(tx, kNotify, feed::kChannel, payload);
}

}  // namespace cj::feed
