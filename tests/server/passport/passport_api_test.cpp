// The passport over HTTP: North's server (started with its key file) hands a person their
// passport; South's server imports it for an administrator. Two real servers, two databases.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "tests/support/api_client.h"
#include "tests/server/passport/passport_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

constexpr const char* kSecret = "long enough password";

class PassportApiTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>("passport-api-");
    north_ = std::make_unique<IssuingCentre>(dir_->path(), "ann", "Ann Smith");
    north_->train("kymriah", "2026-01-15", "2099-06-01");
    add_user(north_->uri(), "nadia", "Nadia Admin", "admin@north");
    add_user(north_->uri(), "carl", "Carl Colleague", "cell_lab@north");
    south_db_ = std::make_unique<FreshDatabase>();
    run_at(south_db_->uri(), {"site", "add", "--code", "south", "--name", "South Hospital", "--fin", "S0001"});
    add_user(south_db_->uri(), "sam", "Sam Admin", "admin@south");
    add_user(south_db_->uri(), "ann.s", "Ann Smith", "cell_lab@south");
    add_user(south_db_->uri(), "ann.t", "Ann Smith", "cell_lab@south");
    run_at(south_db_->uri(),
           {"centre", "trust", "add", "--name", "North Centre", "--public-key", north_->public_key()});
    north_server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        "--database", north_->uri(), "--centre-key-file", north_->key_file().string(), "--sweep-interval", "0"});
    south_server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--database", south_db_->uri(), "--sweep-interval", "0"});
  }
  static void TearDownTestSuite() {
    south_server_.reset();
    north_server_.reset();
    south_db_.reset();
    north_.reset();
    dir_.reset();
  }

 protected:
  void SetUp() override {
    // A centre's server that did not start is a failure, never a skip.
    ASSERT_TRUE(north_server_->started()) << "north's server did not start: " << north_server_->output();
    ASSERT_TRUE(south_server_->started()) << "south's server did not start: " << south_server_->output();
  }
  static void add_user(const std::string& uri, const std::string& username, const std::string& name,
                       const std::string& role) {
    auto added = run_celljourney_with_input(
        {"user", "add", username, "--name", name, "--role", role, "--password-stdin", "--database", uri},
        std::string(kSecret) + "\n");
    EXPECT_EQ(added.exit_code, 0) << added.output;
  }
  static ApiClient at_north(const std::string& user) {
    return ApiClient(north_server_->port()).logged_in(user, kSecret);
  }
  static ApiClient at_south(const std::string& user) {
    return ApiClient(south_server_->port()).logged_in(user, kSecret);
  }
  static json::value anns_passport() {
    auto reply = at_north("ann").get("/api/v1/users/ann/passport");
    EXPECT_EQ(reply.status, 200) << reply.raw;
    return reply.body;
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<IssuingCentre> north_;
  static std::unique_ptr<FreshDatabase> south_db_;
  static std::unique_ptr<ServerProcess> north_server_;
  static std::unique_ptr<ServerProcess> south_server_;
};

std::unique_ptr<TempDir> PassportApiTest::dir_;
std::unique_ptr<IssuingCentre> PassportApiTest::north_;
std::unique_ptr<FreshDatabase> PassportApiTest::south_db_;
std::unique_ptr<ServerProcess> PassportApiTest::north_server_;
std::unique_ptr<ServerProcess> PassportApiTest::south_server_;

TEST_F(PassportApiTest, APersonGetsTheirOwnSignedPassportAndTheExportIsLogged) {
  auto reply = at_north("ann").get("/api/v1/users/ann/passport");
  ASSERT_EQ(reply.status, 200) << reply.raw;
  EXPECT_EQ(reply.text("format"), "celljourney-passport/1");
  EXPECT_EQ(reply.body.at("centre").at("public_key").as_string(), north_->public_key());
  EXPECT_EQ(reply.body.at("qualifications").at(0).at("qualification"), "kymriah");
  EXPECT_EQ(query_one(north_->uri(),
                      "SELECT actor FROM admin_log WHERE action = 'passport.export' AND details->>'passport_id' = '" +
                          reply.text("passport_id") + "'"),
            "ann");
}

TEST_F(PassportApiTest, AnAdministratorMayGetAPersonsPassportAndAColleagueFindsNone) {
  EXPECT_EQ(at_north("nadia").get("/api/v1/users/ann/passport").status, 200);
  auto colleague = at_north("carl").get("/api/v1/users/ann/passport");
  EXPECT_EQ(colleague.status, 404) << colleague.raw;
}

TEST_F(PassportApiTest, AServerStartedWithoutAKeyFileAnswersNoCentreKey) {
  auto reply = at_south("sam").get("/api/v1/users/sam/passport");
  EXPECT_EQ(reply.status, 409) << reply.raw;
  EXPECT_EQ(reply.body.at("error").at("code"), "NO_CENTRE_KEY");
}

TEST_F(PassportApiTest, AnAdministratorImportsAPassportOnceAndAgainChangesNothing) {
  const auto passport = anns_passport();
  auto first =
      at_south("sam").post("/api/v1/passports/import", json::object{{"user", "ann.s"}, {"passport", passport}});
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_EQ(first.body.at("centre"), "North Centre");
  auto again =
      at_south("sam").post("/api/v1/passports/import", json::object{{"user", "ann.s"}, {"passport", passport}});
  EXPECT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body.at("already_imported"), true);
  auto list = at_south("sam").get("/api/v1/users/ann.s/qualifications");
  ASSERT_EQ(list.status, 200) << list.raw;
  const auto& origin = list.body.at("qualifications").at(0).at("origin");
  EXPECT_EQ(origin.at("kind"), "passport");
  EXPECT_EQ(origin.at("centre"), "North Centre");
  EXPECT_EQ(origin.at("passport_id"), passport.at("passport_id"));
  EXPECT_EQ(origin.at("imported_by"), "sam");
}

TEST_F(PassportApiTest, ATamperedPassportIsRefusedWith422AndTheRefusalIsLogged) {
  auto passport = anns_passport();
  passport.at("qualifications").as_array().at(0).as_object()["valid_from"] = "2020-01-01T00:00:00Z";
  auto reply =
      at_south("sam").post("/api/v1/passports/import", json::object{{"user", "ann.t"}, {"passport", passport}});
  ASSERT_EQ(reply.status, 422) << reply.raw;
  EXPECT_EQ(reply.body.at("error").at("code"), "TAMPERED");
  EXPECT_EQ(reply.body.at("error").at("field"), "passport");
  EXPECT_EQ(
      query_one(south_db_->uri(), "SELECT actor FROM admin_log WHERE action = 'passport.refuse' AND subject = 'ann.t'"),
      "sam");
  EXPECT_EQ(query_one(south_db_->uri(),
                      "SELECT count(*) FROM qualifications q JOIN users u ON u.id = q.user_id "
                      "WHERE u.username = 'ann.t'"),
            "0");
}

TEST_F(PassportApiTest, OnlyAnAdministratorMayImport) {
  auto reply = at_south("ann.s").post("/api/v1/passports/import",
                                      json::object{{"user", "ann.s"}, {"passport", anns_passport()}});
  EXPECT_EQ(reply.status, 403) << reply.raw;
}

}  // namespace
}  // namespace cj::testing
