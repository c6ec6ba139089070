// Test support for scan sources: wait (poll on fd(), or every 10 ms when there is none) until
// a source has yielded `count` reads, or a deadline passes.
#pragma once

#include <poll.h>

#include <chrono>
#include <thread>
#include <vector>

#include "hardware/scan_source.h"

namespace cj::hardware::testing {

inline std::vector<RawRead> wait_for_reads(ScanSource& source, std::size_t count,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
  std::vector<RawRead> reads;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (reads.size() < count && std::chrono::steady_clock::now() < deadline) {
    if (source.fd() >= 0) {
      pollfd p{source.fd(), POLLIN, 0};
      poll(&p, 1, 10);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    for (RawRead& read : source.take()) reads.push_back(std::move(read));
  }
  return reads;
}

inline std::vector<std::string> texts(const std::vector<RawRead>& reads) {
  std::vector<std::string> out;
  for (const RawRead& read : reads) out.push_back(read.text);
  return out;
}

}  // namespace cj::hardware::testing
