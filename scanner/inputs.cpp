#include "scanner/inputs.h"

#include <stdexcept>
#include <string>

namespace cj::scanner {

std::vector<std::unique_ptr<hardware::ScanSource>> make_inputs(const StationConfig& config) {
  std::vector<std::unique_ptr<hardware::ScanSource>> inputs;
  for (const InputSpec& spec : config.inputs) {
    throw std::runtime_error("config line " + std::to_string(spec.line) + ": input " + spec.kind +
                             " is not available in this build yet");
  }
  return inputs;
}

}  // namespace cj::scanner
