#include "workflows/step_form.h"

#include <boost/json/array.hpp>
#include <boost/json/value_from.hpp>

namespace cj::workflows {
namespace {

namespace json = boost::json;

std::string_view type_name(FieldType type) {
  switch (type) {
    case FieldType::Number:
      return "number";
    case FieldType::Numbers:
      return "numbers";
    case FieldType::Integer:
      return "integer";
    case FieldType::Text:
      return "text";
    case FieldType::Boolean:
      return "boolean";
    case FieldType::Time:
      return "time";
  }
  return "text";
}

std::string_view breach_name(Breach breach) { return breach == Breach::Refusal ? "refusal" : "deviation"; }

json::value optional_number(const std::optional<double>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::object field_form(const StepRule& step, const FieldRule& field) {
  std::optional<double> min = field.min, max = field.max;
  Breach breach = field.breach;
  if (!min && !max) {
    // The engine checks a temperature field against its temperatures rule: the station checks
    // the same range before it sends.
    for (const TemperatureRule& rule : step.temperatures) {
      if (rule.field != field.name || (!rule.min_c && !rule.max_c)) continue;
      min = rule.min_c;
      max = rule.max_c;
      breach = rule.breach;
      break;
    }
  }
  json::object out;
  out["name"] = field.name;
  out["label"] = field.label;
  out["type"] = type_name(field.type);
  out["unit"] = field.unit;
  out["required"] = field.required;
  out["min"] = optional_number(min);
  out["max"] = optional_number(max);
  out["breach"] = breach_name(breach);
  out["choices"] = json::value_from(field.choices);
  out["entry"] = field.entry == FieldEntry::Scan ? "scan" : "type";
  return out;
}

}  // namespace

json::object step_form(const Definition& definition, const StepRule& step) {
  json::object form;
  form["step"] = step.id;
  form["title"] = step.title;
  form["side_exit"] = step.side_exit;
  form["roles"] = json::value_from(step.roles);
  form["witnesses"] = step.witnesses;
  form["qualification"] = step.qualification;
  form["scans"] = json::object{{"coi", step.coi},
                               {"wristband", step.wristband},
                               {"identity", json::value_from(step.identity)},
                               {"structures", json::value_from(step.scans)}};
  json::array& fields = form["fields"].emplace_array();
  for (const FieldRule& field : step.fields) fields.push_back(field_form(step, field));
  json::array& checklist = form["checklist"].emplace_array();
  for (const ChecklistQuestion& question : step.checklist) {
    checklist.push_back(
        json::object{{"id", question.id}, {"question", question.question}, {"on_no", breach_name(question.on_no)}});
  }
  if (step.checks_storage) {
    const std::optional<double> none;
    const auto& storage = definition.storage;
    form["storage"] = json::object{{"min_c", optional_number(storage ? storage->min_c : none)},
                                   {"max_c", optional_number(storage ? storage->max_c : none)}};
  }
  return form;
}

json::object definition_forms(const Definition& definition) {
  json::object out;
  out["product"] = definition.product == "core" ? "" : definition.product;
  out["name"] = definition.name;
  json::array& steps = out["steps"].emplace_array();
  for (const StepRule& step : definition.steps) steps.push_back(step_form(definition, step));
  json::array& identifiers = out["identifiers"].emplace_array();
  for (const IdentifierRule& rule : definition.identifiers) {
    identifiers.push_back(
        json::object{{"kind", rule.kind},
                     {"label", rule.label},
                     {"required", rule.required},
                     {"pattern", rule.pattern.empty() ? json::value(nullptr) : json::value(rule.pattern)},
                     {"example", rule.example.empty() ? json::value(nullptr) : json::value(rule.example)}});
  }
  return out;
}

}  // namespace cj::workflows
