// Boost's assertion handler in the fuzzing build only (BOOST_ENABLE_ASSERT_HANDLER on
// server_net, server/CMakeLists.txt): a failed BOOST_ASSERT aborts as it would without a
// handler, except for one known false assertion of Boost.Beast 1.81.
//
// basic_parser::parse_chunk_header asserts n >= 5 when a chunked body's last chunk comes as
// "0\r\n" followed by fewer bytes than its final CRLF: legal while the rest has not arrived,
// and the code after the assertion answers need_more (Beast fixed the assertion in PR #2861,
// Boost 1.86). The api_request fuzzer found it (tests/fuzz/corpus/api_request/
// chunked-last-chunk-short); release builds are compiled with NDEBUG and never evaluate it.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace boost {

void assertion_failed(char const* expr, char const* function, char const* file, long line) {
  if (std::string_view(expr) == "n >= 5" && std::string_view(file).ends_with("http/impl/basic_parser.ipp")) return;
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed.\n", file, line, function, expr);
  std::abort();
}

void assertion_failed_msg(char const* expr, char const* msg, char const* function, char const* file, long line) {
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed: %s\n", file, line, function, expr, msg);
  std::abort();
}

}  // namespace boost
