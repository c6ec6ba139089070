// libFuzzer target: the station's outbox (scanner/outbox.h) opened over arbitrary bytes, as
// after a crash, a full disk or a hand edit. It must never crash; it must either open (dropping
// and logging what does not read) or throw std::runtime_error; and what it opened must survive
// the station's next steps:
//   - pending() is the unanswered entries() in order;
//   - a new scan appended and answered, and the file opened again, gives the same entries plus
//     that one, answered (the repair of a torn line at the first open must not lose a record).
// The file lives in a private directory on /dev/shm when there is one (fsync is cheap there).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "scanner/outbox.h"

namespace {

using cj::scanner::Outbox;
using cj::scanner::OutboxEntry;

std::string_view g_input;

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "outbox_read_fuzz: %s\ninput (%zu bytes): %.*s\n", what, g_input.size(),
               static_cast<int>(g_input.size()), g_input.data());
  std::abort();
}

const std::filesystem::path& directory() {
  static const std::filesystem::path dir = [] {
    spdlog::set_level(spdlog::level::off);  // every dropped line is logged; not here
    const std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    auto d = base / ("outbox-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

bool same(const OutboxEntry& a, const OutboxEntry& b) {
  return a.seq == b.seq && a.key == b.key && a.summary == b.summary && a.event_json == b.event_json &&
         a.answered == b.answered && a.status == b.status && a.answer == b.answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  g_input = std::string_view(reinterpret_cast<const char*>(data), size);
  const auto path = directory() / "outbox.jsonl";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(g_input.data(), static_cast<std::streamsize>(g_input.size()));
  }
  std::vector<OutboxEntry> before;
  std::uint64_t seq = 0;
  std::size_t dropped = 0;
  const std::string key = "fuzz-key-not-in-any-seed";
  try {
    Outbox outbox(path);
    before = outbox.entries();
    dropped = outbox.dropped_lines();
    std::vector<OutboxEntry> unanswered;
    for (const auto& e : before) {
      if (!e.answered) unanswered.push_back(e);
    }
    const auto pending = outbox.pending();
    require(pending.size() == unanswered.size(), "pending() is not the unanswered entries");
    for (std::size_t i = 0; i < pending.size(); ++i) require(same(pending[i], unanswered[i]), "pending() order");
    seq = outbox.append(key, "apheresis.collect CHA99992600001A (1 scans)", R"({"step":"apheresis.collect"})").seq;
    outbox.record_answer(key, 201, R"({"decision":"accepted"})");
  } catch (const std::runtime_error&) {
    return 0;  // documented: the file cannot be opened, read or repaired
  }
  Outbox again(path);
  const auto after = again.entries();
  require(after.size() == before.size() + 1, "reopening lost or gained a record");
  for (std::size_t i = 0; i < before.size(); ++i) {
    // The new answer also answers an older entry that happened to carry the same key.
    if (before[i].key == key) continue;
    require(same(after[i], before[i]), "reopening changed a record");
  }
  require(after.back().seq == seq && after.back().answered && after.back().status == 201, "the new record");
  // The torn last line was cut off at the first open; every other unreadable line stays and is
  // dropped again.
  const bool torn = size > 0 && data[size - 1] != '\n';
  require(again.dropped_lines() + (torn ? 1 : 0) == dropped, "the lines dropped at the second open");
  return 0;
}
