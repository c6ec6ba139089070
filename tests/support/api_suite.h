// A test suite against one real `celljourney serve` on one fresh database, shared by the suite's
// tests (a server start and a migration per test would make the suites slow).
//
//   class AuthTest : public ApiSuite {};
//   TEST_F(AuthTest, ...) { add_user("alice", {"admin@north"}); auto alice = log_in("alice"); ... }
//
// Tests in a suite share the data: each uses its own usernames, station codes and sites.
// Seeding goes through the same admin:: functions the API and the CLI use.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/api_client.h"

namespace cj::testing {

class FreshDatabase;
class ServerProcess;
class TempDir;

/// The password every seeded user has.
inline constexpr const char* kPassword = "correct horse battery";

class ApiSuite : public ::testing::Test {
 public:
  static void SetUpTestSuite() { start_suite({}); }
  static void TearDownTestSuite();

 protected:
  /// Creates the suite's database and starts its server with extra_serve_args after
  /// `serve --database URI` (a suite whose assertions depend on when deadlines are swept passes
  /// {"--sweep-interval", "0"} from its own SetUpTestSuite, so that only its tests sweep).
  static void start_suite(const std::vector<std::string>& extra_serve_args);
  void SetUp() override;  // skips the test when the server did not start

  static unsigned short port();
  static const std::string& uri();  // the database, as its owner (superuser in tests)
  static ApiClient anonymous() { return ApiClient(port()); }
  /// "--centre-key-file FILE --checkpoint-interval 0": the suite server's centre key, for a
  /// second server a test starts on the same database (its stations seal proofs to that key).
  static std::vector<std::string> centre_key_args();
  static ApiClient log_in(const std::string& username, const std::string& password = kPassword) {
    return anonymous().logged_in(username, password);
  }

  /// Seeds the database directly (no HTTP).
  static void add_site(const std::string& code, const std::string& fin);
  /// roles as "ROLE@SITE". The user has the badge badge_of(username) and the PIN kPin
  /// (tests/support/operator_proofs.h).
  static void add_user(const std::string& username, const std::vector<std::string>& roles,
                       const std::string& password = kPassword);
  /// Returns the station's key.
  static std::string add_station(const std::string& code, const std::string& site);
  /// Runs one SQL statement as the database owner; returns the first column of the first row
  /// (or "" when there is none or it is NULL).
  static std::string sql(const std::string& statement);
  /// Same with $1 bound to param.
  static std::string sql(const std::string& statement, const std::string& param);

 private:
  static std::unique_ptr<FreshDatabase> database_;
  static std::unique_ptr<ServerProcess> server_;
  static std::unique_ptr<TempDir> key_dir_;  // the server's centre key
};

}  // namespace cj::testing
