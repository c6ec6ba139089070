// `celljourney db migrate|status` against a real database.
#include <gtest/gtest.h>

#include "server/storage/migrations.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

TEST(DbCommand, StatusOfAnEmptyDatabaseListsEveryMigrationAsPending) {
  FreshDatabase db(FreshDatabase::Schema::kEmpty);
  auto run = run_celljourney({"db", "status", "--database", db.uri()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Schema version 0"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("pending"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find(std::string(storage::embedded_migrations().front().name)), std::string::npos);
}

TEST(DbCommand, MigrateAppliesThePendingMigrationsThenHasNothingToDo) {
  FreshDatabase db(FreshDatabase::Schema::kEmpty);
  auto first = run_celljourney({"db", "migrate", "--database", db.uri()});
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("Applied"), std::string::npos) << first.output;

  auto second = run_celljourney({"db", "migrate", "--database", db.uri()});
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("nothing to apply"), std::string::npos) << second.output;

  auto status = run_celljourney({"db", "status", "--database", db.uri()});
  EXPECT_NE(status.output.find("up to date"), std::string::npos) << status.output;
}

TEST(DbCommand, MigrateWithoutADatabaseUrlUsesThePrivateCluster) {
  TempDir root;
  auto run = run_celljourney({"db", "migrate", "--data-dir", (root.path() / "pg").string()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Applied"), std::string::npos) << run.output;
  EXPECT_FALSE(std::filesystem::exists(root.path() / "pg" / "postmaster.pid")) << "cluster left running";
}

TEST(DbCommand, AnUnknownSubcommandIsAUsageError) {
  auto run = run_celljourney({"db", "drop-everything"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("usage"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace cj::testing
