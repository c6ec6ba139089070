// Parse throughput of the ISBT 128 codec. Goal: >= 2 million DIN + product code scans per second
// on one core (Release build).
#include <benchmark/benchmark.h>

#include <string_view>
#include <vector>

#include "isbt128/check_character.h"
#include "isbt128/din.h"
#include "isbt128/parse.h"

namespace {

using namespace cj::isbt128;

constexpr std::string_view kDinAndProductCode = "=A99992612345600=<S1194A00";
constexpr std::string_view kDinType3AndProductCode = "=A99992612345689=<S1194100";
constexpr std::string_view kCompoundMessage = "=+04000=/A9997XYZ100T0479=A99991712345600=,000012=>019031";
constexpr std::string_view kKeyboardDin = "A9999 26 123456 T";

void BM_ParseDinAndProductCode(benchmark::State& state) {
  for (auto _ : state) {
    ParseResult result = parse(kDinAndProductCode);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseDinAndProductCode);

void BM_ParseDinType3AndProductCode(benchmark::State& state) {
  for (auto _ : state) {
    ParseResult result = parse(kDinType3AndProductCode);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseDinType3AndProductCode);

// The station's loop: one vector reused, so no allocation once warm.
void BM_ParseIntoDinAndProductCode(benchmark::State& state) {
  std::vector<Structure> structures;
  for (auto _ : state) {
    auto error = parse_into(kDinAndProductCode, structures);
    benchmark::DoNotOptimize(error);
    benchmark::DoNotOptimize(structures.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseIntoDinAndProductCode);

void BM_ParseCompoundMessage(benchmark::State& state) {
  for (auto _ : state) {
    ParseResult result = parse(kCompoundMessage);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCompoundMessage);

void BM_ParseKeyboardDin(benchmark::State& state) {
  for (auto _ : state) {
    Result<KeyboardDin> result = parse_keyboard_din(kKeyboardDin);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseKeyboardDin);

void BM_Mod37_2(benchmark::State& state) {
  for (auto _ : state) {
    Result<int> checksum = mod37_2_checksum("A999926123456");
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Mod37_2);

}  // namespace
