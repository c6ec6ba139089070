#include "labels/code128_codewords.h"

#include <array>
#include <string>

namespace cj::labels {
namespace {

// Bar/space widths of values 0-106 (ISO/IEC 15417 table 1): bar, space, bar, space, bar, space
// (and a final bar for the stop). Every character spans 11 modules, the stop 13.
constexpr std::array<std::string_view, 107> kWidths = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213",  "122312", "132212", "221213",  //   0
    "221312", "231212", "112232", "122132", "122231", "113222", "123122",  "123221", "223211", "221132",  //  10
    "221231", "213212", "223112", "312131", "311222", "321122", "321221",  "312212", "322112", "322211",  //  20
    "212123", "212321", "232121", "111323", "131123", "131321", "112313",  "132113", "132311", "211313",  //  30
    "231113", "231311", "112133", "112331", "132131", "113123", "113321",  "133121", "313121", "211331",  //  40
    "231131", "213113", "213311", "213131", "311123", "311321", "331121",  "312113", "312311", "332111",  //  50
    "314111", "221411", "431111", "111224", "111422", "121124", "121421",  "141122", "141221", "112214",  //  60
    "112412", "122114", "122411", "142112", "142211", "241211", "221114",  "413111", "241112", "134111",  //  70
    "111242", "121142", "121241", "114212", "124112", "124211", "411212",  "421112", "421211", "212141",  //  80
    "214121", "412121", "111143", "111341", "131141", "114113", "114311",  "411113", "411311", "113141",  //  90
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112",                                // 100
};

// The widths of the character whose 11 modules start at `at`, as a string like "212222".
std::string widths_at(const ModuleGrid& row, int at, int modules) {
  std::string widths;
  int run = 0;
  for (int x = at; x < at + modules; ++x) {
    ++run;
    if (x + 1 == at + modules || row.at(x + 1, 0) != row.at(x, 0)) {
      widths += static_cast<char>('0' + run);
      run = 0;
    }
  }
  return widths;
}

int value_of(std::string_view widths) {
  for (int v = 0; v < 106; ++v)
    if (kWidths[v] == widths) return v;
  return -1;
}

}  // namespace

std::string_view code128_widths(int value) {
  return value >= 0 && value < static_cast<int>(kWidths.size()) ? kWidths[value] : std::string_view();
}

Result<std::vector<int>> code128_codewords(const ModuleGrid& row) {
  constexpr int kCharacter = 11, kStop = 13;
  if (row.height != 1 || row.width < 2 * kCharacter + kStop || (row.width - kStop) % kCharacter != 0)
    return Error{"Code 128: the module row is not whole characters and a stop pattern", ""};
  if (!row.at(0, 0)) return Error{"Code 128: the module row does not start with a bar", ""};
  std::vector<int> values;
  const int characters = (row.width - kStop) / kCharacter;
  for (int i = 0; i < characters; ++i) {
    const int v = value_of(widths_at(row, i * kCharacter, kCharacter));
    if (v < 0) return Error{"Code 128: character " + std::to_string(i) + " is no Code 128 pattern", ""};
    values.push_back(v);
  }
  if (widths_at(row, characters * kCharacter, kStop) != kWidths[kCode128Stop])
    return Error{"Code 128: no stop pattern at the end", ""};
  if (values.front() < kCode128StartA || values.front() > kCode128StartC)
    return Error{"Code 128: the first character is no start character", ""};
  // Check character: start value plus each following value times its position, modulo 103.
  long sum = values.front();
  for (std::size_t i = 1; i + 1 < values.size(); ++i) sum += static_cast<long>(values[i]) * static_cast<long>(i);
  if (sum % 103 != values.back()) return Error{"Code 128: the check character does not match", ""};
  return values;
}

}  // namespace cj::labels
