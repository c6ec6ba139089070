// The staff passport between two centres, each its own database: exported at North with
// `celljourney passport export`, imported at South with `celljourney passport import`.
#include <sys/stat.h>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "server/passport/passport_document.h"
#include "tests/server/passport/passport_world.h"

namespace cj::testing {
namespace {

namespace json = boost::json;

class PassportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(south_.ok());
    north_.train("car-t-core", "2026-01-01");
    north_.train("kymriah", "2026-01-15", "2099-06-01");
    ASSERT_EQ(at_south({"site", "add", "--code", "south", "--name", "South Hospital", "--fin", "S0001"}).exit_code, 0);
    add_south_user("ann.s", "Ann  smith");  // the same person, as South spells her
    auto trusted = at_south({"centre", "trust", "add", "--name", "North Centre", "--public-key", north_.public_key()});
    ASSERT_EQ(trusted.exit_code, 0) << trusted.output;
  }

  CommandResult at_south(std::vector<std::string> args) { return run_at(south_.uri(), std::move(args)); }
  void add_south_user(const std::string& username, const std::string& name) {
    auto added = run_celljourney_with_input({"user", "add", username, "--name", name, "--role", "cell_lab@south",
                                             "--password-stdin", "--database", south_.uri()},
                                            "long enough password\n");
    ASSERT_EQ(added.exit_code, 0) << added.output;
  }
  CommandResult import_file(const std::filesystem::path& file, const std::string& user = "ann.s") {
    return at_south({"passport", "import", file.string(), "--user", user});
  }
  std::string south_sql(const std::string& statement) { return query_one(south_.uri(), statement); }
  std::string imported_qualifications() {
    return south_sql(
        "SELECT string_agg(qualification, ',' ORDER BY qualification) FROM qualifications q "
        "JOIN users u ON u.id = q.user_id WHERE u.username = 'ann.s'");
  }
  /// A passport signed with key (North's unless given), for cases North's export never makes.
  std::filesystem::path crafted(const passport::Passport& p, const passport::SigningKey& key, const std::string& name) {
    const auto path = dir_.path() / name;
    write_text(path, json::serialize(passport::sign_passport(p, key)));
    return path;
  }
  passport::Passport ann_passport(const std::string& issued_at, const std::string& expires_at) {
    passport::Passport p;
    p.passport_id = passport::new_passport_id();
    p.centre_name = "North Centre";
    p.person_name = "Ann Smith";
    p.person_username = "ann";
    p.qualifications = {{"kymriah", "2026-01-15T00:00:00Z", "2099-06-01T00:00:00Z", std::nullopt}};
    p.issued_at = issued_at;
    p.expires_at = expires_at;
    return p;
  }

  TempDir dir_{"passport-test-"};
  IssuingCentre north_{dir_.path(), "ann", "Ann Smith"};
  FreshDatabase south_;
};

TEST_F(PassportTest, APassportExportedAtOneCentreIsAcceptedAtAnotherWithItsOrigin) {
  const auto file = dir_.path() / "ann.passport.json";
  auto exported = north_.export_to(file);
  ASSERT_EQ(exported.exit_code, 0) << exported.output;

  auto imported = import_file(file);

  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("imported kymriah"), std::string::npos) << imported.output;
  EXPECT_EQ(imported_qualifications(), "car-t-core,kymriah");
  const auto passport_id = json::parse(read_text(file)).at("passport_id").as_string();
  EXPECT_EQ(south_sql("SELECT count(*) FROM qualifications q JOIN passport_imports p ON p.id = q.passport_import_id "
                      "JOIN trusted_centres c ON c.id = p.centre_id WHERE c.name = 'North Centre' "
                      "AND q.issuing_centre = 'North Centre' AND p.passport_id = '" +
                      std::string(passport_id) + "'"),
            "2");
  EXPECT_EQ(south_sql("SELECT imported_by FROM passport_imports").rfind("cli:", 0), 0u);
  EXPECT_EQ(south_sql("SELECT subject FROM admin_log WHERE action = 'passport.import'"), "ann.s");
}

