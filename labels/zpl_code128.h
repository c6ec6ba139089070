// ZPL II ^BC field data for an exact Code 128 codeword sequence (the explicit mode of
// labels/zpl_options.h, for firmware without ^BC mode A): the printer is told the start
// code and every subset switch, so it prints the raster's symbol (labels/code128_codewords.h)
// rather than its default, all of subset B, which is wider than the layout was sized for.
//
// Invocation codes, ZPL II Programming Guide (Zebra 45541L-004 Rev. A), ^BC, "Code 128 Subsets",
// Table 6 "Code 128 Invocation Characters": the decimal value column is the Code 128 value.
//   >9 >: >;  start code A, B, C        >5 CODE C   >6 CODE B (FNC 4 in B)   >7 CODE A (FNC 4 in A)
//   >8 FNC 1  >2 FNC 3  >3 FNC 2  >4 SHIFT   >0 value 30 ('>')   >< value 62 ('^')   >= value 94 ('~')
//   >1 value 95 (DEL in B)
// So '>' is written ">0": "><" is the caret (an independent renderer, Zebrash, agrees).
// Subset B takes characters as typed; subsets A and C take each value as a pair of digits
// ("In Subset A, each pair of digits results in a single character", same section).
#pragma once

#include <string>
#include <vector>

#include "labels/result.h"

namespace cj::labels {

// The ^FD text for ^BC mode N of `codewords` (start character first, check character last, as
// code128_codewords returns them; the printer adds the check character itself). The text is
// printable ASCII without '^' and '~' (those are invocation codes), so a ^BC field needs no ^FH
// and '_' stands for itself there.
// Errors: no start character, SHIFT (not used by ZXing's writer; ZPL's >4 needs the next
// character in the other subset's form).
Result<std::string> zpl_code128_field(const std::vector<int>& codewords);

}  // namespace cj::labels
