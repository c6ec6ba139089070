// Donation Identification Number [001] "=αppppyynnnnnnff": building DINs for labels, the
// keyboard check character K, hand-typed DINs and the eye-readable form.
#pragma once

#include <string>
#include <string_view>

#include "isbt128/result.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

// A DIN with Type 3 flags: 60 + the MOD 37-2 checksum of the 13-character DIN, so a scanner
// can verify it. `fin` is 5 characters (A9999), `year` the last two digits of the nominal year
// (0-99), `sequence` 0-999999. Errors: WRONG_LENGTH (a value does not fit), INVALID_CHARACTER.
Result<Structure> make_din(std::string_view fin, int year, int sequence);
// A DIN with explicit flags ("00", "01" for container 1 of a set, ...). Type 3 flags (60-96)
// must match the DIN (CHECK_FAILED otherwise).
Result<Structure> make_din(std::string_view fin, int year, int sequence, std::string_view flags);

// The keyboard check character K of a 13-character DIN ("A999926123456" -> 'T'), also accepted
// eye-readable ("A9999 26 123456"). Errors: WRONG_LENGTH, INVALID_CHARACTER (position in `din`).
Result<char> keyboard_check_character(std::string_view din);

struct KeyboardDin {
  std::string din;  // the 13 characters, no spaces
  std::string fin;
  int year = 0;  // last two digits of the nominal year
  int sequence = 0;
  char check_character = '0';
  bool operator==(const KeyboardDin&) const = default;
};

// A DIN typed by hand with its boxed check character: "A9999 26 123456 N" or
// "A999926123456N". Single spaces are allowed only between the groups (after the FIN, the year
// and the sequence number); leading and trailing spaces are ignored. Letters must be capitals.
// Errors: EMPTY_INPUT, WRONG_LENGTH, INVALID_CHARACTER, CHECK_FAILED (K does not match: a
// typing mistake). Positions are offsets into `text`.
Result<KeyboardDin> parse_keyboard_din(std::string_view text);

// The DIN as printed under its barcode: "A9999 26 123456", and K to print in a box beside it.
struct EyeReadableDin {
  std::string text;
  char check_character = '0';
  // "A9999 26 123456 N": the form parse_keyboard_din() reads.
  std::string with_check_character() const { return text + ' ' + check_character; }
  bool operator==(const EyeReadableDin&) const = default;
};
// `din`: 13 characters, with or without the group spaces. Errors as keyboard_check_character().
Result<EyeReadableDin> eye_readable_din(std::string_view din);
// REQUIRES structure.number == "001" (throws std::invalid_argument otherwise).
EyeReadableDin eye_readable_din(const Structure& structure);

}  // namespace cj::isbt128
