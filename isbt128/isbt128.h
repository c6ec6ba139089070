// The ISBT 128 codec in one include: parse scanned text, build and format structures for
// labels, check characters. See docs/isbt128.md.
#pragma once

#include "isbt128/build.h"            // make_structure, make_national
#include "isbt128/check_character.h"  // ISO/IEC 7064 MOD 37-2
#include "isbt128/coi.h"              // Chain of Identity Identifier [040]
#include "isbt128/compound.h"         // Compound Message [023]
#include "isbt128/dates.h"            // dates and times, their builders
#include "isbt128/din.h"              // DIN [001], keyboard check character, eye-readable DIN
#include "isbt128/error.h"            // Error, ErrorCode, code_name
#include "isbt128/format.h"           // format
#include "isbt128/parse.h"            // parse
#include "isbt128/product_code.h"     // Product Code [003]
#include "isbt128/result.h"           // Result<T>
#include "isbt128/structure.h"        // Structure, Field, FieldValue
#include "isbt128/structure_table.h"  // the table of data structures
