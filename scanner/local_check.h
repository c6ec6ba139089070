// Local checks of one read, at once, before anything is sent: the text is split into its ISBT 128
// data structures (concatenated Code 128 symbols, a DataMatrix compound message) and each is
// checked with isbt128/ (check characters, lengths, character sets, dates). A read that fails
// is rejected on the spot; the server parses everything again and stays the authority.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cj::scanner {

// What a code identifies, as far as the station can tell without the server.
enum class CodeKind {
  Coi,          // Chain of Identity [040]: names the journey
  Din,          // Donation Identification Number [001]: a bag
  ProductCode,  // Product Code [003]
  Wristband,    // Patient Identification Number [025]
  OtherIsbt,    // any other ISBT 128 structure (dates, container, ...)
  Identifier,   // not ISBT 128: a shipper id, a hospital wristband barcode; the server resolves it
};

// "coi", "din", "product_code", "wristband", "isbt", "identifier" (the config's words).
std::string_view kind_name(CodeKind kind);
// The kind called `name`; false when there is none.
bool kind_from_name(std::string_view name, CodeKind& kind);

struct Code {
  CodeKind kind = CodeKind::Identifier;
  std::string text;   // the structure as scanned ("=A99992610000100")
  std::string value;  // COI, DIN (13 characters), patient id; the text for the others
};

// A read that passed: `scan` goes to the server as read (AIM identifier removed); `codes` is
// what it holds (a compound header is not a code of its own).
struct CheckedRead {
  std::string scan;
  std::string symbology;  // "Code128", "DataMatrix", "QRCode", "" when the scanner did not say
  std::vector<Code> codes;
};

// A read refused on the spot. `code` is stable (isbt128's error names, plus EMPTY_READ,
// WRONG_PATIENT, ALREADY_SCANNED from the scan set); `message` is for the nurse.
struct Rejection {
  std::string code;
  std::string message;
};

using ReadCheck = std::variant<CheckedRead, Rejection>;

// What the nurse is told when a read holds nothing (code EMPTY_READ).
inline constexpr std::string_view kEmptyReadMessage = "Empty scan: nothing was read. Scan the barcode again.";

// The rejection of a read that holds nothing: a bare Enter from a keyboard-wedge scanner, a
// scanner's empty line, an AIM identifier with no data, only spaces.
Rejection empty_read();

// Checks one read. `symbology` is the image decoder's name for it (empty for a scanner).
// Trailing CR/LF are ignored. Nothing left (or only spaces) is EMPTY_READ. Text starting with
// '=' or '&' must be valid ISBT 128; anything else is an Identifier, passed on unchecked (the
// server knows the journey's shipper ids).
ReadCheck check_read(std::string_view text, std::string_view symbology = {});

}  // namespace cj::scanner
