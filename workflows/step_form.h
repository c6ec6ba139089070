// What a step asks for at a station or a desk: its title, who may record it, what must be
// scanned, the data fields (type, unit, range, choices, typed or scanned) and the checklist, as
// the JSON of GET /api/v1/forms and GET /api/v1/journeys/{coi}/next (docs/api/openapi.yaml:
// StepForm). Built from the definition alone: the same rules the engine checks the event with.
#pragma once

#include <boost/json/object.hpp>

#include "workflows/definition.h"

namespace cj::workflows {

// {"step", "title", "side_exit", "roles", "witnesses", "qualification", "scans": {"coi",
//  "wristband", "identity", "structures"}, "fields": [{"name", "label", "type", "unit",
//  "required", "min", "max", "breach", "choices", "entry"}], "checklist": [{"id", "question",
//  "on_no"}], "storage": {"min_c", "max_c"} (only when the step checks storage)}.
// A field without a range of its own takes the range of a temperatures rule on it (and its breach).
boost::json::object step_form(const Definition& definition, const StepRule& step);

// {"product" ("" for the core journey), "name", "steps": [every step's form, in order],
//  "identifiers": [{"kind", "label", "required", "pattern", "example"}]: the manufacturer's ids}.
boost::json::object definition_forms(const Definition& definition);

}  // namespace cj::workflows
