// celljourney-bench-photos: the photo benchmark (docs/photo-benchmark.md). Generates a folder of label photos
// (label_photo.h), then reads every photo with the station's decoder and with zxing-cpp's
// ReadBarcodes alone, on one core, and reports the share of photos with every code read, the
// wrong reads and the time per photo (median, p95). Run by scripts/bench-photos; ctest runs an
// 8-photo check run.
//
// Usage: celljourney-bench-photos [--count N] [--seed S] [--dir DIR] [--cpu C] [--check 1]
// With --check 1 (the check run in ctest) it exits 1 unless every photo was fully read by the
// station decoder with the count known, with it unknown and in its worker, without error and
// without a wrong read; times are reported, not judged.
#include <sched.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "hardware/image_file.h"
#include "scanner/decoder_process.h"
#include "scanner/image_decoder.h"
#include "tests/bench/photos/label_photo.h"

namespace {

using Clock = std::chrono::steady_clock;
using cj::hardware::DecodeOutcome;
using cj::hardware::LumaImage;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Series {
  explicit Series(std::string n) : name(std::move(n)) {}
  std::string name;
  std::vector<double> ms;
  int fully_read = 0, some_read = 0, errors = 0;
  int wrong = 0;                   // decoded texts that are none of the photo's codes
  std::array<int, 4> kind_read{};  // fully read, per kind of photo (benchmark_options)

  double percentile(double p) const {
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    if (sorted.empty()) return 0;
    const std::size_t index = std::min(sorted.size() - 1, static_cast<std::size_t>(p * (sorted.size() - 1) + 0.5));
    return sorted[index];
  }
  void print(int photos) const {
    std::printf(
        "%-46s %5.1f%% fully read (%d/%d), some code %d, wrong reads %d, errors %d; median %6.1f ms, p95 %6.1f ms, "
        "max %6.1f ms\n",
        name.c_str(), 100.0 * fully_read / photos, fully_read, photos, some_read, wrong, errors, percentile(0.5),
        percentile(0.95), percentile(1.0));
    if (fully_read > 0 || wrong > 0) {
      std::printf(
          "    fully read per kind: whole label %d, whole label no DataMatrix %d, close-up %d, "
          "close-up no DataMatrix %d\n",
          kind_read[0], kind_read[1], kind_read[2], kind_read[3]);
    }
  }
};

// Returns whether every code was read.
bool score(Series& series, const DecodeOutcome& outcome, const std::vector<std::string>& codes, int kind, double ms) {
  series.ms.push_back(ms);
  if (!outcome.error.empty()) ++series.errors;
  int read = 0;
  for (const std::string& code : codes) {
    read += std::any_of(outcome.symbols.begin(), outcome.symbols.end(),
                        [&](const auto& symbol) { return symbol.text == code; });
  }
  for (const auto& symbol : outcome.symbols) {
    series.wrong += std::find(codes.begin(), codes.end(), symbol.text) == codes.end();
  }
  const bool full = read == static_cast<int>(codes.size());
  if (full) ++series.fully_read, ++series.kind_read[static_cast<std::size_t>(kind)];
  if (read > 0) ++series.some_read;
  return full;
}

// The kind of photo, as counted in Series::kind_read.
int kind_of(const cj::bench::PhotoOptions& options) { return (options.close_up ? 2 : 0) + (options.matrix ? 0 : 1); }

// Measures only the worker round trip: a reader that reads nothing.
class NoReader final : public cj::hardware::SymbolReader {
 public:
  DecodeOutcome read(const LumaImage&, int) override { return {}; }
};

}  // namespace

