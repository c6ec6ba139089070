// The journey as people follow it: the core steps in order, each a stage with the word the
// board shows for it ("product.thaw" is stage 10 of 13, "Thawing"), and the words for the steps
// off that line that the board names (hold, return, ...). Read from core.yaml's `journey:` and
// `side_steps:`; the board, the journey page and GET /api/v1/journey-model all read this one.
//
//   const JourneyModel& model = core_journey_model();
//   model.stage_of("product.thaw");   // 10
//   model.name_of("hold");            // "On hold"
//
// Plain data, pure: share a const one between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "workflows/definition_loader.h"
#include "workflows/status.h"

namespace cj::workflows {

struct NamedStep {
  std::string step;  // "product.thaw"
  std::string name;  // "Thawing"
};

struct JourneyModel {
  std::vector<NamedStep> steps;       // the core steps in order: stage N is steps[N - 1]
  std::vector<NamedStep> side_steps;  // in the order core.yaml lists them

  // The stage `step` reaches: its position in `steps`, from 1; 0 when it is not a core step.
  int stage_of(std::string_view step) const;
  // How many stages there are (13): the stage of the last core step.
  int stage_count() const { return static_cast<int>(steps.size()); }
  // The board's word for a core or side step; empty when the model does not name it.
  std::string_view name_of(std::string_view step) const;
};

// Reads `journey:` (a list of {step, board}) and `side_steps:` (a mapping of step to its word)
// from the core's text. Problems: neither given or of the wrong shape, a step without its word,
// a step named twice, a step the core's `steps:` does not define.
Result<JourneyModel> load_journey_model(const DefinitionText& core);

// The model of the core compiled into the program (embedded core.yaml), read once.
// Throws std::logic_error when it does not load (a defect of the build, caught by its tests).
const JourneyModel& core_journey_model();

}  // namespace cj::workflows
