// POST /api/v1/codes/check: what one scan (or typed code) holds, checked by the server's ISBT 128
// codec (isbt128/parse.h): the same checks as the station's local check (character sets,
// lengths, dates, check characters), so that a desk page gives the same answer at once, before
// anything is registered or recorded. Nothing is stored.
//
// Body {"text"}: as the keyboard-wedge scanner typed it. Trailing CR/LF are dropped, and so is
// every GS (0x1D, the group separator some wedges send between concatenated symbols: ISBT 128
// concatenation needs no separator); any other control character is refused. Text starting with
// '=' or '&' must be ISBT 128 (spaces around it are dropped). Other text is tried as a DIN typed by hand with its check
// character ("A9999 26 123456 K"); a wrong check character there is a typing mistake (422
// CHECK_FAILED). Anything else is an identifier (a shipper's or a cassette's label), returned as is.
//
// 200 {"text": the cleaned text (what to send as the scan), "typed": bool, "codes": [{"kind":
// "coi"|"din"|"product_code"|"wristband"|"isbt"|"identifier", "value", "text", "name"}]};
// 422 with the codec's code (CHECK_FAILED, WRONG_LENGTH, ...), field "text" and a message that
// says what to do. Any user who may register units or record; stations check locally.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/failure.h"
#include "isbt128/din.h"
#include "isbt128/format.h"
#include "isbt128/identity.h"
#include "isbt128/parse.h"
#include "server/journeys/journey_routes.h"

namespace cj::journeys {

namespace {

namespace json = boost::json;
using api::Call;
using api::Response;
using base::Failure;

constexpr std::size_t kMaxText = 512;

std::string cleaned(const Call& call) {
  const auto& body = call.body_object();
  for (const auto& entry : body) {
    if (entry.key() != "text")
      throw Failure(base::ErrorKind::invalid, "UNKNOWN_FIELD", "Unknown field '" + std::string(entry.key()) + "'.",
                    entry.key());
  }
  const auto* value = body.if_contains("text");
  if (!value || !value->is_string())
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD", "The field 'text' is required: the scan as read.", "text");
  const std::string_view raw = value->get_string();
  if (raw.size() > kMaxText) throw Failure::invalid_field("text", "A scan is at most 512 characters.");
  std::string text;
  for (const char c : raw) {
    if (c == '\x1d') continue;  // GS from a wedge: not part of the data
    text.push_back(c);
  }
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.pop_back();
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      throw Failure::invalid_field("text",
                                   "The scan holds a control character the scanner should not send; scan "
                                   "again, and ask for the scanner's settings to be checked if it repeats.");
  }
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos)
    throw Failure(base::ErrorKind::unprocessable, "EMPTY_INPUT",
                  "Empty scan: nothing was read. Scan the barcode again.", "text");
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

const char* kind_of(isbt128::IdentityKind kind) {
  switch (kind) {
    case isbt128::IdentityKind::Coi:
      return "coi";
    case isbt128::IdentityKind::Din:
      return "din";
    case isbt128::IdentityKind::ProductCode:
      return "product_code";
    case isbt128::IdentityKind::PatientId:
      return "wristband";
    case isbt128::IdentityKind::None:
      break;
  }
  return "isbt";
}

[[noreturn]] void refuse(const isbt128::Error& error, const std::string& advice) {
  throw Failure(base::ErrorKind::unprocessable, std::string(error.code_name()), error.message + " " + advice, "text");
}

Response check(Call& call, pqxx::connection_base&) {
  const std::string text = cleaned(call);
  json::array codes;
  bool typed = false;
  std::string scan = text;
  if (text.front() == '=' || text.front() == '&') {
    auto parsed = isbt128::parse(text);
    if (!parsed.ok()) {
      refuse(parsed.error(),
             "If you typed it, type the DIN as printed under its barcode with the check character "
             "in the box (A9999 26 123456 K).");
    }
    for (const auto& structure : parsed.value()) {
      const auto identity = isbt128::identity_of(structure);
      const std::string formatted = isbt128::format(structure);
      codes.push_back(json::object{{"kind", kind_of(identity.kind)},
                                   {"value", identity.value.empty() ? formatted : std::string(identity.value)},
                                   {"text", formatted},
                                   {"name", std::string(structure.name)}});
    }
  } else {
    auto din = isbt128::parse_keyboard_din(text);
    if (din.ok()) {
      typed = true;
      scan = "=" + din->din + "00";  // the flags are not part of the eye-readable DIN
      codes.push_back(json::object{
          {"kind", "din"}, {"value", din->din}, {"text", scan}, {"name", "Donation Identification Number"}});
    } else if (din.error().code == isbt128::ErrorCode::CheckFailed) {
      refuse(din.error(),
             "The check character does not match the DIN: a typing mistake. Type it again from the label.");
    } else {
      codes.push_back(
          json::object{{"kind", "identifier"}, {"value", text}, {"text", text}, {"name", "Label identifier"}});
    }
  }
  return call.json(200, json::object{{"text", scan}, {"typed", typed}, {"codes", std::move(codes)}});
}

}  // namespace

std::vector<api::Route> code_check_routes() {
  api::Access checkers;
  checkers.roles = {api::Role::kApheresis, api::Role::kCellLab,     api::Role::kClinical,
                    api::Role::kPhysician, api::Role::kCoordinator, api::Role::kAdmin};
  return {{"POST", "/api/v1/codes/check", checkers, &check, [](const Call& c) { (void)cleaned(c); }}};
}

}  // namespace cj::journeys
