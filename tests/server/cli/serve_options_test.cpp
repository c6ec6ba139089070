// `celljourney serve`'s options: HTTPS takes a certificate and its key, and plain HTTP stays on
// loopback unless --insecure-http says otherwise.
#include "server/cli/serve_options.h"

#include <gtest/gtest.h>

namespace cj::cli {
namespace {

ServeOptions listening_on(const std::string& address) {
  ServeOptions opts;
  opts.listen = address;
  return opts;
}

TEST(ServeOptions, LoopbackAddressesAreThoseOnlyThisMachineReaches) {
  for (const char* address : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(is_loopback_address(address)) << address;
  }
  for (const char* address : {"0.0.0.0", "::", "10.0.0.5", "192.168.1.20", "fe80::1", "128.0.0.1", "ward-pc", ""}) {
    EXPECT_FALSE(is_loopback_address(address)) << address;
  }
}

TEST(ServeOptions, PlainHttpOnLoopbackIsAllowed) {
  EXPECT_EQ(insecure_listen_refusal(listening_on("127.0.0.1")), "");
  EXPECT_EQ(insecure_listen_refusal(listening_on("::1")), "");
}

TEST(ServeOptions, PlainHttpOnAnyOtherAddressIsRefusedNamingInsecureHttp) {
  const std::string refusal = insecure_listen_refusal(listening_on("0.0.0.0"));
  EXPECT_NE(refusal.find("0.0.0.0"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("--insecure-http"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("--tls-cert"), std::string::npos) << refusal;
}

TEST(ServeOptions, TlsOrAnExplicitInsecureHttpAllowsAnyAddress) {
  ServeOptions tls = listening_on("0.0.0.0");
  tls.tls_cert = "server.pem";
  tls.tls_key = "server.key";
  EXPECT_EQ(insecure_listen_refusal(tls), "");
  ServeOptions insecure = listening_on("10.0.0.5");
  insecure.insecure_http = true;
  EXPECT_EQ(insecure_listen_refusal(insecure), "");
}

TEST(ServeOptions, TheCommandLineRefusesANonLoopbackAddressWithoutTlsWithExitCode2) {
  ServeOptions opts;
  EXPECT_EQ(parse_serve_options({"--listen", "0.0.0.0"}, opts), 2);
  ServeOptions insecure;
  EXPECT_EQ(parse_serve_options({"--listen", "0.0.0.0", "--insecure-http"}, insecure), std::nullopt);
  EXPECT_TRUE(insecure.insecure_http);
}

TEST(ServeOptions, DemoIsOffByDefaultAndRefusedOffLoopback) {
  ServeOptions plain;
  EXPECT_EQ(parse_serve_options({}, plain), std::nullopt);
  EXPECT_FALSE(plain.demo);
  ServeOptions demo;
  EXPECT_EQ(parse_serve_options({"--demo", "--listen", "::1"}, demo), std::nullopt);
  ServeOptions anywhere;
  EXPECT_EQ(parse_serve_options({"--demo", "--listen", "0.0.0.0", "--insecure-http"}, anywhere), 2);
  const std::string refusal = demo_listen_refusal(anywhere);
  EXPECT_NE(refusal.find("loopback"), std::string::npos) << refusal;
}

TEST(ServeOptions, ACertificateNeedsItsKeyAndTheOtherWayRound) {
  ServeOptions cert_only;
  EXPECT_EQ(parse_serve_options({"--tls-cert", "server.pem"}, cert_only), 2);
  ServeOptions key_only;
  EXPECT_EQ(parse_serve_options({"--tls-key", "server.key"}, key_only), 2);
  ServeOptions both;
  EXPECT_EQ(parse_serve_options({"--listen", "0.0.0.0", "--tls-cert", "server.pem", "--tls-key", "server.key"}, both),
            std::nullopt);
  EXPECT_TRUE(both.tls());
}

}  // namespace
}  // namespace cj::cli
