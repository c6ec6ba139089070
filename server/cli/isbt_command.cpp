#include "server/cli/isbt_command.h"

#include <boost/json.hpp>
#include <istream>
#include <ostream>
#include <variant>

#include "isbt128/din.h"
#include "isbt128/format.h"
#include "isbt128/parse.h"
#include "isbt128/structure_numbers.h"
#include "isbt128/structure_table.h"

namespace cj::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: celljourney isbt COMMAND

commands:
  parse [CODE...]   parse scanned ISBT 128 codes, given as arguments or one per line on stdin,
                    into one JSON object per code: {"input", "structures": [...]} or
                    {"input", "error": {"code", "message", "position"}}
                    A code that does not start with = or & is read as a hand-typed DIN with
                    its keyboard check character ("A9999 26 123456 T" in quotes, or
                    A999926123456T) and gives the DIN [001] with its K verified.
                    exit 0: every code parsed; 1: some did not; 2: usage error
  check DIN         print the keyboard check character K of a 13-character DIN
                    (A999926123456 or A9999 26 123456); exit 2 if the DIN is not valid
  check DIN K       verify a hand-typed DIN and its check character (A9999 26 123456 T,
                    A999926123456T or A999926123456 T): prints "ok: ..." and exits 0 when K
                    matches; exits 1 naming the expected character when it does not
  help              this text

See docs/isbt128.md for the structures, fields and error codes.
)";

// Valid UTF-8 kept, anything else replaced by U+FFFD, so the JSON output stays valid.
std::string utf8_or_replacement(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (c < 0x80) {
      length = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
    }
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (valid && length >= 3) {
      const auto second = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xE0 && second < 0xA0) && !(c == 0xED && second > 0x9F) && !(c == 0xF0 && second < 0x90) &&
              !(c == 0xF4 && second > 0x8F);
    }
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

boost::json::value field_to_json(const isbt128::FieldValue& value) {
  return std::visit(
      [](const auto& v) -> boost::json::value {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return boost::json::string(utf8_or_replacement(v));
        } else {
          return boost::json::value(v);
        }
      },
      value);
}

int parse_codes(const std::vector<std::string>& codes, std::istream& in, std::ostream& out) {
  bool all_parsed = true;
  auto handle = [&](std::string_view code) {
    const boost::json::object result = parse_to_json(code);
    all_parsed = all_parsed && !result.contains("error");
    out << boost::json::serialize(result) << '\n';
  };
  if (!codes.empty()) {
    for (const std::string& code : codes) handle(code);
  } else {
    std::string line;
    while (std::getline(in, line)) {
      while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
      if (line.empty()) continue;
      handle(line);
    }
  }
  out.flush();
  return all_parsed ? 0 : 1;
}

// The characters of `text` that are not spaces: 13 for a DIN, 14 for a DIN and its K.
std::size_t typed_characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += c != ' ';
  return count;
}

int check_din(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
  if (words.empty()) {
    err << "celljourney isbt check: give a 13-character DIN, e.g. A999926123456, or a DIN and its check "
           "character to verify, e.g. A9999 26 123456 T\n";
    return 2;
  }
  std::string din;
  for (const std::string& word : words) {
    if (!din.empty()) din += ' ';
    din += word;
  }
  if (typed_characters(din) <= 13) {
    isbt128::Result<char> check = isbt128::keyboard_check_character(din);
    if (!check.ok()) {
      err << "celljourney isbt check: " << check.error().code_name() << ": " << check.error().message << '\n';
      return 2;
    }
    out << check.value() << '\n';
    return 0;
  }
  // A DIN with its check character, as typed from the label: verified.
  isbt128::Result<isbt128::KeyboardDin> typed = isbt128::parse_keyboard_din(din);
  if (!typed.ok()) {
    err << "celljourney isbt check: " << typed.error().code_name() << ": " << typed.error().message << '\n';
    return typed.error().code == isbt128::ErrorCode::CheckFailed ? 1 : 2;
  }
  const isbt128::EyeReadableDin eye = isbt128::eye_readable_din(typed.value().din).value();
  out << "ok: " << eye.with_check_character() << " (the check character " << typed.value().check_character
      << " matches the DIN)\n";
  return 0;
}

