#include "workflows/definition_loader.h"

#include <algorithm>

#include "workflows/codes.h"
#include "workflows/definition_graph.h"
#include "workflows/schedule_rules.h"
#include "workflows/identifier_reader.h"
#include "workflows/step_reader.h"
#include "workflows/yaml_reader.h"

namespace cj::workflows {
namespace {

// Steps of one file, laid over `definition` in file order (new steps are appended).
void read_steps(const YAML::Node& root, YamlReader& reader, StepReader& steps, Definition& definition,
                std::vector<std::string>& step_sources) {
  const YAML::Node node = root["steps"];
  if (!node) return;
  if (!node.IsMap()) {
    reader.problem(node, "`steps` must be a mapping of step names to their rules");
    return;
  }
  for (const auto& entry : node) {
    const std::string id = entry.first.Scalar();
    std::size_t index = definition.step_index(id);
    if (index == definition.steps.size()) {
      StepRule step;
      step.id = id;
      step.line = YamlReader::line_of(entry.first);
      definition.steps.push_back(std::move(step));
      step_sources.push_back(reader.source());
      definition.index_steps();
    }
    steps.read_step(entry.second, definition.steps[index]);
  }
}

void read_training(const YAML::Node& node, YamlReader& reader, Definition& definition) {
  if (!node) return;
  reader.only_keys(node, {"qualification", "steps", "note"});
  const std::string qualification = reader.text(node, "qualification", true).value_or("");
  for (const std::string& id : reader.texts(node, "steps")) {
    const std::size_t index = definition.step_index(id);
    if (index == definition.steps.size()) {
      reader.problem(node["steps"], "training names unknown step `" + id + "`");
    } else {
      definition.steps[index].qualification = qualification;
    }
  }
}

void read_label(const YAML::Node& node, YamlReader& reader, StepReader& steps, Definition& definition) {
  if (!node) {
    reader.problem(1, "missing `label` (the label versions the rules were taken from)");
    return;
  }
  reader.only_keys(node, {"version", "sources", "note"});
  bool literal = false;
  if (const YAML::Node version = node["version"]) {
    definition.label_version = steps.resolve(version, definition.product + "/label.version", literal).value_or("");
  } else {
    reader.problem(node, "missing `version` under `label`");
  }
}

// `blocking_deviations: [CODE, ...]`: adds to the definition's list; every code must be a
// deviation code of the catalogue.
void read_blocking(const YAML::Node& root, YamlReader& reader, Definition& definition) {
  const YAML::Node node = root["blocking_deviations"];
  if (!node) return;
  for (const std::string& code : reader.texts(root, "blocking_deviations")) {
    const bool known = std::any_of(code_catalogue().begin(), code_catalogue().end(), [&](const CodeInfo& info) {
      return info.name == code && info.kind == Kind::Deviation;
    });
    if (!known) {
      reader.problem(node, "`blocking_deviations` names '" + code + "', which is not a deviation code");
    } else if (std::find(definition.blocking_deviations.begin(), definition.blocking_deviations.end(), code) ==
               definition.blocking_deviations.end()) {
      definition.blocking_deviations.push_back(code);
    }
  }
}

Result<Definition> load(const DefinitionText& core, const DefinitionText& product, const SiteConfig* site,
                        bool open_values) {
  Definition definition;
  definition.region = site ? site->region : "";
  std::vector<std::string> step_sources;
  Problems problems;

  YamlReader core_reader{std::string(core.source_name)};
  StepReader core_steps{core_reader, site, open_values};
  if (const auto root = core_reader.load(core.text)) {
    core_reader.only_keys(*root, {"schema", "journey", "side_steps", "roles", "blocking_deviations", "steps", "note"});
    read_blocking(*root, core_reader, definition);
    read_steps(*root, core_reader, core_steps, definition, step_sources);
  }
  problems = std::move(core_reader.problems());

  if (!product.source_name.empty()) {
    YamlReader reader{std::string(product.source_name)};
    StepReader steps{reader, site};
    if (const auto root = reader.load(product.text)) {
      reader.only_keys(*root, {"product", "name", "label", "storage", "training", "identifiers", "blocking_deviations",
                               "steps", "schedule", "note"});
      read_blocking(*root, reader, definition);
      definition.product = reader.text(*root, "product", true).value_or("");
      definition.name = reader.text(*root, "name", true).value_or("");
      read_label((*root)["label"], reader, steps, definition);
      read_steps(*root, reader, steps, definition, step_sources);
      definition.storage = steps.read_storage((*root)["storage"]);
      read_training((*root)["training"], reader, definition);
      read_identifiers((*root)["identifiers"], reader, definition);
      // The planning lead times live beside the definition (schedule_rules.h), but a file or a
      // site value that breaks them is a problem of the product like any other: `workflows
      // check` and the site-rules check report it.
      if (auto schedule = read_schedule_rules(product, site); !schedule.ok()) {
        problems.insert(problems.end(), schedule.error().begin(), schedule.error().end());
      }
    }
    problems.insert(problems.end(), reader.problems().begin(), reader.problems().end());
  } else {
    definition.product = "core";
    definition.name = "Core journey";
  }

  if (site != nullptr) {
    for (const std::string& code : site->safety.blocking_codes) {
      if (std::find(definition.blocking_deviations.begin(), definition.blocking_deviations.end(), code) ==
          definition.blocking_deviations.end()) {
        definition.blocking_deviations.push_back(code);
      }
    }
  }
  Problems graph = check_step_graph(definition, step_sources);
  problems.insert(problems.end(), graph.begin(), graph.end());
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
      return a.source != b.source ? a.source < b.source : a.line < b.line;
    });
    return problems;
  }
  return definition;
}

}  // namespace

Result<Definition> load_core_definition(const DefinitionText& core, const SiteConfig* site) {
  return load(core, {"", ""}, site, false);
}

Result<Definition> load_core_outline(const DefinitionText& core) { return load(core, {"", ""}, nullptr, true); }

Result<Definition> load_definition(const DefinitionText& core, const DefinitionText& product, const SiteConfig* site) {
  return load(core, product, site, false);
}

}  // namespace cj::workflows
