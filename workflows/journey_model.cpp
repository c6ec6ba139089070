#include "workflows/journey_model.h"

#include <algorithm>
#include <stdexcept>

#include "workflows/embedded_definitions.h"
#include "workflows/text.h"
#include "workflows/yaml_reader.h"

namespace cj::workflows {
namespace {

bool named(const JourneyModel& model, std::string_view step) {
  const auto is = [&](const NamedStep& s) { return s.step == step; };
  return std::any_of(model.steps.begin(), model.steps.end(), is) ||
         std::any_of(model.side_steps.begin(), model.side_steps.end(), is);
}

// Adds one step and its word, unless the core does not define it or it is named already.
void add_step(const YAML::Node& root, const YAML::Node& where, YamlReader& reader, JourneyModel& model,
              std::vector<NamedStep>& to, NamedStep step) {
  if (!root["steps"] || !root["steps"].IsMap() || !root["steps"][step.step]) {
    reader.problem(where, cat({"`", step.step, "` is not a step of the core's `steps`"}));
  } else if (named(model, step.step)) {
    reader.problem(where, cat({"`", step.step, "` is named twice in `journey` and `side_steps`"}));
  } else {
    to.push_back(std::move(step));
  }
}

void read_core_steps(const YAML::Node& root, YamlReader& reader, JourneyModel& model) {
  const YAML::Node node = root["journey"];
  if (!node || !node.IsSequence() || node.size() == 0) {
    reader.problem(node ? node : root,
                   "`journey` must list the core steps in order, like - {step: order, board: Order}");
    return;
  }
  for (const YAML::Node& item : node) {
    if (!item.IsMap()) {
      reader.problem(item, "a `journey` item must be {step: ..., board: ...}");
      continue;
    }
    reader.only_keys(item, {"step", "board"});
    auto step = reader.text(item, "step", true);
    auto board = reader.text(item, "board", true);
    if (step && board) add_step(root, item, reader, model, model.steps, {std::move(*step), std::move(*board)});
  }
}

void read_side_steps(const YAML::Node& root, YamlReader& reader, JourneyModel& model) {
  const YAML::Node node = root["side_steps"];
  if (!node) return;
  if (!node.IsMap()) {
    reader.problem(node, "`side_steps` must be a mapping of steps to the board's word for each");
    return;
  }
  for (const auto& entry : node) {
    if (!entry.second.IsScalar()) {
      reader.problem(entry.second, cat({"the word for `", entry.first.Scalar(), "` must be a single value"}));
      continue;
    }
    add_step(root, entry.first, reader, model, model.side_steps, {entry.first.Scalar(), entry.second.Scalar()});
  }
}

}  // namespace

int JourneyModel::stage_of(std::string_view step) const {
  const auto it = std::find_if(steps.begin(), steps.end(), [&](const NamedStep& s) { return s.step == step; });
  return it == steps.end() ? 0 : static_cast<int>(it - steps.begin()) + 1;
}

std::string_view JourneyModel::name_of(std::string_view step) const {
  for (const auto* list : {&steps, &side_steps}) {
    for (const NamedStep& s : *list) {
      if (s.step == step) return s.name;
    }
  }
  return {};
}

Result<JourneyModel> load_journey_model(const DefinitionText& core) {
  YamlReader reader{std::string(core.source_name)};
  JourneyModel model;
  if (const auto root = reader.load(core.text)) {
    read_core_steps(*root, reader, model);
    read_side_steps(*root, reader, model);
  }
  if (!reader.problems().empty()) return std::move(reader.problems());
  return model;
}

const JourneyModel& core_journey_model() {
  static const JourneyModel kModel = [] {
    const auto text = find_embedded_definition("core.yaml");
    if (!text) throw std::logic_error("core.yaml is not embedded");
    auto loaded = load_journey_model({*text, "core.yaml"});
    if (!loaded.ok()) throw std::logic_error("core.yaml's journey model: " + loaded.error().front().to_string());
    return std::move(loaded).value();
  }();
  return kModel;
}

}  // namespace cj::workflows
