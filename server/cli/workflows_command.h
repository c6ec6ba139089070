// `celljourney workflows check|simulate|products|codes`: product definitions and the rules
// engine from the command line (docs/workflows.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `workflows`.
///   check [--site FILE] [FILE...]   validate definitions (every embedded product when no FILE);
///                                   a FILE named core.yaml replaces the embedded core
///   simulate --product NAME|FILE [--site FILE] --context FILE --events FILE.jsonl [--now TIME]
///                                   one decision JSON line per event, then the deadlines line
///   products                        the embedded product names
///   codes                           the refusal and deviation catalogue, as JSON lines
/// Reads files itself (the workflows library does no I/O). Diagnostics go to `err` as
/// "FILE:LINE: message". Returns 0 on success, 1 when a definition or input has problems,
/// 2 for a usage error.
int run_workflows_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace cj::cli
