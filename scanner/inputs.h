// The inputs named in the config (`input = ...` lines), opened as hardware::ScanSource objects.
#pragma once

#include <memory>
#include <vector>

#include "hardware/scan_source.h"
#include "scanner/config.h"

namespace cj::scanner {

// Opens every input of `config`, in order. Throws std::runtime_error naming the config line of
// an input that cannot be opened at start (a device that goes away later is the source's
// business: it reports errors and reconnects).
std::vector<std::unique_ptr<hardware::ScanSource>> make_inputs(const StationConfig& config);

}  // namespace cj::scanner
