#include "server/journeys/manufacturer_identifiers.h"

#include <boost/json.hpp>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/journal/manufacturer_ids.h"
#include "workflows/identifiers.h"

namespace cj::journeys {

namespace json = boost::json;
using base::Failure;

namespace {

constexpr std::size_t kMaxIdentifiers = 16;

std::string known_kinds(const workflows::Definition& definition) {
  if (definition.identifiers.empty()) return "this product declares no manufacturer identifier";
  std::string out = "the kinds are ";
  for (std::size_t i = 0; i < definition.identifiers.size(); ++i) {
    if (i) out += ", ";
    out += definition.identifiers[i].kind + " (" + definition.identifiers[i].label + ")";
  }
  return out;
}

json::value text_or_null(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object row_json(const journal::ManufacturerId& m) {
  json::object out{{"kind", m.kind},
                   {"value", m.value},
                   {"recorded_by", m.recorded_by},
                   {"recorded_at", m.recorded_at},
                   {"reason", text_or_null(m.reason)}};
  return out;
}

}  // namespace

std::vector<IdentifierInput> identifiers_of(const json::object& body) {
  std::vector<IdentifierInput> out;
  const auto* value = body.if_contains("identifiers");
  if (!value || value->is_null()) return out;
  const auto& array = api::required_array(body, "identifiers", kMaxIdentifiers);
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string field = "identifiers[" + std::to_string(i) + "]";
    const auto& item = api::object_element(array[i], field);
    api::refuse_unknown_fields(item, {"kind", "value"}, field);
    IdentifierInput input{api::required_string(item, "kind", 32, field),
                          api::required_string(item, "value", workflows::kMaxIdentifierLength, field)};
    for (const auto& earlier : out) {
      if (earlier.kind == input.kind)
        throw Failure::invalid_field(field + ".kind",
                                     "The identifier '" + input.kind + "' is given twice: give it once.");
    }
    out.push_back(std::move(input));
  }
  return out;
}

void check_identifiers(const workflows::Definition& definition, const std::vector<IdentifierInput>& inputs,
                       bool creating) {
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string field = "identifiers[" + std::to_string(i) + "]";
    const auto* rule = workflows::find_identifier(definition, inputs[i].kind);
    if (!rule) {
      throw Failure::invalid_field(field + ".kind", "'" + inputs[i].kind + "' is not an identifier of " +
                                                        definition.name + ": " + known_kinds(definition) + ".");
    }
    if (auto problem = workflows::identifier_problem(*rule, inputs[i].value))
      throw Failure::invalid_field(field + ".value", *problem);
  }
  if (!creating) return;
  for (const auto& rule : definition.identifiers) {
    if (!rule.required) continue;
    bool given = false;
    for (const auto& input : inputs) given = given || input.kind == rule.kind;
    if (!given)
      throw Failure::invalid_field("identifiers", definition.name + " needs the " + rule.label + " (" + rule.kind +
                                                      ") when the journey is created.");
  }
}

json::array identifiers_json(pqxx::transaction_base& tx, std::int64_t journey_id,
                             const workflows::Definition* definition) {
  json::array out;
  for (const auto& m : journal::current_identifiers(tx, journey_id)) {
    json::object item = row_json(m);
    const auto* rule = definition ? workflows::find_identifier(*definition, m.kind) : nullptr;
    item["label"] = rule ? json::value(rule->label) : json::value(nullptr);
    out.push_back(std::move(item));
  }
  return out;
}

json::array identifier_history_json(pqxx::transaction_base& tx, std::int64_t journey_id) {
  json::array out;
  for (const auto& m : journal::identifier_history(tx, journey_id)) {
    json::object item = row_json(m);
    item["id"] = m.id;
    item["replaces_id"] = m.replaces_id ? json::value(*m.replaces_id) : json::value(nullptr);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace cj::journeys
