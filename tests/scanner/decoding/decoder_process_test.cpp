// The decoder runs in a worker process: a crash or a hang on one image costs that image, the
// next image is read by a fresh worker, and the caller never goes down.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <thread>
#include <variant>

#include "hardware/image_file.h"
#include "scanner/decoder_process.h"
#include "scanner/image_decoder.h"
#include "tests/bench/photos/label_photo.h"

namespace cj::scanner {
namespace {

using hardware::DecodeOutcome;
using hardware::LumaImage;
using namespace std::chrono_literals;

LumaImage photo_image(unsigned seed) {
  const std::string jpeg = bench::make_label_photo(seed).jpeg;
  return std::get<LumaImage>(hardware::decode_image(reinterpret_cast<const unsigned char*>(jpeg.data()), jpeg.size()));
}

// Stands for a decoder that dies on some images, as Debian's zxing-cpp 1.4 does (assertion,
// SIGABRT) or hangs on them: a 1x1 image whose pixel says which.
class Fragile final : public hardware::SymbolReader {
 public:
  DecodeOutcome read(const LumaImage& image, int expected) override {
    if (image.width == 1 && image.at(0, 0) == 1) std::abort();
    if (image.width == 1 && image.at(0, 0) == 2) std::this_thread::sleep_for(1h);
    return decoder_.read(image, expected);
  }

 private:
  ImageDecoder decoder_;
};

TEST(DecoderProcess, ReadsWhatTheDecoderReadsInProcess) {
  const LumaImage image = photo_image(5);
  ImageDecoder in_process;
  DecoderProcess worker([] { return std::make_unique<ImageDecoder>(); });
  const DecodeOutcome expected = in_process.read(image, 3);
  const DecodeOutcome outcome = worker.read(image, 3);
  EXPECT_EQ(outcome.symbols, expected.symbols);
  EXPECT_EQ(outcome.symbols.size(), 3u);
  EXPECT_TRUE(outcome.error.empty());
  EXPECT_EQ(worker.workers_started(), 1);
}

TEST(DecoderProcess, CrashOnOneImageIsAnErrorAndTheNextImageIsRead) {
  DecoderProcess worker([] { return std::make_unique<Fragile>(); });
  const LumaImage image = photo_image(6);
  EXPECT_EQ(worker.read(image, 3).symbols.size(), 3u);
  const pid_t first = worker.worker_pid();

  const DecodeOutcome crashed = worker.read(LumaImage{1, 1, {1}});
  EXPECT_TRUE(crashed.symbols.empty());
  EXPECT_EQ(crashed.error, "decoder crashed (signal " + std::to_string(SIGABRT) + ")");
  EXPECT_EQ(kill(first, 0), -1);  // reaped, no zombie left behind

  EXPECT_EQ(worker.read(image, 3).symbols.size(), 3u);
  EXPECT_EQ(worker.workers_started(), 2);
}

TEST(DecoderProcess, HangingDecoderIsKilledAfterTheTimeout) {
  DecoderProcess worker([] { return std::make_unique<Fragile>(); }, 300ms);
  const DecodeOutcome hung = worker.read(LumaImage{1, 1, {2}});
  EXPECT_EQ(hung.error, "decoder timed out after 300 ms");
  EXPECT_EQ(worker.worker_pid(), -1);
  EXPECT_EQ(worker.read(photo_image(7), 3).symbols.size(), 3u);
}

TEST(DecoderProcess, ImageLargerThanTheSharedBufferIsRefused) {
  DecoderProcess worker([] { return std::make_unique<ImageDecoder>(); }, 5s, 100);
  EXPECT_NE(worker.read(LumaImage{20, 20, std::vector<std::uint8_t>(400, 255)}).error.find("too large"),
            std::string::npos);
  EXPECT_EQ(worker.workers_started(), 0);
}

}  // namespace
}  // namespace cj::scanner
