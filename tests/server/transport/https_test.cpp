// HTTPS end to end: a real `celljourney serve --tls-cert --tls-key` on the suite's database,
// certificates made in the test by a test CA (tests/support/test_certificates.h), clients that
// verify them, and OpenSSL's own `openssl s_client` as an independent judge of the protocol.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_suite.h"
#include "tests/support/http_client.h"
#include "tests/support/raw_connection.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"
#include "tests/support/ws_client.h"

namespace cj::testing {
namespace {

class HttpsTest : public ApiSuite {
 protected:
  HttpsTest() : ca_(dir_.path(), "test-ca"), server_cert_(ca_.issue("server")) {}

  // A second server on the suite's database, speaking HTTPS with cert.
  std::unique_ptr<ServerProcess> https_server(const IssuedCertificate& cert) {
    std::vector<std::string> args{"--database", uri(), "--sweep-interval", "0"};
    for (auto& arg : cert.serve_args()) args.push_back(arg);
    return std::make_unique<ServerProcess>(args);
  }

  TlsClient trusting_the_test_ca() const { return TlsClient{ca_.cert()}; }

  static std::string token_from(const HttpReply& login) {
    boost::system::error_code ec;
    const auto value = boost::json::parse(login.body, ec);
    if (ec || !value.is_object() || !value.as_object().contains("token")) return {};
    return std::string(value.at("token").as_string());
  }

