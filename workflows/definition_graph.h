// Checks of a definition's steps as a graph: predecessors and clocks that name unknown steps,
// steps that cannot be reached from `order`, cycles of predecessors. Internal.
#pragma once

#include <string>
#include <vector>

#include "workflows/definition.h"
#include "workflows/status.h"

namespace cj::workflows {

// `step_sources[i]` is the file that first defined definition.steps[i] (for messages).
Problems check_step_graph(const Definition& definition, const std::vector<std::string>& step_sources);

}  // namespace cj::workflows
