// The demo of `scripts/run` (server/demo/demo.h): a first start of `celljourney serve --demo` on
// an empty private cluster seeds a demo site through the API (people of every role, stations, six
// journeys of five products, two with an open deviation, one whose thaw clock runs, a printer
// writing to a file, a shipper logger's curve with an excursion) and prints the logins; a second start seeds nothing;
// without --demo nothing is seeded, neither on the private cluster nor on a --database URL; a
// demo server listens on loopback only.
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/api_client.h"
#include "tests/support/http_client.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_certificates.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

constexpr const char* kDemoPassword = "celljourney-demo";

/// The demo's last journey (K.L., seeded last) has its last step, the bag's label: the seeding
/// is over (the logins are printed then).
bool seeded_to_the_end(const json::value& board) {
  for (const auto& row : board.at("journeys").as_array()) {
    const auto* stage = row.as_object().if_contains("stage");
    if (stage && stage->is_object() && stage->as_object().if_contains("step") &&
        stage->at("step") == "apheresis.label") {
      return true;
    }
  }
  return false;
}

/// The demo coordinator's board once the demo holds `journeys` journeys (polled up to 60 s: the
/// seeding runs after the server listens); null when it never does.
json::value demo_board(unsigned short port, std::int64_t journeys) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    auto session =
        ApiClient(port).post("/api/v1/session", json::object{{"username", "cora"}, {"password", kDemoPassword}});
    if (session.status == 201) {
      auto board = ApiClient(port).with_token(session.text("token")).get("/api/v1/board");
      if (board.status == 200 && board.body.at("total") == journeys && seeded_to_the_end(board.body)) return board.body;
    }
    // Until the seeder has made cora, each try is a failed login: few enough, slowly enough, to
    // stay below the guessing limit (server/auth/guess_limiter.h) that would delay the answers.
    std::this_thread::sleep_for(std::chrono::milliseconds(session.status == 201 ? 250 : 1500));
  }
  return nullptr;
}

/// args plus --centre-key-file: the demo's stations prove who scanned by sealing to the centre's
/// key, which `scripts/run` makes once with `centre key init`; so does this, beside the
/// database named in args (--data-dir or --database), the first time.
std::vector<std::string> with_centre_key(std::vector<std::string> args) {
  std::string where_flag, where;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--data-dir" || args[i] == "--database") where_flag = args[i], where = args[i + 1];
  }
  const std::string key_file =
      where_flag == "--data-dir"
          ? where + ".centre.key"
          : ::testing::TempDir() + "/demo-" + std::to_string(std::hash<std::string>{}(where)) + ".centre.key";
  if (!std::ifstream(key_file)) {
    const auto made = run_celljourney(
        {"centre", "key", "init", "--name", "Demo test centre", "--key-file", key_file, where_flag, where});
    EXPECT_EQ(made.exit_code, 0) << made.output;
  }
  args.insert(args.end(), {"--centre-key-file", key_file});
  return args;
}

std::string sql(const std::string& uri, const std::string& statement) {
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn);
  return tx.exec1(statement)[0].as<std::string>();
}

TEST(Demo, AFirstStartOnAnEmptyPrivateClusterSeedsTheDemoThroughTheApiAndPrintsItsLogins) {
  TempDir root;
  ServerProcess server(
      with_centre_key({"--data-dir", (root.path() / "postgres").string(), "--sweep-interval", "0", "--demo"}));
  ASSERT_TRUE(server.started());

  const json::value board = demo_board(server.port(), 6);

  ASSERT_FALSE(board.is_null()) << "the demo's 6 journeys did not appear";
  std::set<std::string> products;
  std::multiset<std::string> deviation_codes;
  int clock_running = 0;
  for (const auto& row : board.at("journeys").as_array()) {
    products.insert(json::value_to<std::string>(row.at("product")));
    for (const auto& code : row.at("deviation_codes").as_array())
      deviation_codes.insert(json::value_to<std::string>(code));
    const auto& next = row.at("next");
    if (next.is_object() && next.at("step") == "infusion.end" && next.at("due_by").is_string() &&
        row.at("overdue") == false) {
      ++clock_running;
    }
  }
  EXPECT_EQ(products.size(), 5u);
  EXPECT_EQ(deviation_codes, (std::multiset<std::string>{"OUT_OF_ORDER", "TEMP_EXCURSION"}));
  EXPECT_EQ(clock_running, 1);
  // The journeys not yet infused have their planned dates, which the board shows.
  int planned = 0;
  for (const auto& row : board.at("journeys").as_array()) {
    if (row.at("next_planned").is_object()) ++planned;
  }
  EXPECT_EQ(planned, 5) << json::serialize(board);
  // Every event went through the rules into the journal, the stations' scans with their keys.
  auto qa = ApiClient(server.port()).logged_in("quinn", kDemoPassword);
  auto verified = qa.get("/api/v1/audit/verify");
  ASSERT_EQ(verified.status, 200) << verified.raw;
  EXPECT_EQ(verified.body.at("intact"), true) << verified.raw;
  EXPECT_EQ(verified.body.at("journeys_checked"), 6) << verified.raw;
  ASSERT_EQ(server.stop(), 0) << server.output();
  EXPECT_NE(server.output().find("password 'celljourney-demo'"), std::string::npos) << server.output();
  for (const char* login : {"ada", "cora", "ann", "alice", "nina", "paul", "quinn"}) {
    EXPECT_NE(server.output().find(login), std::string::npos) << login;
  }
  EXPECT_NE(server.output().find("badge DEMO-ANN"), std::string::npos) << server.output();
  EXPECT_NE(server.output().find("PIN 314159"), std::string::npos) << server.output();
}