TEST_F(PassportTest, ImportedQualificationsNeverOutlastThePassport) {
  const auto file = dir_.path() / "ann.passport.json";
  ASSERT_EQ(north_.export_to(file).exit_code, 0);
  ASSERT_EQ(import_file(file).exit_code, 0);
  // kymriah runs to 2099 at North, car-t-core has no end: both end with the passport (90 days).
  EXPECT_EQ(south_sql("SELECT count(*) FROM qualifications q JOIN passport_imports p ON p.id = q.passport_import_id "
                      "WHERE q.valid_until = p.expires_at AND p.expires_at - p.issued_at = interval '90 days'"),
            "2");
}

TEST_F(PassportTest, ImportingTheSamePassportAgainChangesNothing) {
  const auto file = dir_.path() / "ann.passport.json";
  ASSERT_EQ(north_.export_to(file).exit_code, 0);
  ASSERT_EQ(import_file(file).exit_code, 0);

  auto again = import_file(file);

  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("already"), std::string::npos) << again.output;
  EXPECT_EQ(south_sql("SELECT count(*) FROM qualifications"), "2");
  EXPECT_EQ(south_sql("SELECT count(*) FROM passport_imports"), "1");
}

TEST_F(PassportTest, APassportWithOneByteChangedIsRefusedTamperedAndTheRefusalLogged) {
  const auto file = dir_.path() / "ann.passport.json";
  ASSERT_EQ(north_.export_to(file).exit_code, 0);
  auto text = read_text(file);
  const auto at = text.find("\"kymriah\"");
  ASSERT_NE(at, std::string::npos);
  text[at + 1] = 'c';  // "cymriah"
  write_text(file, text);

  auto imported = import_file(file);

  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  EXPECT_NE(imported.output.find("refused TAMPERED"), std::string::npos) << imported.output;
  EXPECT_EQ(imported_qualifications(), "");
  EXPECT_EQ(south_sql("SELECT details->>'code' FROM admin_log WHERE action = 'passport.refuse'"), "TAMPERED");
}

TEST_F(PassportTest, APassportPastItsExpiryIsRefusedExpired) {
  const auto file = crafted(ann_passport("2026-01-20T09:00:00Z", "2026-04-20T09:00:00Z"), north_.key(), "old.json");
  auto imported = import_file(file);
  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  EXPECT_NE(imported.output.find("refused EXPIRED"), std::string::npos) << imported.output;
  EXPECT_EQ(imported_qualifications(), "");
}

TEST_F(PassportTest, APassportSignedByACentreNotTrustedHereIsRefusedUntrustedCentre) {
  const auto file = crafted(ann_passport("2026-01-20T09:00:00Z", "2099-01-01T00:00:00Z"),
                            passport::SigningKey::generate(), "forged.json");
  auto imported = import_file(file);
  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  EXPECT_NE(imported.output.find("refused UNTRUSTED_CENTRE"), std::string::npos) << imported.output;
  EXPECT_EQ(imported_qualifications(), "");
}

TEST_F(PassportTest, APassportFromACentreWhoseTrustWasWithdrawnIsRefusedCentreRevoked) {
  const auto file = dir_.path() / "ann.passport.json";
  ASSERT_EQ(north_.export_to(file).exit_code, 0);
  ASSERT_EQ(at_south({"centre", "trust", "revoke", "--name", "North Centre"}).exit_code, 0);
  auto imported = import_file(file);
  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  EXPECT_NE(imported.output.find("refused CENTRE_REVOKED"), std::string::npos) << imported.output;
}

TEST_F(PassportTest, AQualificationExpiredInsideAValidPassportIsNotImported) {
  auto p = ann_passport("2026-01-20T09:00:00Z", "2099-01-01T00:00:00Z");
  p.qualifications.push_back({"yescarta", "2025-01-01T00:00:00Z", "2026-01-31T00:00:00Z", std::nullopt});
  const auto file = crafted(p, north_.key(), "partly-expired.json");

  auto imported = import_file(file);

  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("not imported yescarta: expired"), std::string::npos) << imported.output;
  EXPECT_EQ(imported_qualifications(), "kymriah");
}

