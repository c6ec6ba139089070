#include "isbt128/compound.h"

#include <string>

#include "isbt128/build.h"
#include "isbt128/decoders.h"
#include "isbt128/digits.h"
#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "isbt128/structure_numbers.h"
#include "isbt128/text.h"

namespace cj::isbt128 {
namespace {

// ST-017 §4.3: message 035 = [034][032][001][004] (the only RT017 message in the reference).
constexpr std::string_view kMessage035[] = {numbers::kProcessorProductIdentificationCode, numbers::kProductDivisions,
                                            numbers::kDonationIdentificationNumber, numbers::kExpirationDate};

std::string numbered(std::string_view number, std::string_view name) { return Text() + name + " [" + number + "]"; }

}  // namespace

std::span<const std::string_view> compound_order(std::string_view message) {
  if (message == "035") return kMessage035;
  return {};
}

std::optional<Error> decode_compound_header(const HookInput& input, std::vector<Field>& fields) {
  const std::int64_t count = digits_value(input.content.substr(0, 2));
  const std::string_view message = input.content.substr(2, 3);
  if (count == 0) {
    return Error{ErrorCode::CompoundCountMismatch,
                 Text() + "The compound message announces 0 data structures. " + kRescanAdvice, input.offset};
  }
  const std::span<const std::string_view> order = compound_order(message);
  if (message == "000") {
    fields.push_back(Field{"order", std::string("any")});
    fields.push_back(Field{"order_checked", true});
  } else if (!order.empty()) {
    std::string text;
    for (std::string_view number : order) {
      if (!text.empty()) text += ' ';
      text += number;
    }
    fields.push_back(Field{"order", std::move(text)});
    fields.push_back(Field{"order_checked", true});
  } else {
    fields.push_back(Field{"order", std::string("fixed by RT017 message ") + std::string(message)});
    fields.push_back(Field{"order_checked", false});
  }
  return std::nullopt;
}

std::optional<Error> check_compound_order(const Structure& header, std::span<const Structure> members,
                                          std::size_t first_position) {
  const std::optional<std::string_view> message = text_field(header, "message");
  const std::span<const std::string_view> order = compound_order(message.value_or("000"));
  if (order.empty()) return std::nullopt;
  std::size_t position = first_position;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i >= order.size() || members[i].number != order[i]) {
      std::string expected;
      for (std::string_view number : order) {
        if (!expected.empty()) expected += ", ";
        expected += number;
      }
      std::string found = members[i].national ? "a national structure" : numbered(members[i].number, members[i].name);
      return Error{ErrorCode::CompoundOrderMismatch,
                   Text() + "The compound message " + *message + " must hold " + expected +
                       " in that order, but structure " + (i + 1) + " is " + found + ". Do not use this label; ask QA.",
                   position};
    }
    position += text_length(members[i]);
  }
  if (members.size() < order.size()) {
    return Error{ErrorCode::CompoundOrderMismatch,
                 Text() + "The compound message " + *message + " needs " + order.size() + " structures and holds " +
                     members.size() + ". Do not use this label; ask QA.",
                 first_position};
  }
  return std::nullopt;
}

Result<std::vector<Structure>> make_compound_message(std::span<const Structure> structures, std::string_view message) {
  if (structures.empty() || structures.size() > 99) {
    return Error{ErrorCode::CompoundCountMismatch,
                 Text() + "A compound message holds 1 to 99 data structures, not " + structures.size() + ".", 0};
  }
  std::string content = zero_padded(static_cast<std::int64_t>(structures.size()), 2);
  content += message;
  Result<Structure> header = make_structure(numbers::kCompoundMessage, content);
  if (!header) return header.error();
  std::vector<Structure> all;
  all.reserve(structures.size() + 1);
  all.push_back(std::move(header).value());
  all.insert(all.end(), structures.begin(), structures.end());
  // The message must read back as itself: parse() applies every compound and scan-wide rule.
  ParseResult check = parse(format(all));
  if (!check) return check.error();
  return all;
}

}  // namespace cj::isbt128