TEST(Demo, TheDemoPeopleSignInWithTheirBadgeAndPin) {
  TempDir root;
  ServerProcess server(
      with_centre_key({"--data-dir", (root.path() / "postgres").string(), "--sweep-interval", "0", "--demo"}));
  ASSERT_TRUE(server.started());
  ASSERT_FALSE(demo_board(server.port(), 6).is_null()) << server.output();
  auto cora = ApiClient(server.port()).logged_in("cora", kDemoPassword);
  auto witness = cora.post("/api/v1/operator-tokens",
                           json::object{{"badge", "DEMO-NINA"}, {"pin", "314159"}, {"purpose", "witness"}});
  EXPECT_EQ(witness.status, 201) << witness.raw;
  EXPECT_EQ(witness.body.at("user").at("username"), "nina");
  // Every station event of the demo (its six journeys need them) was proven by sealed proofs
  // made with the same badges and PIN: demo_board() saw all six journeys.
}

TEST(Demo, TheDemoPrintsOnAFilePrinterAndShowsAShipperLoggersExcursionAndTheLymphodepletionEnd) {
  TempDir root;
  ServerProcess server(
      with_centre_key({"--data-dir", (root.path() / "postgres").string(), "--sweep-interval", "0", "--demo"}));
  ASSERT_TRUE(server.started());
  const json::value board = demo_board(server.port(), 6);
  ASSERT_FALSE(board.is_null()) << "the demo's 6 journeys did not appear";
  auto cora = ApiClient(server.port()).logged_in("cora", kDemoPassword);

  auto printers = cora.get("/api/v1/printers?site=demo");
  ASSERT_EQ(printers.status, 200) << printers.raw;
  ASSERT_EQ(printers.body.at("printers").as_array().size(), 1u) << printers.raw;
  EXPECT_EQ(printers.body.at("printers").at(0).at("name"), "DEMO-ZEBRA");
  // The infused Kymriah journey: its lymphodepletion end is an event, and its apheresis bag prints.
  std::string infused, excursion;
  for (const auto& row : board.at("journeys").as_array()) {
    const std::string coi = json::value_to<std::string>(row.at("coi"));
    for (const auto& code : row.at("deviation_codes").as_array()) {
      if (code == "TEMP_EXCURSION") excursion = coi;
    }
    if (row.at("next").is_object() && row.at("next").at("step") == "infusion.end") infused = coi;
  }
  ASSERT_FALSE(infused.empty());
  auto journey = cora.get("/api/v1/journeys/" + infused);
  ASSERT_EQ(journey.status, 200) << journey.raw;
  std::set<std::string> steps;
  for (const auto& e : journey.body.at("events").as_array()) steps.insert(json::value_to<std::string>(e.at("step")));
  EXPECT_TRUE(steps.contains("lymphodepletion.end")) << journey.raw;
  std::string din;
  for (const auto& u : journey.body.at("units").as_array()) {
    if (u.at("kind") == "apheresis_bag") din = json::value_to<std::string>(u.at("din"));
  }
  auto printed = cora.post("/api/v1/labels/" + din + "/print",
                           json::object{{"template", "apheresis-bag"}, {"printer", "DEMO-ZEBRA"}});
  EXPECT_EQ(printed.status, 201) << printed.raw;
  std::ifstream job(root.path() / "demo-labels" / "DEMO-ZEBRA.zpl");
  std::string zpl((std::istreambuf_iterator<char>(job)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(zpl.starts_with("^XA")) << zpl.substr(0, 100);
  // The logger's readings: one excursion on the curve, no gap.
  ASSERT_FALSE(excursion.empty());
  auto evidence = cora.get("/api/v1/journeys/" + excursion + "/temperature");
  ASSERT_EQ(evidence.status, 200) << evidence.raw;
  const auto& logger = evidence.body.at("loggers").at(0);
  EXPECT_GT(logger.at("readings").as_array().size(), 100u);
  EXPECT_EQ(logger.at("excursions").as_array().size(), 1u) << evidence.raw;
  EXPECT_EQ(logger.at("excursions").at(0).at("above"), true) << evidence.raw;
  EXPECT_TRUE(logger.at("gaps").as_array().empty()) << evidence.raw;
  ASSERT_EQ(server.stop(), 0) << server.output();
}

TEST(Demo, ASecondStartDoesNotSeedTheDemoAgain) {
  TempDir root;
  const auto data_dir = (root.path() / "postgres").string();
  {
    ServerProcess first(with_centre_key({"--data-dir", data_dir, "--sweep-interval", "0", "--demo"}));
    ASSERT_TRUE(first.started());
    ASSERT_FALSE(demo_board(first.port(), 6).is_null());
    ASSERT_EQ(first.stop(), 0) << first.output();
  }
  ServerProcess second(with_centre_key({"--data-dir", data_dir, "--sweep-interval", "0", "--demo"}));
  ASSERT_TRUE(second.started());

  EXPECT_FALSE(demo_board(second.port(), 6).is_null());
  ASSERT_EQ(second.stop(), 0) << second.output();
  EXPECT_EQ(second.output().find("seeding the demo"), std::string::npos) << second.output();
  EXPECT_NE(second.output().find("password 'celljourney-demo'"), std::string::npos) << second.output();
}

TEST(Demo, WithoutDemoAnEmptyPrivateClusterStaysEmpty) {
  TempDir root;
  ServerProcess server({"--data-dir", (root.path() / "postgres").string(), "--sweep-interval", "0"});
  ASSERT_TRUE(server.started());

  auto session =
      ApiClient(server.port()).post("/api/v1/session", json::object{{"username", "cora"}, {"password", kDemoPassword}});

  EXPECT_EQ(session.status, 401) << session.raw;
  ASSERT_EQ(server.stop(), 0) << server.output();
  EXPECT_EQ(server.output().find("demo"), std::string::npos) << server.output();
}

TEST(Demo, ADatabaseUrlGetsTheDemoOnlyWhenAskedWithDemo) {
  FreshDatabase production;
  {
    ServerProcess server({"--database", production.uri(), "--sweep-interval", "0"});
    ASSERT_TRUE(server.started());
    ASSERT_EQ(server.stop(), 0) << server.output();
  }
  EXPECT_EQ(sql(production.uri(), "SELECT count(*)::text FROM sites"), "0");

  FreshDatabase showroom;
  ServerProcess server(with_centre_key({"--database", showroom.uri(), "--sweep-interval", "0", "--demo"}));
  ASSERT_TRUE(server.started());
  EXPECT_FALSE(demo_board(server.port(), 6).is_null());
}

TEST(Demo, OverHttpsTheSeederSpeaksTlsToTheServersOwnCertificate) {
  TempDir root;
  TestCa ca(root.path(), "test-ca");
  std::vector<std::string> args{"--data-dir", (root.path() / "postgres").string(), "--sweep-interval", "0", "--demo"};
  for (auto& arg : ca.issue("server").serve_args()) args.push_back(arg);
  ServerProcess server(with_centre_key(args));
  ASSERT_TRUE(server.started() && server.secure()) << server.output();

  // The seeder connects to 127.0.0.1 trusting only the server's certificate; its six journeys
  // show on the board, read over HTTPS by a client verifying with the CA.
  const TlsClient tls{ca.cert()};
  std::int64_t total = -1;
  bool settled = false;
  std::string last_board;
  std::chrono::steady_clock::time_point six_at;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!settled && std::chrono::steady_clock::now() < deadline) {
    const auto login = https_request(tls, server.port(), "POST", "/api/v1/session",
                                     R"({"username":"cora","password":")" + std::string(kDemoPassword) + R"("})");
    if (login.status == 201) {
      const std::string token(json::parse(login.body).at("token").as_string());
      const auto board =
          https_request(tls, server.port(), "GET", "/api/v1/board", {}, "application/json", "Bearer " + token);
      // The board counts the sixth journey once it is created, before its units and steps:
      // wait until it holds six and has stopped changing, or stopping cuts the seeder short.
      if (board.status == 200) {
        const std::int64_t now_total = json::parse(board.body).at("total").as_int64();
        if (now_total == 6 && total != 6) six_at = std::chrono::steady_clock::now();
        settled = now_total == 6 && (board.body == last_board ||  // the board carries clocks: at most 5 s
                                     std::chrono::steady_clock::now() - six_at >= std::chrono::seconds(5));
        total = now_total;
        last_board = board.body;
      }
    }
    if (!settled) std::this_thread::sleep_for(std::chrono::milliseconds(total == 6 ? 1000 : 250));
  }
  EXPECT_EQ(total, 6) << server.output();
  ASSERT_EQ(server.stop(), 0) << server.output();
  EXPECT_EQ(server.output().find("demo: seeding stopped"), std::string::npos) << server.output();
  EXPECT_NE(server.output().find("password 'celljourney-demo'"), std::string::npos) << server.output();
}

TEST(Demo, ADemoServerRefusesToListenOnAnAddressOtherThanLoopback) {
  TempDir root;
  const auto result = run_celljourney({"serve", "--demo", "--listen", "0.0.0.0", "--insecure-http", "--port", "0",
                                       "--data-dir", (root.path() / "postgres").string()},
                                      std::chrono::seconds(30));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("refusing --demo on 0.0.0.0"), std::string::npos) << result.output;
  EXPECT_FALSE(std::filesystem::exists(root.path() / "postgres")) << "refused before any database starts";
}

}  // namespace
}  // namespace cj::testing