  // `openssl s_client` against 127.0.0.1:port with extra; its exit code, output in output.
  int s_client(unsigned short port, const std::string& extra, std::string& output) const {
    const auto out = dir_.path() / "s_client.out";
    const std::string command = "openssl s_client -connect 127.0.0.1:" + std::to_string(port) + " " + extra +
                                " </dev/null >" + out.string() + " 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream in(out);
    std::ostringstream text;
    text << in.rdbuf();
    output = text.str();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  TempDir dir_;
  TestCa ca_;
  IssuedCertificate server_cert_;
};

TEST_F(HttpsTest, AClientVerifyingWithTheTestCaGetsHealthzAndApiAnswersWithStrictTransportSecurity) {
  add_site("tls-site", "A9980");
  add_user("tls.alice", {"coordinator@tls-site"}, kPassword);
  auto server = https_server(server_cert_);
  ASSERT_TRUE(server->started());
  EXPECT_TRUE(server->secure()) << server->output();
  EXPECT_NE(server->output().find("listening on https://127.0.0.1:"), std::string::npos) << server->output();

  const auto health = https_get(trusting_the_test_ca(), server->port(), "/healthz");
  ASSERT_EQ(health.status, 200) << health.error << health.body;
  EXPECT_NE(health.body.find("\"status\":\"ok\""), std::string::npos) << health.body;
  EXPECT_EQ(health.header("Strict-Transport-Security"), "max-age=31536000");

  // The API over HTTPS: a login, an authenticated answer and a refusal all carry HSTS.
  const auto login = https_request(trusting_the_test_ca(), server->port(), "POST", "/api/v1/session",
                                   R"({"username":"tls.alice","password":")" + std::string(kPassword) + R"("})");
  ASSERT_EQ(login.status, 201) << login.error << login.body;
  EXPECT_EQ(login.header("Strict-Transport-Security"), "max-age=31536000");
  const auto session = https_request(trusting_the_test_ca(), server->port(), "GET", "/api/v1/session", {},
                                     "application/json", "Bearer " + token_from(login));
  EXPECT_EQ(session.status, 200) << session.body;
  EXPECT_NE(session.body.find("tls.alice"), std::string::npos) << session.body;
  EXPECT_EQ(session.header("Strict-Transport-Security"), "max-age=31536000");
  const auto refused = https_get(trusting_the_test_ca(), server->port(), "/api/v1/journeys");
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_EQ(refused.header("Strict-Transport-Security"), "max-age=31536000");

  // No plain HTTP on the HTTPS port, and no HSTS from a plain HTTP server.
  EXPECT_EQ(http_get(server->port(), "/healthz").status, 0);
  const auto plain = http_get(port(), "/healthz");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("Strict-Transport-Security"), "");
}

TEST_F(HttpsTest, OnlyTls12AndNewerAreSpokenAsOpensslsOwnClientSees) {
  auto server = https_server(server_cert_);
  ASSERT_TRUE(server->started());
  std::string output;
  // SECLEVEL=0 lets the client offer the old protocols at all: the refusal must be the server's.
  EXPECT_NE(s_client(server->port(), "-tls1_1 -cipher DEFAULT@SECLEVEL=0", output), 0) << output;
  EXPECT_NE(output.find("alert protocol version"), std::string::npos) << "the server said why\n" << output;
  EXPECT_NE(output.find("Cipher is (NONE)"), std::string::npos) << output;
  EXPECT_NE(s_client(server->port(), "-tls1 -cipher DEFAULT@SECLEVEL=0", output), 0) << output;
  EXPECT_NE(output.find("alert protocol version"), std::string::npos) << output;

  const std::string verify = "-CAfile " + ca_.cert().string() + " -verify_return_error -verify_ip 127.0.0.1";
  ASSERT_EQ(s_client(server->port(), "-tls1_2 " + verify, output), 0) << output;
  EXPECT_NE(output.find("New, TLSv1.2, Cipher is ECDHE-"), std::string::npos) << "TLS 1.2: forward secret suites only\n"
                                                                              << output;
  EXPECT_NE(output.find("Verify return code: 0 (ok)"), std::string::npos) << output;
  EXPECT_NE(output.find("Compression: NONE"), std::string::npos) << output;
  ASSERT_EQ(s_client(server->port(), "-tls1_3 " + verify, output), 0) << output;
  EXPECT_NE(output.find("New, TLSv1.3, Cipher is TLS_"), std::string::npos) << output;
  // A TLS 1.2 client asking only for a suite without forward secrecy finds none.
  EXPECT_NE(s_client(server->port(), "-tls1_2 -cipher AES128-SHA256", output), 0) << output;
}

TEST_F(HttpsTest, TheLiveFeedWorksOverWssWithTheCaAndCarriesChangesFromAnotherServer) {
  add_site("tls-feed", "A9981");
  add_user("tls.fiona", {"coordinator@tls-feed"});
  auto server = https_server(server_cert_);
  ASSERT_TRUE(server->started());
  const std::string token = log_in("tls.fiona").authorization().substr(std::string("Bearer ").size());
  WsClient ws(trusting_the_test_ca(), server->port(), "/api/v1/feed?token=" + token);
  ASSERT_TRUE(ws.connected()) << ws.error() << server->output();
  ASSERT_TRUE(ws.next_containing("hello"));

  // A change on the database reaches the wss subscriber (LISTEN/NOTIFY, as from any server).
  const std::string site_id = sql("SELECT id::text FROM sites WHERE code = $1", "tls-feed");
  for (int i = 0; i < 20; ++i) {  // the feed listens from start-up; give its LISTEN a moment
    const auto health = https_get(trusting_the_test_ca(), server->port(), "/healthz");
    if (health.body.find("\"listening\":true") != std::string::npos) break;
  }
  sql("SELECT pg_notify('celljourney_feed', $1)", R"({"type":"event","site_id":)" + site_id + R"(,"marker":"wss-1"})");
  const auto message = ws.next_containing("wss-1");
  ASSERT_TRUE(message) << ws.error();

  // Without the CA the same upgrade never starts.
  WsClient untrusting(TlsClient{dir_.path() / "nobody.pem"}, server->port(), "/api/v1/feed?token=" + token);
  EXPECT_FALSE(untrusting.connected());
}

TEST_F(HttpsTest, BeyondTheConnectionLimitATlsClientIsClosedAtOnceAndGetsInAgainWhenASlotFrees) {
  std::vector<std::string> args{"--database", uri(), "--sweep-interval", "0", "--max-connections-per-address", "2"};
  for (auto& arg : server_cert_.serve_args()) args.push_back(arg);
  ServerProcess server(args);
  ASSERT_TRUE(server.started()) << server.output();
  std::vector<RawConnection> held;
  for (int i = 0; i < 2; ++i) held.emplace_back(server.port());
  for (const auto& c : held) ASSERT_TRUE(c.connected());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both accepted

  // No plaintext 503 on a TLS port: the connection is closed before any handshake, at once.
  const auto started = std::chrono::steady_clock::now();
  const HttpReply refused = https_get(trusting_the_test_ca(), server.port(), "/healthz");
  EXPECT_EQ(refused.status, 0) << refused.body;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  std::string output;
  EXPECT_NE(s_client(server.port(), "-tls1_2", output), 0) << output;
  EXPECT_EQ(output.find("BEGIN CERTIFICATE"), std::string::npos) << output;  // no handshake was made

  held.pop_back();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(https_get(trusting_the_test_ca(), server.port(), "/healthz").status, 200);
  server.stop();
  EXPECT_NE(server.output().find("refused a connection from 127.0.0.1"), std::string::npos) << server.output();
}

TEST_F(HttpsTest, ACertificateOfAnotherCaIsRefusedByTheClient) {
  TestCa other(dir_.path(), "other-ca");
  auto server = https_server(other.issue("impostor"));
  ASSERT_TRUE(server->started());
  const auto reply = https_get(trusting_the_test_ca(), server->port(), "/healthz");
  EXPECT_EQ(reply.status, 0);
  EXPECT_NE(reply.error.find("certificate verify failed"), std::string::npos) << reply.error;
  // The same server is fine for a client trusting the other CA: the refusal was the CA's.
  EXPECT_EQ(https_get(TlsClient{other.cert()}, server->port(), "/healthz").status, 200);
}

TEST_F(HttpsTest, ACertificateForAnotherHostIsRefusedByTheClient) {
  auto server = https_server(ca_.issue("elsewhere", {"DNS:ward.example"}));
  ASSERT_TRUE(server->started());
  const auto reply = https_get(trusting_the_test_ca(), server->port(), "/healthz");
  EXPECT_EQ(reply.status, 0);
  EXPECT_NE(reply.error.find("certificate verify failed"), std::string::npos) << reply.error;
  EXPECT_EQ(https_get(TlsClient{ca_.cert(), "ward.example"}, server->port(), "/healthz").status, 200)
      << "for the name it carries, the same certificate verifies";
}

TEST(ServeRefuses, PlainHttpOnANonLoopbackAddressWithExitCode2NamingInsecureHttp) {
  const auto result = run_celljourney({"serve", "--listen", "0.0.0.0", "--port", "0"});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("--insecure-http"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("0.0.0.0"), std::string::npos) << result.output;
}

TEST(ServeRefuses, AMissingUnreadableOrMismatchedKeyWithAMessageNamingTheFile) {
  TempDir dir;
  TestCa ca(dir.path(), "test-ca");
  const auto server = ca.issue("server");
  const auto other = ca.issue("other");
  const auto data_dir = (dir.path() / "never-started").string();  // refused before any database starts

  auto missing = run_celljourney({"serve", "--data-dir", data_dir, "--tls-cert", server.cert.string(), "--tls-key",
                                  (dir.path() / "absent.key").string()});
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_NE(missing.output.find("cannot read the TLS key " + (dir.path() / "absent.key").string()), std::string::npos)
      << missing.output;

  auto no_cert = run_celljourney({"serve", "--data-dir", data_dir, "--tls-cert", (dir.path() / "absent.pem").string(),
                                  "--tls-key", server.key.string()});
  EXPECT_EQ(no_cert.exit_code, 1) << no_cert.output;
  EXPECT_NE(no_cert.output.find("cannot read the TLS certificate"), std::string::npos) << no_cert.output;

  std::ofstream(dir.path() / "garbage.key") << "not a key\n";
  auto garbage = run_celljourney({"serve", "--data-dir", data_dir, "--tls-cert", server.cert.string(), "--tls-key",
                                  (dir.path() / "garbage.key").string()});
  EXPECT_EQ(garbage.exit_code, 1) << garbage.output;
  EXPECT_NE(garbage.output.find("is not a PEM private key"), std::string::npos) << garbage.output;

  auto mismatched = run_celljourney(
      {"serve", "--data-dir", data_dir, "--tls-cert", server.cert.string(), "--tls-key", other.key.string()});
  EXPECT_EQ(mismatched.exit_code, 1) << mismatched.output;
  EXPECT_NE(mismatched.output.find("the TLS key " + other.key.string() + " does not match the certificate " +
                                   server.cert.string()),
            std::string::npos)
      << mismatched.output;

  auto half = run_celljourney({"serve", "--data-dir", data_dir, "--tls-cert", server.cert.string()});
  EXPECT_EQ(half.exit_code, 2) << half.output;
  EXPECT_NE(half.output.find("--tls-cert needs --tls-key"), std::string::npos) << half.output;

  EXPECT_FALSE(std::filesystem::exists(data_dir)) << "no database was started";
}

}  // namespace
}  // namespace cj::testing
