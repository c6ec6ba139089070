#include "scanner/decoder_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace cj::scanner {
namespace {

using hardware::DecodedSymbol;
using hardware::DecodeOutcome;
using hardware::LumaImage;

struct Request {
  std::int32_t width, height, expected;
};

constexpr std::size_t kMaxAnswer = 60000;  // one SOCK_SEQPACKET message

void put(std::string& out, const std::string& s) {
  const auto n = static_cast<std::uint32_t>(s.size());
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out += s;
}

bool get(const char*& p, const char* end, std::string& s) {
  std::uint32_t n;
  if (end - p < static_cast<std::ptrdiff_t>(sizeof n)) return false;
  std::memcpy(&n, p, sizeof n);
  p += sizeof n;
  if (end - p < static_cast<std::ptrdiff_t>(n)) return false;
  s.assign(p, n);
  p += n;
  return true;
}

// The worker: answer requests until the parent closes the socket.
[[noreturn]] void serve(int sock, const unsigned char* shared, const DecoderProcess::Factory& factory) {
  std::unique_ptr<hardware::SymbolReader> reader = factory();
  for (;;) {
    Request request;
    const ssize_t n = recv(sock, &request, sizeof request, 0);
    if (n != static_cast<ssize_t>(sizeof request)) _exit(0);
    LumaImage image{
        request.width, request.height, {shared, shared + static_cast<std::size_t>(request.width) * request.height}};
    const DecodeOutcome outcome = reader->read(image, request.expected);
    std::string answer;
    put(answer, outcome.error);
    for (const DecodedSymbol& symbol : outcome.symbols) {
      if (answer.size() + symbol.text.size() + 64 > kMaxAnswer) break;
      put(answer, symbol.text);
      put(answer, symbol.symbology);
      put(answer, symbol.aim);
    }
    if (send(sock, answer.data(), answer.size(), MSG_NOSIGNAL) < 0) _exit(0);
  }
}

}  // namespace

DecoderProcess::DecoderProcess(Factory factory, std::chrono::milliseconds timeout, std::size_t max_pixels)
    : factory_(std::move(factory)), timeout_(timeout), max_pixels_(max_pixels) {
  void* memory = mmap(nullptr, max_pixels_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "decoder: shared memory");
  shared_ = static_cast<unsigned char*>(memory);
}

DecoderProcess::~DecoderProcess() {
  stop(false);
  munmap(shared_, max_pixels_);
}

void DecoderProcess::start() {
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    throw std::system_error(errno, std::generic_category(), "decoder: socketpair");
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(pair[0]);
    close(pair[1]);
    throw std::system_error(errno, std::generic_category(), "decoder: fork");
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(0);  // the parent died before prctl
    const int sock = pair[1];
    if (const int null = open("/dev/null", O_WRONLY); null >= 0) dup2(null, STDERR_FILENO);
    // Keep only stdin/stdout/stderr and the socket: the station's files and sockets stay its own.
    if (sock > 3) close_range(3, static_cast<unsigned>(sock) - 1, 0);
    close_range(static_cast<unsigned>(sock) + 1, ~0U, 0);
    // Ctrl+C at the station's terminal reaches the whole process group: the station decides
    // what happens, and the worker goes with it (PR_SET_PDEATHSIG), not before it.
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    serve(sock, shared_, factory_);
  }
  close(pair[1]);
  socket_ = pair[0];
  pid_ = pid;
  ++started_;
}

void DecoderProcess::stop(bool kill_first) {
  if (socket_ >= 0) close(socket_);  // a healthy worker sees EOF and exits
  socket_ = -1;
  if (pid_ > 0) {
    if (kill_first) kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
}

DecodeOutcome DecoderProcess::read(const LumaImage& image, int expected) {
  const std::size_t size = static_cast<std::size_t>(std::max(image.width, 0)) * std::max(image.height, 0);
  if (size == 0 || image.pixels.size() != size) return {{}, "not an image"};
  if (size > max_pixels_) return {{}, "image too large for the decoder (" + std::to_string(size) + " pixels)"};
  if (pid_ < 0) start();
  std::memcpy(shared_, image.pixels.data(), size);
  const Request request{image.width, image.height, expected};
  if (send(socket_, &request, sizeof request, MSG_NOSIGNAL) != static_cast<ssize_t>(sizeof request)) {
    stop(true);
    return {{}, "decoder worker unreachable"};
  }
  pollfd p{socket_, POLLIN, 0};
  const int ready = poll(&p, 1, static_cast<int>(timeout_.count()));
  if (ready == 0) {
    stop(true);
    return {{}, "decoder timed out after " + std::to_string(timeout_.count()) + " ms"};
  }
  std::string answer(kMaxAnswer, '\0');
  const ssize_t n = ready > 0 ? recv(socket_, answer.data(), answer.size(), 0) : -1;
  if (n <= 0) {
    // The worker died mid-image: report how, and replace it on the next read.
    close(socket_);
    socket_ = -1;
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (WIFSIGNALED(status)) return {{}, "decoder crashed (signal " + std::to_string(WTERMSIG(status)) + ")"};
    return {{}, "decoder exited (status " + std::to_string(WEXITSTATUS(status)) + ")"};
  }
  DecodeOutcome outcome;
  const char* cursor = answer.data();
  const char* end = answer.data() + n;
  get(cursor, end, outcome.error);
  for (DecodedSymbol symbol;
       get(cursor, end, symbol.text) && get(cursor, end, symbol.symbology) && get(cursor, end, symbol.aim);) {
    outcome.symbols.push_back(symbol);
  }
  return outcome;
}

}  // namespace cj::scanner
