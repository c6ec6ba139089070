// The outbox's database side, for the alert worker: claim one due delivery, record how its
// attempt went, and escalate the critical alerts nobody acknowledged in the site's time.
//
//   pqxx::work tx(conn);
//   if (auto due = claim_due_delivery(tx)) { ... send ...; record_sent(tx, *due); }
//   tx.commit();
//
// Claims use FOR UPDATE SKIP LOCKED: several servers on one database never send the same
// delivery twice at once, and none waits for another's slow relay. The lock is held while the
// message is sent (bounded by the send timeout), so the record and the send are one step.
//
// Blocking (libpqxx); not thread-safe per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/alerts/alert_message.h"
#include "server/alerts/curl_senders.h"

namespace pqxx {
class transaction_base;
}

namespace cj::alerts {

struct DueDelivery {
  std::int64_t id = 0;
  std::string channel;    // "email", "webhook", "browser"
  std::string recipient;  // the address, the URL, or "board"
  int attempts = 0;       // made before this one
  AlertFacts facts;
  std::optional<SmtpRelay> relay;             // none: the site has no SMTP host set
  std::optional<std::string> webhook_secret;  // none: the site has no webhook set
};

/// The oldest pending delivery whose time has come, locked; nullopt when there is none free.
std::optional<DueDelivery> claim_due_delivery(pqxx::transaction_base& tx);

/// Records the attempt as sent.
void record_sent(pqxx::transaction_base& tx, const DueDelivery& delivery);

/// Records the attempt as failed with error: pending again after retry_delay(), or failed for
/// good when permanent or the attempts are used up. Returns whether it was given up.
bool record_failure(pqxx::transaction_base& tx, const DueDelivery& delivery, const std::string& error, bool permanent);

/// Escalates (marks and fans out to the escalation recipients) up to `limit` critical alerts
/// older than their site's escalation_seconds and still unacknowledged: not acknowledged here,
/// their deviation still `open`, their near miss not reviewed. Returns their ids.
std::vector<std::int64_t> escalate_due(pqxx::transaction_base& tx, int limit = 20);

}  // namespace cj::alerts
