// The event's data: required fields and their types (refusal), ranges (as the rule says),
// temperatures and logger readings, the storage position against the product's needs.
#include <algorithm>
#include <cstdio>

#include "workflows/checks.h"

namespace cj::workflows {
namespace {

std::optional<double> as_number(const boost::json::value& value) {
  if (value.is_double()) return value.get_double();
  if (value.is_int64()) return static_cast<double>(value.get_int64());
  if (value.is_uint64()) return static_cast<double>(value.get_uint64());
  return std::nullopt;
}

// Every number in `value` (one, or a list); nullopt when something else is there.
std::optional<std::vector<double>> as_numbers(const boost::json::value& value) {
  if (const auto number = as_number(value)) return std::vector<double>{*number};
  const auto* array = value.if_array();
  if (array == nullptr) return std::nullopt;
  std::vector<double> numbers;
  for (const boost::json::value& item : *array) {
    const auto number = as_number(item);
    if (!number) return std::nullopt;
    numbers.push_back(*number);
  }
  return numbers;
}

std::string show(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

bool has_type(const boost::json::value& value, FieldType type) {
  switch (type) {
    case FieldType::Number:
      return as_number(value).has_value();
    case FieldType::Numbers:
      return as_numbers(value).has_value();
    case FieldType::Integer:
      return value.is_int64() || value.is_uint64();
    case FieldType::Text:
      return value.is_string();
    case FieldType::Boolean:
      return value.is_bool();
    case FieldType::Time:
      return value.is_string() && parse_time(value.get_string()).has_value();
  }
  return false;
}

void check_range(Decision& decision, Code code, Breach breach, const std::string& what, double value,
                 std::optional<double> min, std::optional<double> max, const std::string& unit,
                 const std::string& rule) {
  const std::string shown = what + " " + show(value) + (unit.empty() ? "" : " " + unit);
  if (max && value > *max) {
    add_finding(decision, code, breach, shown + " is above the limit " + show(*max) + (unit.empty() ? "" : " " + unit),
                rule);
  } else if (min && value < *min) {
    add_finding(decision, code, breach, shown + " is below the limit " + show(*min) + (unit.empty() ? "" : " " + unit),
                rule);
  }
}

// A text field with a closed set of answers: anything else breaks the field's rule like a range.
void check_choice(Decision& decision, const FieldRule& field, const std::string& value) {
  if (std::find(field.choices.begin(), field.choices.end(), value) != field.choices.end()) return;
  std::string allowed;
  for (const std::string& choice : field.choices) allowed += (allowed.empty() ? "'" : ", '") + choice + "'";
  add_finding(decision, Code::FieldOutOfRange, field.breach,
              field.name + " '" + value + "' is not one of the answers allowed: " + allowed,
              field.rule.empty() ? "core/field-choices" : field.rule);
}

void check_fields(const CheckInput& input, Decision& decision) {
  for (const FieldRule& field : input.step.fields) {
    const boost::json::value* value = input.event.data.if_contains(field.name);
    if (value == nullptr || value->is_null()) {
      if (field.required)
        refuse(decision, Code::FieldMissing, input.step.id + " needs `" + field.name + "`", "core/fields");
      continue;
    }
    if (!has_type(*value, field.type)) {
      refuse(decision, Code::FieldMissing, "`" + field.name + "` has the wrong type", "core/fields");
      continue;
    }
    if (!field.choices.empty()) check_choice(decision, field, std::string(value->get_string()));
    if (!field.min && !field.max) continue;
    for (const double number : as_numbers(*value).value_or(std::vector<double>{})) {
      check_range(decision, Code::FieldOutOfRange, field.breach, field.name, number, field.min, field.max, field.unit,
                  field.rule);
    }
  }
}

void check_temperatures(const CheckInput& input, Decision& decision) {
  for (const TemperatureRule& rule : input.step.temperatures) {
    const boost::json::value* value = input.event.data.if_contains(rule.field);
    if (value == nullptr) continue;  // presence is the field rules' business
    for (const double reading : as_numbers(*value).value_or(std::vector<double>{})) {
      check_range(decision, Code::TemperatureOutOfRange, rule.breach, rule.field, reading, rule.min_c, rule.max_c, "°C",
                  rule.rule);
    }
  }
}

void check_storage(const CheckInput& input, Decision& decision) {
  const std::optional<StorageRule>& storage = input.definition.storage;
  if (!input.step.checks_storage || !storage) return;
  const auto* location = input.event.data.if_contains("location");
  if (location == nullptr || !location->is_string()) return;  // the field rule refuses
  const std::string where(location->get_string());
  const StorageLocation* position = input.site.find_storage_location(where);
  if (position == nullptr) {
    deviate(decision, Code::StorageUnsuitable, "'" + where + "' is not a qualified storage position of this site",
            storage->rule);
  } else if (storage->max_c && position->max_c > *storage->max_c) {
    deviate(decision, Code::StorageUnsuitable,
            "'" + where + "' is qualified up to " + show(position->max_c) + " °C; " + input.definition.name +
                " needs " + show(*storage->max_c) + " °C or colder",
            storage->rule);
  } else if (storage->min_c && position->min_c < *storage->min_c) {
    deviate(decision, Code::StorageUnsuitable,
            "'" + where + "' goes down to " + show(position->min_c) + " °C; " + input.definition.name + " needs " +
                show(*storage->min_c) + " °C or warmer",
            storage->rule);
  }
  if (const auto* temperature = input.event.data.if_contains("temperature_c")) {
    if (const auto value = as_number(*temperature)) {
      check_range(decision, Code::TemperatureOutOfRange, Breach::Deviation, "storage temperature", *value,
                  storage->min_c, storage->max_c, "°C", storage->rule);
    }
  }
}

}  // namespace

void check_data(const CheckInput& input, Decision& decision) {
  check_fields(input, decision);
  check_temperatures(input, decision);
  check_storage(input, decision);
}

}  // namespace cj::workflows
