#include "isbt128/din.h"

#include <array>
#include <stdexcept>

#include "isbt128/build.h"
#include "isbt128/char_class.h"
#include "isbt128/check_character.h"
#include "isbt128/decoders.h"
#include "isbt128/digits.h"
#include "isbt128/structure_numbers.h"
#include "isbt128/text.h"

namespace cj::isbt128 {
namespace {

constexpr std::string_view kDinPattern = "Fffdddddddddd";  // the 13 characters of a DIN

// ST-001 Table 3 [RT004], flags 00-19 (Type 1: ICCBBA-defined process control).
constexpr std::array<std::string_view, 20> kType1Meanings = {
    "flag not used",
    "container 1 of a set",
    "container 2 of a set",
    "container 3 of a set",
    "container 4 of a set",
    "second (repeated) demand-printed label",
    "pilot tube label",
    "test tube label",
    "donor record label",
    "sample tube for NAT testing",
    "samples for bacterial testing",
    "match with unit label",
    "affixed partial label",
    "attached label (used with affixed partial label)",
    "reserved",
    "container 5 of a set",
    "container 6 of a set",
    "container 7 of a set",
    "container 8 of a set",
    "container 9 of a set",
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int din_checksum(std::string_view din13) { return mod37_2_checksum(din13).value(); }

// The 13 DIN characters (and K when `with_check`) out of hand-typed text, spaces allowed only
// between groups. Positions in errors are offsets into `text`.
Result<std::string> collect_din(std::string_view text, bool with_check) {
  std::size_t first = 0;
  std::size_t last = text.size();
  while (first < last && text[first] == ' ') ++first;
  while (last > first && text[last - 1] == ' ') --last;
  const std::size_t wanted = with_check ? 14 : 13;
  const std::string example = with_check ? "A9999 26 123456 N" : "A9999 26 123456";
  if (first == last) {
    return Error{ErrorCode::EmptyInput, Text() + "Nothing was typed. Type the DIN as printed, e.g. " + example + ".",
                 0};
  }
  std::string din;
  for (std::size_t i = first; i < last; ++i) {
    const char c = text[i];
    if (c == ' ') {
      const bool between_groups = din.size() == 5 || din.size() == 7 || din.size() == 13;
      if (!between_groups || text[i - 1] == ' ') {
        return Error{ErrorCode::InvalidCharacter,
                     Text() + "A space at position " + i + " splits a group of the DIN: type it as printed, e.g. " +
                         example + ".",
                     i};
      }
      continue;
    }
    if (din.size() == wanted) {
      return Error{ErrorCode::WrongLength,
                   Text() + "Too many characters from position " + i + ": a DIN is 13 characters" +
                       (with_check ? " plus its check character" : "") + ", e.g. " + example + ".",
                   i};
    }
    const char class_letter = din.size() < 13 ? kDinPattern[din.size()] : 'K';
    const bool valid = class_letter == 'K' ? (mod37_2_value(c) >= 0 || c == '*')
                                           : in_class(class_letter, static_cast<unsigned char>(c));
    if (!valid) {
      const std::string_view need =
          class_letter == 'K' ? "a capital letter, a digit or *" : class_description(class_letter);
      return Error{ErrorCode::InvalidCharacter,
                   Text() + describe_character(static_cast<unsigned char>(c)) + " at position " + i +
                       " cannot be there: it needs " + need + ". Type the DIN as printed, e.g. " + example + ".",
                   i};
    }
    din += c;
  }
  if (din.size() != wanted) {
    return Error{ErrorCode::WrongLength,
                 Text() + "The DIN has " + din.size() + " characters; it needs 13" +
                     (with_check ? " plus its check character" : "") + ", e.g. " + example + ".",
                 first};
  }
  return din;
}

std::string spaced(std::string_view din13) {
  std::string text(din13.substr(0, 5));
  text += ' ';
  text += din13.substr(5, 2);
  text += ' ';
  text += din13.substr(7, 6);
  return text;
}

}  // namespace

std::optional<Error> decode_din(const HookInput& input, std::vector<Field>& fields) {
  const std::string_view din13 = input.content.substr(0, 13);
  const std::string_view flags = input.content.substr(13, 2);
  const int checksum = din_checksum(din13);
  std::string_view type = "reserved";
  std::string meaning = "reserved";
  if (is_digit(flags[0]) && is_digit(flags[1])) {
    const int value = static_cast<int>(digits_value(flags));
    if (value < 20) {
      type = value == 14 ? "reserved" : "process control";
      meaning = kType1Meanings[static_cast<std::size_t>(value)];
    } else if (value < 60) {
      type = "local";
      meaning = "defined by the facility that assigned the DIN; do not interpret elsewhere";
    } else if (value <= 96) {
      const int expected = checksum + 60;
      if (value != expected) {
        return Error{ErrorCode::CheckFailed,
                     Text() + "Check character does not match: the DIN " + din13 + " needs flag " + expected +
                         " (K=" + mod37_2_character(checksum) + "), the label says " + flags + ". " + kRescanAdvice,
                     input.offset + 13};
      }
      type = "check";
      meaning = "MOD 37-2 checksum + 60, verified";
    }
  }
  fields.push_back(Field{"flag_type", std::string(type)});
  fields.push_back(Field{"flag_meaning", std::move(meaning)});
  fields.push_back(Field{"keyboard_check_character", std::string(1, mod37_2_character(checksum))});
  return std::nullopt;
}

namespace {

std::optional<Error> check_din_parts(std::string_view fin, int year, int sequence) {
  if (fin.size() != 5) {
    return Error{ErrorCode::WrongLength, Text() + "A FIN is 5 characters, not " + fin.size() + ".", 1};
  }
  if (year < 0 || year > 99) {
    return Error{ErrorCode::WrongLength,
                 "A DIN holds the last two digits of the year (0-99), not " + std::to_string(year) + ".", 6};
  }
  if (sequence < 0 || sequence > 999999) {
    return Error{ErrorCode::WrongLength, Text() + "A DIN sequence number is 0-999999, not " + sequence + ".", 8};
  }
  return std::nullopt;
}

}  // namespace

Result<Structure> make_din(std::string_view fin, int year, int sequence, std::string_view flags) {
  if (auto error = check_din_parts(fin, year, sequence)) return *error;
  std::string content(fin);
  content += zero_padded(year, 2);
  content += zero_padded(sequence, 6);
  content += flags;
  return make_structure(numbers::kDonationIdentificationNumber, content);
}

Result<Structure> make_din(std::string_view fin, int year, int sequence) {
  if (auto error = check_din_parts(fin, year, sequence)) return *error;
  std::string din13(fin);
  din13 += zero_padded(year, 2);
  din13 += zero_padded(sequence, 6);
  Result<int> checksum = mod37_2_checksum(din13);
  // An invalid DIN gets placeholder flags; make_structure then reports what is wrong with it.
  const std::string flags = checksum ? std::to_string(checksum.value() + 60) : "00";
  return make_din(fin, year, sequence, flags);
}

Result<char> keyboard_check_character(std::string_view din) {
  Result<std::string> din13 = collect_din(din, false);
  if (!din13) return din13.error();
  return mod37_2_character(din_checksum(din13.value()));
}

Result<KeyboardDin> parse_keyboard_din(std::string_view text) {
  Result<std::string> typed = collect_din(text, true);
  if (!typed) return typed.error();
  const std::string& all = typed.value();
  const std::string_view din13 = std::string_view(all).substr(0, 13);
  const char expected = mod37_2_character(din_checksum(din13));
  if (all[13] != expected) {
    return Error{ErrorCode::CheckFailed,
                 Text() + "Check character does not match: the DIN " + din13 + " has check character " + expected +
                     ", you typed " + all[13] + ". Compare what you typed with the label and type it again.",
                 text.find_last_not_of(' ')};
  }
  return KeyboardDin{std::string(din13), std::string(din13.substr(0, 5)),
                     static_cast<int>(digits_value(din13.substr(5, 2))),
                     static_cast<int>(digits_value(din13.substr(7, 6))), expected};
}

Result<EyeReadableDin> eye_readable_din(std::string_view din) {
  Result<std::string> din13 = collect_din(din, false);
  if (!din13) return din13.error();
  return EyeReadableDin{spaced(din13.value()), mod37_2_character(din_checksum(din13.value()))};
}

EyeReadableDin eye_readable_din(const Structure& structure) {
  if (structure.number != numbers::kDonationIdentificationNumber || structure.content.size() < 13) {
    throw std::invalid_argument("eye_readable_din: not a Donation Identification Number");
  }
  const std::string_view din13 = std::string_view(structure.content).substr(0, 13);
  return EyeReadableDin{spaced(din13), mod37_2_character(din_checksum(din13))};
}

}  // namespace cj::isbt128
