#include "workflows/step_reader.h"
#include "workflows/text.h"

namespace cj::workflows {
namespace {

std::optional<FieldType> field_type(std::string_view name) {
  if (name == "number") return FieldType::Number;
  if (name == "numbers") return FieldType::Numbers;
  if (name == "integer") return FieldType::Integer;
  if (name == "text") return FieldType::Text;
  if (name == "boolean") return FieldType::Boolean;
  if (name == "time") return FieldType::Time;
  return std::nullopt;
}

std::optional<Repeat> repeat_policy(std::string_view name) {
  if (name == "once") return Repeat::Once;
  if (name == "per_unit") return Repeat::PerUnit;
  if (name == "any") return Repeat::Any;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> StepReader::resolve(const YAML::Node& node, const std::string& key, bool& literal) {
  if (open_values_ && (node.IsMap() || (node.IsScalar() && node.Scalar() == "site_set"))) return std::nullopt;
  if (node.IsMap()) {
    if (site_ == nullptr) {
      reader_.problem(node, "`" + key + "` differs by region: give a site configuration (with its region)");
      return std::nullopt;
    }
    const YAML::Node regional = node[site_->region];
    if (!regional) {
      reader_.problem(node, "`" + key + "` has no value for region '" + site_->region + "'");
      return std::nullopt;
    }
    return resolve(regional, key, literal);
  }
  if (!node.IsScalar()) {
    reader_.problem(node, "`" + key + "` must be a value, `site_set`, or a mapping by region");
    return std::nullopt;
  }
  if (node.Scalar() != "site_set") {
    literal = true;
    return node.Scalar();
  }
  if (site_ != nullptr) {
    if (const auto found = site_->values.find(key); found != site_->values.end()) return found->second.text;
  }
  reader_.problem(node, "`" + key + "` is site-set (the labels read so far do not give it; see products.md) and " +
                            (site_ ? "the site configuration " + site_->source_name + " does not give it"
                                   : std::string("no site configuration gives it")));
  return std::nullopt;
}

std::optional<double> StepReader::resolve_number(const YAML::Node& map, std::string_view attribute,
                                                 const std::string& rule, bool& literal) {
  const YAML::Node node = map[std::string(attribute)];
  if (!node) return std::nullopt;
  const std::string key = rule + "." + std::string(attribute);
  const auto text = resolve(node, key, literal);
  if (!text) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(*text, &used);
    if (used == text->size()) return value;
  } catch (const std::exception&) {
  }
  reader_.problem(node, "`" + key + "` must be a number, not '" + *text + "'");
  return std::nullopt;
}

std::optional<Duration> StepReader::resolve_duration(const YAML::Node& map, std::string_view attribute,
                                                     const std::string& rule, bool& literal) {
  const YAML::Node node = map[std::string(attribute)];
  if (!node) return std::nullopt;
  const std::string key = rule + "." + std::string(attribute);
  const auto text = resolve(node, key, literal);
  if (!text) return std::nullopt;
  if (const auto duration = parse_duration(*text)) return duration;
  reader_.problem(node, "`" + key + "` must be a duration like \"30 min\", \"2.5 h\" or \"14 d\", not '" + *text + "'");
  return std::nullopt;
}

void StepReader::require_source(const YAML::Node& node, const std::string& rule, bool literal, std::string& source) {
  source = reader_.text(node, "source").value_or("");
  if (literal && source.empty()) {
    reader_.problem(node, "rule `" + rule + "` gives a number without `source` (label section and version)");
  }
}

std::optional<Breach> StepReader::read_breach(const YAML::Node& map, std::string_view key) {
  const auto text = reader_.text(map, key);
  if (!text) return std::nullopt;
  if (*text == "deviation") return Breach::Deviation;
  if (*text == "refusal") return Breach::Refusal;
  reader_.problem(map[std::string(key)], cat({"`", key, "` must be deviation or refusal"}));
  return std::nullopt;
}

FieldRule StepReader::read_field(const std::string& name, const YAML::Node& node) {
  FieldRule field;
  field.name = name;
  field.line = YamlReader::line_of(node);
  reader_.only_keys(node, {"type", "label", "unit", "required", "min", "max", "choices", "entry", "rule", "breach",
                           "source", "note"});
  const std::string type = reader_.text(node, "type", true).value_or("text");
  if (const auto parsed = field_type(type)) {
    field.type = *parsed;
  } else {
    reader_.problem(node, "field `" + name + "`: type must be number, numbers, integer, text, boolean or time");
  }
  field.label = reader_.text(node, "label").value_or("");
  if (node["choices"]) {
    field.choices = reader_.texts(node, "choices");
    if (field.type != FieldType::Text)
      reader_.problem(node["choices"], "field `" + name + "`: only text fields take `choices`");
    if (field.choices.empty())
      reader_.problem(node["choices"], "field `" + name + "`: `choices` must list at least one answer");
  }
  if (const auto entry = reader_.text(node, "entry")) {
    if (*entry == "scan") {
      field.entry = FieldEntry::Scan;
    } else if (*entry != "type") {
      reader_.problem(node["entry"], "field `" + name + "`: `entry` must be type or scan");
    }
  }
  field.unit = reader_.text(node, "unit").value_or("");
  field.required = reader_.flag(node, "required").value_or(false);
  field.rule = reader_.text(node, "rule").value_or("");
  const bool has_range = node["min"] || node["max"];
  if (has_range && field.rule.empty()) reader_.problem(node, "field `" + name + "` has a range but no `rule` name");
  bool literal = false;
  field.min = resolve_number(node, "min", field.rule, literal);
  field.max = resolve_number(node, "max", field.rule, literal);
  field.breach = read_breach(node, "breach").value_or(Breach::Deviation);
  require_source(node, field.rule, literal, field.source);
  return field;
}

WindowRule StepReader::read_window(const YAML::Node& node) {
  WindowRule window;
  window.line = YamlReader::line_of(node);
  reader_.only_keys(node, {"rule", "from", "min", "max", "per_unit", "calendar_days", "dose", "from_dose", "first_only",
                           "breach", "source", "note"});
  window.rule = reader_.text(node, "rule", true).value_or("");
  window.from = reader_.text(node, "from", true).value_or("");
  window.per_unit = reader_.flag(node, "per_unit").value_or(false);
  window.calendar_days = reader_.flag(node, "calendar_days").value_or(false);
  window.first_only = reader_.flag(node, "first_only").value_or(false);
  bool literal = false;
  window.min = resolve_duration(node, "min", window.rule, literal);
  window.max = resolve_duration(node, "max", window.rule, literal);
  if (!node["min"] && !node["max"]) reader_.problem(node, "window `" + window.rule + "` needs `min` or `max`");
  if (const auto dose = reader_.number(node, "dose")) window.dose = static_cast<int>(*dose);
  if (const auto dose = reader_.number(node, "from_dose")) window.from_dose = static_cast<int>(*dose);
  window.breach = read_breach(node, "breach").value_or(Breach::Deviation);
  require_source(node, window.rule, literal, window.source);
  return window;
}

TemperatureRule StepReader::read_temperature(const YAML::Node& node) {
  TemperatureRule temperature;
  temperature.line = YamlReader::line_of(node);
  reader_.only_keys(node, {"rule", "field", "min_c", "max_c", "breach", "source", "note"});
  temperature.rule = reader_.text(node, "rule", true).value_or("");
  temperature.field = reader_.text(node, "field", true).value_or("");
  bool literal = false;
  temperature.min_c = resolve_number(node, "min_c", temperature.rule, literal);
  temperature.max_c = resolve_number(node, "max_c", temperature.rule, literal);
  temperature.breach = read_breach(node, "breach").value_or(Breach::Deviation);
  require_source(node, temperature.rule, literal, temperature.source);
  return temperature;
}

ChecklistQuestion StepReader::read_question(const YAML::Node& node) {
  ChecklistQuestion question;
  question.line = YamlReader::line_of(node);
  reader_.only_keys(node, {"id", "question", "on_no", "source", "note"});
  question.id = reader_.text(node, "id", true).value_or("");
  question.question = reader_.text(node, "question", true).value_or("");
  question.on_no = read_breach(node, "on_no").value_or(Breach::Deviation);
  question.source = reader_.text(node, "source").value_or("");
  return question;
}

std::optional<StorageRule> StepReader::read_storage(const YAML::Node& node) {
  if (!node) return std::nullopt;
  StorageRule storage;
  storage.line = YamlReader::line_of(node);
  reader_.only_keys(node, {"rule", "min_c", "max_c", "source", "note"});
  storage.rule = reader_.text(node, "rule", true).value_or("");
  bool literal = false;
  storage.min_c = resolve_number(node, "min_c", storage.rule, literal);
  storage.max_c = resolve_number(node, "max_c", storage.rule, literal);
  if (!node["min_c"] && !node["max_c"]) reader_.problem(node, "storage needs `max_c` (and may have `min_c`)");
  require_source(node, storage.rule, literal, storage.source);
  return storage;
}

void StepReader::read_step(const YAML::Node& node, StepRule& step) {
  if (!node.IsMap()) {
    reader_.problem(node, "step `" + step.id + "` must be a mapping");
    return;
  }
  reader_.only_keys(node, {"title",           "side_exit",
                           "required",        "after",
                           "roles",           "scans",
                           "identity",        "coi",
                           "wristband",       "witnesses",
                           "qualification",   "repeat",
                           "check_expiry",    "requires_oos_release",
                           "checks_storage",  "anchor_fallback",
                           "refused_on_hold", "bedside_check",
                           "unit_needs",      "unit_spent_by",
                           "checks_blocking", "dose_order",
                           "readmits",        "fields",
                           "windows",         "temperatures",
                           "checklist",       "note"});
  if (step.line == 0) step.line = YamlReader::line_of(node);
  if (auto v = reader_.text(node, "title")) step.title = *v;
  if (auto v = reader_.flag(node, "side_exit")) step.side_exit = *v;
  if (auto v = reader_.flag(node, "required")) step.required = *v;
  if (node["after"]) step.after = reader_.texts(node, "after");
  if (node["roles"]) step.roles = reader_.texts(node, "roles");
  if (node["scans"]) step.scans = reader_.texts(node, "scans");
  if (node["identity"]) step.identity = reader_.texts(node, "identity");
  if (auto v = reader_.flag(node, "coi")) step.coi = *v;
  if (auto v = reader_.flag(node, "wristband")) step.wristband = *v;
  if (auto v = reader_.number(node, "witnesses")) step.witnesses = static_cast<int>(*v);
  if (auto v = reader_.text(node, "qualification")) step.qualification = *v;
  if (auto v = reader_.text(node, "repeat")) {
    if (const auto policy = repeat_policy(*v)) {
      step.repeat = *policy;
    } else {
      reader_.problem(node["repeat"], "`repeat` must be once, per_unit or any");
    }
  }
  if (auto v = reader_.flag(node, "check_expiry")) step.check_expiry = *v;
  if (auto v = reader_.flag(node, "requires_oos_release")) step.requires_oos_release = *v;
  if (auto v = reader_.flag(node, "checks_storage")) step.checks_storage = *v;
  if (auto v = reader_.text(node, "anchor_fallback")) step.anchor_fallback = *v;
  if (auto v = reader_.flag(node, "refused_on_hold")) step.refused_on_hold = *v;
  if (auto v = reader_.text(node, "bedside_check")) step.bedside_check = *v;
  if (auto v = reader_.text(node, "unit_needs")) step.unit_needs = *v;
  if (auto v = reader_.text(node, "unit_spent_by")) step.unit_spent_by = *v;
  if (auto v = reader_.flag(node, "checks_blocking")) step.checks_blocking = *v;
  if (auto v = reader_.text(node, "dose_order")) step.dose_order = *v;
  if (auto v = reader_.flag(node, "readmits")) step.readmits = *v;
  for (const auto& entry : node["fields"]) {
    FieldRule field = read_field(entry.first.Scalar(), entry.second);
    bool replaced = false;
    for (FieldRule& existing : step.fields) {
      if (existing.name == field.name) existing = field, replaced = true;
    }
    if (!replaced) step.fields.push_back(std::move(field));
  }
  for (const YAML::Node& item : node["windows"]) step.windows.push_back(read_window(item));
  for (const YAML::Node& item : node["temperatures"]) step.temperatures.push_back(read_temperature(item));
  for (const YAML::Node& item : node["checklist"]) step.checklist.push_back(read_question(item));
}

}  // namespace cj::workflows