int main(int argc, char** argv) {
  int count = 200, cpu = 0, check = 0;
  unsigned seed = 1;
  std::string dir = "bench-photos";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--count") count = std::atoi(argv[i + 1]);
    else if (flag == "--seed") seed = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else if (flag == "--dir") dir = argv[i + 1];
    else if (flag == "--cpu") cpu = std::atoi(argv[i + 1]);
    else if (flag == "--check") check = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--count N] [--seed S] [--dir DIR] [--cpu C] [--check 1]\n", argv[0]);
      return 2;
    }
  }
  // One core, as the goal says; the decoder workers inherit it.
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) std::perror("sched_setaffinity");

  mkdir(dir.c_str(), 0755);
  std::printf("generating %d label photos (seed %u) in %s\n", count, seed, dir.c_str());
  std::vector<cj::bench::LabelPhoto> photos;
  std::vector<int> kinds;
  std::array<int, 4> kind_count{};
  double max_module = 0;
  int large_modules = 0;
  std::ofstream manifest(dir + "/manifest.tsv");
  manifest << "file\tkind\tangle\tmodule_px\tcodes...\n";
  for (int i = 0; i < count; ++i) {
    const unsigned photo_seed = seed * 100000 + static_cast<unsigned>(i);
    const cj::bench::PhotoOptions options = cj::bench::benchmark_options(photo_seed);
    photos.push_back(cj::bench::make_label_photo(photo_seed, options));
    kinds.push_back(kind_of(options));
    ++kind_count[static_cast<std::size_t>(kinds.back())];
    max_module = std::max(max_module, photos.back().module_pixels);
    large_modules += photos.back().module_pixels >= 5;
    char name[32];
    std::snprintf(name, sizeof name, "photo-%04d.jpg", i);
    std::ofstream(dir + "/" + name, std::ios::binary) << photos.back().jpeg;
    manifest << name << '\t' << kinds.back() << '\t' << photos.back().angle_degrees << '\t'
             << photos.back().module_pixels;
    for (const std::string& code : photos.back().codes) manifest << '\t' << code;
    manifest << '\n';
  }

  Series load("JPEG load (stb_image, 1280x960 -> luminance)");
  Series ours("station decoder, in process, count known");
  Series ours_unknown("station decoder, in process, count unknown");
  Series isolated("station decoder in its worker, count unknown");
  Series alone("ZXing ReadBarcodes alone (worker process)");
  Series round_trip("worker round trip alone (reads nothing)");
  cj::scanner::ImageDecoder decoder;
  cj::scanner::DecoderProcess worker([] { return std::make_unique<cj::scanner::ImageDecoder>(); });
  cj::scanner::DecoderProcess baseline([] { return std::make_unique<cj::scanner::ReadBarcodesAlone>(); });
  cj::scanner::DecoderProcess empty([] { return std::make_unique<NoReader>(); });
  std::vector<int> missed, missed_unknown;
  for (int i = 0; i < count; ++i) {
    const auto& photo = photos[static_cast<std::size_t>(i)];
    const int expected = static_cast<int>(photo.codes.size());
    auto start = Clock::now();
    auto loaded =
        cj::hardware::decode_image(reinterpret_cast<const unsigned char*>(photo.jpeg.data()), photo.jpeg.size());
    load.ms.push_back(ms_since(start));
    const LumaImage& image = std::get<LumaImage>(loaded);

    const int kind = kinds[static_cast<std::size_t>(i)];
    start = Clock::now();
    DecodeOutcome outcome = decoder.read(image, expected);
    if (!score(ours, outcome, photo.codes, kind, ms_since(start))) missed.push_back(i);

    start = Clock::now();
    outcome = decoder.read(image, 0);
    if (!score(ours_unknown, outcome, photo.codes, kind, ms_since(start))) missed_unknown.push_back(i);

    // As the station's folder and camera inputs run it: in the worker, the count unknown.
    start = Clock::now();
    outcome = worker.read(image, 0);
    score(isolated, outcome, photo.codes, kind, ms_since(start));

    start = Clock::now();
    outcome = baseline.read(image, 0);
    score(alone, outcome, photo.codes, kind, ms_since(start));

    start = Clock::now();
    outcome = empty.read(image, 0);
    round_trip.ms.push_back(ms_since(start));
  }
  // Replacing a crashed worker: the first read of a new worker includes its fork.
  std::vector<double> first_reads;
  const LumaImage& sample = std::get<LumaImage>(
      cj::hardware::decode_image(reinterpret_cast<const unsigned char*>(photos[0].jpeg.data()), photos[0].jpeg.size()));
  for (int i = 0; i < 20; ++i) {
    cj::scanner::DecoderProcess fresh([] { return std::make_unique<NoReader>(); });
    const auto start = Clock::now();
    fresh.read(sample, 0);
    first_reads.push_back(ms_since(start));
  }
  std::sort(first_reads.begin(), first_reads.end());

  std::printf(
      "\n%d photos, 1280x960 JPEG (zint symbols), CPU %d only: whole label (2 Code 128 + DataMatrix) %d, whole label "
      "without DataMatrix %d, close-up %d, close-up without DataMatrix %d; largest Code 128 module %.2f px, %d photos with 5 px or more\n",
      count, cpu, kind_count[0], kind_count[1], kind_count[2], kind_count[3], max_module, large_modules);
  load.print(count);
  ours.print(count);
  ours_unknown.print(count);
  isolated.print(count);
  alone.print(count);
  std::printf("  ReadBarcodes alone: worker crashed (aborted) on %d photos, restarted each time (%d workers)\n",
              alone.errors, baseline.workers_started());
  round_trip.print(count);
  std::printf("first read of a fresh worker (fork + round trip): median %.2f ms\n",
              first_reads[first_reads.size() / 2]);
  std::printf("photos not fully read by the station decoder, count known:");
  for (int i : missed) std::printf(" photo-%04d.jpg", i);
  std::printf("\nphotos not fully read by the station decoder, count unknown:");
  for (int i : missed_unknown) std::printf(" photo-%04d.jpg", i);
  std::printf("\n");
  const bool goals = ours.fully_read * 100 >= 95 * count && isolated.percentile(0.95) < 100 && isolated.errors == 0 &&
                     ours_unknown.fully_read == ours.fully_read &&
                     ours.wrong + ours_unknown.wrong + isolated.wrong == 0;
  std::printf(
      "goals (>= 95%% fully read, count unknown as good as count known, no wrong read, p95 < 100 ms, no crash): %s\n",
      goals ? "met" : "NOT met");
  // The check run (ctest): every photo fully read both ways and in the worker, nothing wrong.
  if (check &&
      (ours.fully_read != count || ours_unknown.fully_read != ours.fully_read || isolated.fully_read != count ||
       isolated.errors > 0 || ours.wrong + ours_unknown.wrong + isolated.wrong > 0)) {
    return 1;
  }
  return 0;
}