TEST_F(PassportTest, APassportImportedForSomeoneElseIsRefusedPersonMismatch) {
  add_south_user("bob.s", "Bob Jones");
  const auto file = dir_.path() / "ann.passport.json";
  ASSERT_EQ(north_.export_to(file).exit_code, 0);
  auto imported = import_file(file, "bob.s");
  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  EXPECT_NE(imported.output.find("refused PERSON_MISMATCH"), std::string::npos) << imported.output;
}

TEST_F(PassportTest, APassportAlreadyImportedForOnePersonIsRefusedForAnother) {
  add_south_user("ann.t", "Ann Smith");  // a second account with the same name
  const auto file = dir_.path() / "ann.passport.json";
  ASSERT_EQ(north_.export_to(file).exit_code, 0);
  ASSERT_EQ(import_file(file).exit_code, 0);
  auto imported = import_file(file, "ann.t");
  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  EXPECT_NE(imported.output.find("refused ALREADY_IMPORTED"), std::string::npos) << imported.output;
}

TEST_F(PassportTest, AFileThatIsNotAPassportIsRefusedMalformed) {
  const auto file = dir_.path() / "notes.txt";
  write_text(file, "Ann Smith: kymriah, trained 2026\n");
  auto imported = import_file(file);
  EXPECT_EQ(imported.exit_code, 1) << imported.output;
  EXPECT_NE(imported.output.find("refused MALFORMED"), std::string::npos) << imported.output;
}

TEST_F(PassportTest, OnlyCurrentQualificationsRecordedAtTheIssuingCentreTravel) {
  north_.train("yescarta", "2025-01-01", "2025-12-31");  // expired before the export
  const auto file = dir_.path() / "ann.passport.json";
  ASSERT_EQ(north_.export_to(file).exit_code, 0);
  const auto document = json::parse(read_text(file));
  std::vector<std::string> names;
  for (const auto& q : document.at("qualifications").as_array()) names.emplace_back(q.at("qualification").as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"car-t-core", "kymriah"}));
  EXPECT_EQ(document.at("person").at("name"), "Ann Smith");
  EXPECT_EQ(document.at("format"), "celljourney-passport/1");
}

TEST_F(PassportTest, KeyInitNeverPrintsTheSecretAndNeverReplacesAKey) {
  const auto secret_b64 = passport::to_base64(north_.key().secret());
  auto shown = north_.run({"centre", "key", "show"});
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find(north_.public_key()), std::string::npos) << shown.output;
  EXPECT_EQ(shown.output.find(secret_b64), std::string::npos);
  auto again = north_.run(
      {"centre", "key", "init", "--name", "North Centre", "--key-file", (dir_.path() / "second.key").string()});
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("already has a signing key"), std::string::npos) << again.output;
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "second.key"));
}

TEST_F(PassportTest, ExportRefusesAKeyFileOthersMayRead) {
  std::filesystem::permissions(north_.key_file(), std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  auto exported = north_.export_to(dir_.path() / "ann.passport.json");
  EXPECT_EQ(exported.exit_code, 1) << exported.output;
  EXPECT_NE(exported.output.find("make it 0600"), std::string::npos) << exported.output;
}

TEST_F(PassportTest, TrustingTheSameCentreTwiceIsRefused) {
  auto again = at_south({"centre", "trust", "add", "--name", "North again", "--public-key", north_.public_key()});
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_EQ(south_sql("SELECT count(*) FROM admin_log WHERE action = 'centre.trust_add'"), "1");
}

TEST_F(PassportTest, ACentreIsTrustedFromAFileHoldingItsPublicKey) {
  FreshDatabase east;
  const auto file = dir_.path() / "north.pub";
  write_text(file, north_.public_key() + "\n");
  auto trusted = run_at(east.uri(), {"centre", "trust", "add", "--name", "North Centre", "--file", file.string()});
  ASSERT_EQ(trusted.exit_code, 0) << trusted.output;
  EXPECT_EQ(query_one(east.uri(), "SELECT public_key FROM trusted_centres"), north_.public_key());
  EXPECT_EQ(query_one(east.uri(), "SELECT actor FROM admin_log WHERE action = 'centre.trust_add'").rfind("cli:", 0),
            0u);
}

}  // namespace
}  // namespace cj::testing