// A line that does not start with a data identifier but with a letter or digit: someone typed
// a DIN from its label ("A9999 26 123456 T").
bool looks_hand_typed(std::string_view input) {
  const auto first = input.find_first_not_of(' ');
  if (first == std::string_view::npos) return false;
  const char c = input[first];
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

boost::json::object error_to_json(const isbt128::Error& error) {
  return boost::json::object{{"code", error.code_name()},
                             {"message", error.message},
                             {"position", static_cast<std::uint64_t>(error.position)}};
}

// A hand-typed DIN as the JSON of a scanned one [001], without flags (the eye-readable DIN has
// none) and with its keyboard check character verified.
boost::json::object keyboard_din_to_json(const isbt128::KeyboardDin& typed) {
  const isbt128::EyeReadableDin eye = isbt128::eye_readable_din(typed.din).value();
  boost::json::object fields{{"din", typed.din},
                             {"fin", typed.fin},
                             {"year", typed.year},
                             {"sequence", typed.sequence},
                             {"flags", nullptr},
                             {"flag_type", "not typed"},
                             {"flag_meaning", "a hand-typed DIN carries no flags"},
                             {"keyboard_check_character", std::string(1, typed.check_character)},
                             {"keyboard_check_character_verified", true}};
  return boost::json::object{{"number", isbt128::numbers::kDonationIdentificationNumber},
                             {"name", isbt128::find_structure(isbt128::numbers::kDonationIdentificationNumber)->name},
                             {"data_identifier", std::string{'=', typed.din.front()}},  // "=A"
                             {"text", eye.with_check_character()},
                             {"retired", false},
                             {"national", false},
                             {"typed", true},
                             {"fields", std::move(fields)}};
}

}  // namespace

boost::json::object structure_to_json(const isbt128::Structure& structure) {
  boost::json::object fields;
  for (const isbt128::Field& field : structure.fields) fields[field.name] = field_to_json(field.value);
  boost::json::object json;
  if (structure.number.empty()) {
    json["number"] = nullptr;
  } else {
    json["number"] = structure.number;
  }
  json["name"] = structure.name;
  json["data_identifier"] = utf8_or_replacement(structure.data_identifier);
  json["text"] = utf8_or_replacement(isbt128::format(structure));
  json["retired"] = structure.retired;
  json["national"] = structure.national;
  json["fields"] = std::move(fields);
  return json;
}

boost::json::object parse_to_json(std::string_view input) {
  boost::json::object json;
  json["input"] = utf8_or_replacement(input);
  if (looks_hand_typed(input)) {
    isbt128::Result<isbt128::KeyboardDin> typed = isbt128::parse_keyboard_din(input);
    if (!typed.ok()) {
      json["error"] = error_to_json(typed.error());
    } else {
      json["structures"] = boost::json::array{keyboard_din_to_json(typed.value())};
    }
    return json;
  }
  isbt128::ParseResult result = isbt128::parse(input);
  if (!result.ok()) {
    json["error"] = error_to_json(result.error());
    return json;
  }
  boost::json::array structures;
  for (const isbt128::Structure& structure : result.value()) structures.push_back(structure_to_json(structure));
  json["structures"] = std::move(structures);
  return json;
}

int run_isbt_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return 2;
  }
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "help" || command == "--help" || command == "-h") {
    out << kUsage;
    return 0;
  }
  for (const std::string& word : rest) {
    if (word == "--help" || word == "-h") {
      out << kUsage;
      return 0;
    }
    if (word.size() > 1 && word[0] == '-') {
      err << "celljourney isbt " << command << ": unknown option '" << word << "'\n\n" << kUsage;
      return 2;
    }
  }
  if (command == "parse") return parse_codes(rest, in, out);
  if (command == "check") return check_din(rest, out, err);
  err << "celljourney isbt: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}

}  // namespace cj::cli
