#include "workflows/status.h"

#include "workflows/text.h"

namespace cj::workflows {

std::string Problem::to_string() const {
  if (line <= 0) return cat({source, ": ", message});
  return cat({source, ":", std::to_string(line), ": ", message});
}

}  // namespace cj::workflows
