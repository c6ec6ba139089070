#include "scanner/local_check.h"

#include <array>
#include <utility>

#include "isbt128/format.h"
#include "isbt128/identity.h"
#include "isbt128/parse.h"
#include "isbt128/structure.h"
#include "isbt128/structure_numbers.h"
#include "scanner/aim.h"

namespace cj::scanner {

namespace {

constexpr std::array<std::pair<CodeKind, std::string_view>, 6> kNames{{
    {CodeKind::Coi, "coi"},
    {CodeKind::Din, "din"},
    {CodeKind::ProductCode, "product_code"},
    {CodeKind::Wristband, "wristband"},
    {CodeKind::OtherIsbt, "isbt"},
    {CodeKind::Identifier, "identifier"},
}};

// The value is the identifier for a COI, a DIN and a wristband; the structure's text otherwise.
Code code_of(const isbt128::Structure& structure) {
  Code code;
  code.text = isbt128::format(structure);
  code.value = code.text;
  const isbt128::Identity identity = isbt128::identity_of(structure);
  switch (identity.kind) {
    case isbt128::IdentityKind::Coi:
      code.kind = CodeKind::Coi;
      code.value = identity.value;
      break;
    case isbt128::IdentityKind::Din:
      code.kind = CodeKind::Din;
      code.value = identity.value;
      break;
    case isbt128::IdentityKind::ProductCode:
      code.kind = CodeKind::ProductCode;
      break;
    case isbt128::IdentityKind::PatientId:
      code.kind = CodeKind::Wristband;
      code.value = identity.value;
      break;
    case isbt128::IdentityKind::None:
      code.kind = CodeKind::OtherIsbt;
      break;
  }
  return code;
}

}  // namespace

std::string_view kind_name(CodeKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "identifier";
}

bool kind_from_name(std::string_view name, CodeKind& kind) {
  for (const auto& [k, n] : kNames) {
    if (n == name) {
      kind = k;
      return true;
    }
  }
  return false;
}

Rejection empty_read() { return Rejection{"EMPTY_READ", std::string(kEmptyReadMessage)}; }

ReadCheck check_read(std::string_view text, std::string_view symbology) {
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  AimRead aim = strip_aim(text, symbology);
  if (aim.data.find_first_not_of(" \t\r\n") == std::string::npos) return empty_read();
  CheckedRead read{aim.data, aim.symbology, {}};
  if (aim.data[0] != '=' && aim.data[0] != '&') {
    read.codes.push_back({CodeKind::Identifier, aim.data, aim.data});
    return read;
  }
  auto parsed = isbt128::parse(aim.data);
  if (!parsed) {
    const auto& error = parsed.error();
    return Rejection{std::string(error.code_name()), error.message};
  }
  for (const isbt128::Structure& structure : parsed.value()) {
    if (structure.number == isbt128::numbers::kCompoundMessage) continue;  // the compound header only says what follows
    read.codes.push_back(code_of(structure));
  }
  return read;
}

}  // namespace cj::scanner
