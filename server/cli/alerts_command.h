// `celljourney alerts ...`: alerting from the server's own shell, with the same checks and
// admin_log entries as the API (server/alerts/):
//   alerts email USERNAME ADDRESS|--clear        a person's address for alert email
//   alerts site CODE [JSON|-]                    the site's relay, webhook, escalation time
//   alerts rule CODE TRIGGER [JSON|-] [--remove] one rule: channels, recipients, escalation
// JSON is the body the API's PUT takes; "-" (or nothing) reads it from stdin, which keeps the
// SMTP password and the webhook secret out of the process list and the shell's history.
// Exit codes: 0 done, 1 refused or failed (message on stderr), 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `alerts`.
int run_alerts_command(const std::vector<std::string>& args);

}  // namespace cj::cli
