#include "isbt128/product_code.h"

#include <string>

#include "isbt128/build.h"
#include "isbt128/char_class.h"
#include "isbt128/decoders.h"
#include "isbt128/structure_numbers.h"
#include "isbt128/text.h"

namespace cj::isbt128 {
namespace {

struct CollectionType {
  char code;
  std::string_view meaning;
};

// ST-001 Table 7 [RT008], case-sensitive.
constexpr CollectionType kCollectionTypes[] = {
    {'0', "not specified"},
    {'V', "volunteer allogeneic"},
    {'R', "volunteer research"},
    {'S', "volunteer source"},
    {'T', "volunteer therapeutic"},
    {'P', "paid allogeneic"},
    {'r', "paid research"},
    {'s', "paid source"},
    {'A', "autologous, eligible for crossover"},
    {'1', "for autologous use only"},
    {'X', "autologous only, biohazard"},
    {'D', "volunteer directed, crossover"},
    {'d', "paid directed"},
    {'2', "directed recipient only"},
    {'L', "directed, limited exposure"},
    {'E', "medical exception (specified recipient, allogeneic)"},
    {'Q', "see special testing barcode"},
    {'3', "directed only, biohazard"},
    {'4', "designated"},
    {'5', "dedicated"},
    {'6', "designated, biohazard"},
    {'F', "family reserved"},
    {'C', "replacement"},
    {'7', "for allogeneic use"},
    {'8', "autologous use, contains allogeneic material"},
    {'B', "directed, dedicated or designated variant"},
    {'H', "directed, dedicated or designated variant"},
    {'J', "directed, dedicated or designated variant"},
    {'G', "emergency use only"},
};

Error invalid_at(std::size_t position, char c, std::string_view problem) {
  return Error{ErrorCode::InvalidCharacter,
               Text() + "The Product Code has " + describe_character(static_cast<unsigned char>(c)) + " at position " +
                   position + ", where it needs " + problem + ". " + kRescanAdvice,
               position};
}

}  // namespace

std::string_view product_category(std::string_view pdc) {
  const char first = pdc[0];
  const char second = pdc[1];
  switch (first) {
    case 'E':
    case 'F':
      return "blood";
    case 'H':
      return "MPHO with INN/USAN";
    case 'P':
      return "regenerated tissue";
    case 'S':
      return "cellular therapy";
    case 'T':
      return "tissue";
    case 'V':
      return "ocular";
    case 'A':
    case 'B':
    case 'C':
    case 'D':
      return "national or local";
    case 'M':
      return second == '0' ? "milk" : second == '9' ? "topical" : "unknown";
    case 'N':
      return second == '0' ? "organs" : "unknown";
    case 'R':
      return second == '0' ? "reproductive" : "unknown";
    case 'W':
      return second == '0' ? "fecal microbiota" : "unknown";
    case 'X':
      return second == '0' ? "plasma derivatives" : second == '5' ? "in-vivo diagnostic" : "unknown";
    case 'Y':
      return second >= 'A' && second <= 'Z' ? "clinical trial" : "unknown";
    default:
      return "unknown";
  }
}

DivisionLayout division_layout(std::string_view pdc) {
  const char first = pdc[0];
  const char second = pdc[1];
  switch (first) {
    case 'E':
    case 'F':
    case 'H':
    case 'S':
    case 'P':
      return DivisionLayout::CollectionTypeAndDivision;
    case 'X':
      return second == '0' ? DivisionLayout::CollectionTypeAndDivision : DivisionLayout::Opaque;
    case 'Y':
      return second >= 'A' && second <= 'Z' ? DivisionLayout::CollectionTypeAndDivision : DivisionLayout::Opaque;
    case 'M':
    case 'N':
    case 'R':
    case 'T':
    case 'V':
    case 'W':
      return DivisionLayout::PackCode;
    default:
      return DivisionLayout::Opaque;
  }
}

std::string_view collection_type_meaning(char collection_type) {
  for (const CollectionType& type : kCollectionTypes) {
    if (type.code == collection_type) return type.meaning;
  }
  return {};
}

std::optional<Error> decode_product_code(const HookInput& input, std::vector<Field>& fields) {
  const std::string_view pdc = input.content.substr(0, 5);
  const std::string_view tds = input.content.substr(5, 3);
  fields.push_back(Field{"category", std::string(product_category(pdc))});
  switch (division_layout(pdc)) {
    case DivisionLayout::CollectionTypeAndDivision: {
      const std::string_view meaning = collection_type_meaning(tds[0]);
      if (meaning.empty()) {
        return invalid_at(input.offset + 5, tds[0], "a collection type code (ST-001 Table 7)");
      }
      if (!in_class('A', static_cast<unsigned char>(tds[1]))) {
        return invalid_at(input.offset + 6, tds[1], "a capital letter or a digit (division code)");
      }
      if (!in_class('s', static_cast<unsigned char>(tds[2]))) {
        return invalid_at(input.offset + 7, tds[2], "a lowercase letter or a digit (division code)");
      }
      const std::string_view division = tds.substr(1);
      fields.push_back(Field{"collection_type", std::string(1, tds[0])});
      fields.push_back(Field{"collection_type_meaning", std::string(meaning)});
      fields.push_back(Field{"division", std::string(division)});
      fields.push_back(Field{"divided", division != "00"});
      fields.push_back(Field{"divisions_required", division == "99"});
      return std::nullopt;
    }
    case DivisionLayout::PackCode:
      for (std::size_t i = 0; i < 3; ++i) {
        if (!in_class('d', static_cast<unsigned char>(tds[i]))) {
          return invalid_at(input.offset + 5 + i, tds[i], "a digit (division or pack code)");
        }
      }
      fields.push_back(Field{"division", std::string(tds)});
      fields.push_back(Field{"divided", tds != "000"});
      return std::nullopt;
    case DivisionLayout::Opaque:
      fields.push_back(Field{"tds", std::string(tds)});
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Error> decode_processor_product_code(const HookInput& input, std::vector<Field>& fields) {
  fields.push_back(Field{"category", std::string(product_category(input.content.substr(11, 5)))});
  return std::nullopt;
}

Result<Structure> make_product_code(std::string_view pdc, char collection_type, std::string_view division) {
  std::string tds(1, collection_type);
  tds += division;
  return make_product_code(pdc, tds);
}

Result<Structure> make_product_code(std::string_view pdc, std::string_view tds) {
  if (pdc.size() != 5) {
    return Error{ErrorCode::WrongLength,
                 "A Product Description Code is 5 characters, not " + std::to_string(pdc.size()) + ".", 2};
  }
  if (tds.size() != 3) {
    return Error{ErrorCode::WrongLength,
                 "A product code has 3 characters after the PDC, not " + std::to_string(tds.size()) + ".", 7};
  }
  std::string content(pdc);
  content += tds;
  return make_structure(numbers::kProductCode, content);
}

}  // namespace cj::isbt128
