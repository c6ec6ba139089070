// DecoderProcess: runs a SymbolReader in a forked worker process, so that a decoder crash on one
// image (Debian's zxing-cpp 1.4 aborts on some ordinary photos, docs/photo-benchmark.md) or a hang
// costs that one image, never the station. The image travels through shared memory, the answer
// through a socket; a worker that dies or overruns its time is reaped and the next read()
// starts a fresh one.
//
// The worker is forked from the calling process: it only decodes (no logging, no threads of
// its own), closes every inherited file descriptor but its socket, ignores the terminal's
// SIGINT/SIGQUIT, dies with its parent (PR_SET_PDEATHSIG), and writes nothing to the terminal
// (stderr goes to /dev/null, so a crash message cannot garble the station's screen). Forking
// a process that runs other threads is safe here because the child only calls malloc (made
// fork-safe by glibc) and the decoder; start the first worker early if in doubt (read() of a
// 1x1 image does).
//
// Not thread-safe: one caller at a time (one DecoderProcess per image source).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "hardware/luma_image.h"

namespace cj::scanner {

class DecoderProcess final : public hardware::SymbolReader {
 public:
  using Factory = std::function<std::unique_ptr<hardware::SymbolReader>()>;

  // `factory` builds the reader inside each new worker. Images over `max_pixels` are refused.
  explicit DecoderProcess(Factory factory, std::chrono::milliseconds timeout = std::chrono::seconds(5),
                          std::size_t max_pixels = 4096 * 4096);
  ~DecoderProcess() override;
  DecoderProcess(const DecoderProcess&) = delete;
  DecoderProcess& operator=(const DecoderProcess&) = delete;

  // What the worker read. On a crash or timeout: no symbols and `error` says which ("decoder
  // crashed (signal 6)", "decoder timed out after 5000 ms"); the worker is replaced.
  hardware::DecodeOutcome read(const hardware::LumaImage& image, int expected = 0) override;

  // Workers started so far (1 after the first read, +1 per crash or timeout).
  int workers_started() const { return started_; }
  // The current worker's pid, or -1 when none runs.
  pid_t worker_pid() const { return pid_; }

 private:
  void start();
  void stop(bool kill_first);

  Factory factory_;
  std::chrono::milliseconds timeout_;
  std::size_t max_pixels_;
  unsigned char* shared_ = nullptr;  // max_pixels_ bytes, MAP_SHARED, inherited by each worker
  int socket_ = -1;
  pid_t pid_ = -1;
  int started_ = 0;
};

}  // namespace cj::scanner
