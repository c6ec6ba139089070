// Decoder hooks of the smaller structures: 017, 028, 031, 038, 039.
#include "isbt128/decoders.h"

#include <string>

#include "isbt128/check_character.h"
#include "isbt128/digits.h"
#include "isbt128/text.h"

namespace cj::isbt128 {

std::optional<Error> decode_container(const HookInput& input, std::vector<Field>& fields) {
  std::string_view meaning;
  switch (input.content[0]) {
    case '1':
      meaning = "primary bag";
      break;
    case 'y':
      meaning = "whole set";
      break;
    case 'z':
      meaning = "carton";
      break;
    default:
      meaning = "not in the reference";
      break;
  }
  fields.insert(fields.begin() + 1, Field{"container_meaning", std::string(meaning)});
  return std::nullopt;
}

std::optional<Error> decode_consignment(const HookInput& input, std::vector<Field>& fields) {
  // ST-001: container number 00 on dispatch documents.
  fields.push_back(Field{"dispatch_document", input.content.substr(12, 2) == "00"});
  return std::nullopt;
}

std::optional<Error> decode_flexible_date_time(const HookInput& input, std::vector<Field>& fields) {
  // ST-001 Tables 24/25. Z (1 or 2) and U (0) are already checked by the pattern.
  static constexpr std::string_view kDateTypes[] = {"expiration",  "collection",   "production",
                                                    "cross-clamp", "preservation", "donor death"};
  const std::string_view type = input.content.substr(2, 2);
  const auto index = static_cast<std::size_t>(digits_value(type));
  const std::string_view meaning = index >= 1 && index <= 6 ? kDateTypes[index - 1] : "not in the reference";
  fields.insert(fields.begin(), Field{"time_reference", std::string(input.content[0] == '1' ? "local" : "UTC")});
  fields.insert(fields.begin() + 2, Field{"date_type_meaning", std::string(meaning)});
  return std::nullopt;
}

std::optional<Error> decode_sec(const HookInput& input, std::vector<Field>& fields) {
  std::string_view meaning;
  switch (input.content[21]) {
    case 'A':
      meaning = "ISBT 128";
      break;
    case 'B':
      meaning = "Eurocode";
      break;
    case 'E':
      meaning = "EUTC";
      break;
    default:
      meaning = "not in the reference";
      break;
  }
  // After "coding_system": country, tissue_establishment, donation_number, coding_system.
  fields.insert(fields.begin() + 4, Field{"coding_system_meaning", std::string(meaning)});
  return std::nullopt;
}

std::optional<Error> decode_grid(const HookInput& input, std::vector<Field>& fields) {
  // ION + RDI (17 characters, capitals and digits by the pattern), then MOD 37-2 as 00-36.
  const std::string_view identifier = input.content.substr(0, 17);
  const std::string_view printed = input.content.substr(17, 2);
  const int expected = mod37_2_checksum(identifier).value();
  if (digits_value(printed) != expected) {
    return Error{ErrorCode::CheckFailed,
                 Text() + "Check characters do not match: the GRID " + identifier + " needs checksum " +
                     zero_padded(expected, 2) + ", the label says " + printed + ". " + kRescanAdvice,
                 input.offset + 17};
  }
  (void)fields;
  return std::nullopt;
}

}  // namespace cj::isbt128
