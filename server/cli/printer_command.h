// `celljourney printer add|list`: the label printers of each site (server/labelling/printers.h).
//
//   celljourney printer add --site CODE --name NAME --uri tcp://HOST[:PORT]|cups://QUEUE|file:///PATH
//                           [--format zpl|pdf|png|svg] [--dpi 203]
//   celljourney printer list [--site CODE]
//
// Only here are printer addresses written: the print API names printers, never addresses.
// Takes --database/--data-dir and applies pending migrations first; an addition is logged in
// admin_log as "cli:<os user>". Exit codes: 0 done, 1 refused or failed, 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace cj::cli {

/// args: what follows `printer`.
int run_printer_command(const std::vector<std::string>& args);

}  // namespace cj::cli
