// The manufacturer's identifiers of a journey in the API: reading them from a request, checking
// them against the product's definition (workflows/identifiers.h) and their JSON.
//
//   "identifiers": [{"kind": "order_id", "value": "..."}, ...]     in POST /api/v1/journeys
//   {"kind", "label", "value", "recorded_by", "recorded_at", "reason"}   each one shown
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "workflows/definition.h"

namespace pqxx {
class transaction_base;
}

namespace cj::journeys {

struct IdentifierInput {
  std::string kind;
  std::string value;
};

/// body["identifiers"] (absent or null: none): an array of {"kind", "value"}, each kind once.
/// 400 naming "identifiers[i].kind" / "identifiers[i].value" for what does not fit the shape.
std::vector<IdentifierInput> identifiers_of(const boost::json::object& body);

/// Every input is a kind the product declares with a valid value, and (creating) every required
/// kind is given. 400 INVALID_FIELD naming the field ("identifiers[1].value") with the kinds the
/// product has, or the format expected.
void check_identifiers(const workflows::Definition& definition, const std::vector<IdentifierInput>& inputs,
                       bool creating);

/// The current identifiers of the journey, in the order given; label from definition when known
/// (null when definition is null or no longer declares the kind).
boost::json::array identifiers_json(pqxx::transaction_base& tx, std::int64_t journey_id,
                                    const workflows::Definition* definition);

/// Every value ever given, oldest first, each change with who, when and why.
boost::json::array identifier_history_json(pqxx::transaction_base& tx, std::int64_t journey_id);

}  // namespace cj::journeys
