// Product Code [003] "=<αooootds" and the product side of 032/034: the Product Description
// Code (PDC), its category, collection type and division (ST-001 §2.4.3, Table 7 [RT008]).
#pragma once

#include <string_view>

#include "isbt128/result.h"
#include "isbt128/structure.h"

namespace cj::isbt128 {

// "cellular therapy" for S..., "tissue" for T..., "clinical trial" for YA-YZ, ...;
// "unknown" for a prefix the reference does not list. REQUIRES pdc.size() >= 2.
std::string_view product_category(std::string_view pdc);

// How the three characters after the PDC read, by PDC prefix.
enum class DivisionLayout {
  CollectionTypeAndDivision,  // E, F, H, S, P, X0, YA-YZ: t = collection type, ds = division
  PackCode,                   // M, N, R, T, V, W: tds = 3-digit division/pack code
  Opaque,                     // A-D (national), X5 and unknown prefixes: kept as they are
};
DivisionLayout division_layout(std::string_view pdc);  // REQUIRES pdc.size() >= 2

// "autologous use only" for '1', "designated" for '4', ...; empty when not in Table 7.
std::string_view collection_type_meaning(char collection_type);

// A product code for a PDC whose layout is CollectionTypeAndDivision: `division` is "00" when
// not divided; "99" means a Product Divisions [032] must go with it. Errors: WRONG_LENGTH,
// INVALID_CHARACTER (e.g. a collection type not in Table 7).
Result<Structure> make_product_code(std::string_view pdc, char collection_type, std::string_view division);
// A product code from the PDC and the three characters after it ("T1295" + "003").
Result<Structure> make_product_code(std::string_view pdc, std::string_view tds);

}  // namespace cj::isbt128
