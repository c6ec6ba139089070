// libFuzzer target: parse() on arbitrary bytes never crashes, and what it says holds:
//   - success: format() of the structures, concatenated, is the input; each structure read on
//     its own (where the scan-wide rules allow) is itself again; parse_into agrees;
//   - error: a stable code, a message, and a position inside the input.
// parse_keyboard_din() gets the same bytes: no crash, position inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "isbt128/build.h"
#include "isbt128/din.h"
#include "isbt128/format.h"
#include "isbt128/parse.h"

namespace {

using namespace cj::isbt128;

void require(bool condition, const char* what, std::string_view input) {
  if (condition) return;
  std::fprintf(stderr, "invariant broken: %s\ninput (%zu bytes): %.*s\n", what, input.size(),
               static_cast<int>(input.size()), input.data());
  std::abort();
}

void check_error(const Error& error, std::string_view input) {
  require(error.position <= input.size(), "error position beyond the input", input);
  require(input.empty() || error.position < input.size(), "error position at the end of the input", input);
  require(!error.message.empty(), "error without a message", input);
  require(error.code_name() != "UNKNOWN_ERROR", "error code without a name", input);
}

bool stands_alone(const Structure& structure) {
  // A compound header announces structures; a 003 with division 99 needs its 032.
  if (structure.number == "023") return false;
  return !(structure.number == "003" && text_field(structure, "division") == std::optional<std::string_view>("99"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  ParseResult result = parse(input);
  std::vector<Structure> reused;
  const std::optional<Error> into_error = parse_into(input, reused);
  require(result.ok() == !into_error.has_value(), "parse and parse_into disagree", input);

  if (result.ok()) {
    require(format(result.value()) == input, "format of the structures is not the input", input);
    require(reused == result.value(), "parse_into gave other structures", input);
    for (const Structure& structure : result.value()) {
      require(!structure.fields.empty(), "structure without fields", input);
      if (!stands_alone(structure)) continue;
      ParseResult alone = parse(format(structure));
      require(alone.ok() && alone.value().size() == 1 && alone.value()[0] == structure,
              "a structure read on its own is not itself", input);
      if (!structure.national) {
        Result<Structure> built = make_structure(structure.number, structure.content);
        require(built.ok() && built.value() == structure, "make_structure disagrees with parse", input);
      }
    }
  } else {
    check_error(result.error(), input);
    require(*into_error == result.error(), "parse_into gave another error", input);
  }

  Result<KeyboardDin> typed = parse_keyboard_din(input);
  if (typed.ok()) {
    require(typed.value().din.size() == 13, "keyboard DIN is not 13 characters", input);
  } else {
    check_error(typed.error(), input);
  }
  return 0;
}
