// Schema migrations: numbered SQL files built into the binary, applied in order, recorded,
// never edited once applied.
#include "server/storage/migrations.h"

#include <atomic>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

using storage::Migration;
using storage::Status;

std::string query_one(const std::string& uri, const std::string& sql) {
  pqxx::connection conn{uri};
  pqxx::nontransaction tx{conn};
  return tx.exec1(sql)[0].as<std::string>();
}

void execute(const std::string& uri, const std::string& sql) {
  pqxx::connection conn{uri};
  pqxx::nontransaction tx{conn};
  tx.exec(sql);
}

bool table_exists(const std::string& uri, const std::string& table) {
  return query_one(uri, "SELECT to_regclass('" + table + "') IS NOT NULL") == "t";
}

// --- What is built in -------------------------------------------------------------------------------

TEST(EmbeddedMigrations, AreTheNumberedSqlFilesInOrder) {
  const auto all = storage::embedded_migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[0].name, "0001_sites_and_settings.sql");
  EXPECT_NE(all[0].sql.find("CREATE TABLE sites"), std::string_view::npos);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].version, all[i].version);
  EXPECT_EQ(storage::latest_known_version(), all.back().version);
}

TEST(EmbeddedMigrations, ChecksumIsTheHexSha256OfTheSql) {
  EXPECT_EQ(storage::migration_checksum("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(storage::migration_checksum(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// --- Applying ---------------------------------------------------------------------------------------

TEST(Migrate, AppliesTheEmbeddedMigrationsInOrderAndRecordsEach) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  auto report = storage::migrate(db.uri());
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(report->from_version, 0);
  EXPECT_EQ(report->to_version, storage::latest_known_version());
  const auto all = storage::embedded_migrations();
  ASSERT_EQ(report->applied.size(), all.size());

  pqxx::connection conn{db.uri()};
  pqxx::nontransaction tx{conn};
  const auto rows =
      tx.exec("SELECT version, name, checksum, applied_at IS NOT NULL FROM schema_migrations ORDER BY version");
  ASSERT_EQ(rows.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(rows[i][0].as<int>(), all[i].version);
    EXPECT_EQ(rows[i][1].as<std::string>(), all[i].name);
    EXPECT_EQ(rows[i][2].as<std::string>(), storage::migration_checksum(all[i].sql));
    EXPECT_TRUE(rows[i][3].as<bool>());
  }
  // 0001 made the tables it promises.
  tx.exec0("INSERT INTO sites (code, name, fin) VALUES ('city-hospital', 'City Hospital', 'W1234')");
  tx.exec0("INSERT INTO settings (key, value) VALUES ('journey.default_timezone', 'Europe/Berlin')");
  EXPECT_THROW(tx.exec0("INSERT INTO sites (code, name, fin) VALUES ('other', 'Other', 'w1234')"),
               pqxx::check_violation)
      << "a FIN is 5 upper-case letters or digits";
}

TEST(Migrate, TwiceIsANoOp) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(storage::migrate(db.uri()).ok());
  const std::string before =
      query_one(db.uri(), "SELECT string_agg(version || '@' || applied_at, ',') FROM schema_migrations");

  auto again = storage::migrate(db.uri());
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->from_version, storage::latest_known_version());
  EXPECT_EQ(again->to_version, storage::latest_known_version());
  EXPECT_EQ(query_one(db.uri(), "SELECT string_agg(version || '@' || applied_at, ',') FROM schema_migrations"), before);
  std::ostringstream out;
  storage::print_migration_report(*again, out);
  EXPECT_NE(out.str().find("up to date"), std::string::npos) << out.str();
}

TEST(Migrate, AppliesInOrderEachInItsOwnTransaction) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  const std::vector<Migration> list{
      {1, "0001_a.sql", "CREATE TABLE a (x int);"},
      {2, "0002_fill_a.sql", "INSERT INTO a VALUES (1), (2);"},  // needs 0001 applied first
      {3, "0003_broken.sql", "CREATE TABLE c (x int); SELEC oops;"},
      {4, "0004_never.sql", "CREATE TABLE d (x int);"},
  };
  auto report = storage::migrate(db.uri(), list);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), Status::Code::kInternal);
  EXPECT_NE(report.error().message().find("0003_broken.sql failed and was rolled back"), std::string::npos)
      << report.error().message();
  EXPECT_NE(report.error().message().find("SELEC"), std::string::npos) << "PostgreSQL's error is quoted";

  EXPECT_EQ(query_one(db.uri(), "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations"),
            "1,2");
  EXPECT_EQ(query_one(db.uri(), "SELECT count(*) FROM a"), "2");
  EXPECT_FALSE(table_exists(db.uri(), "c")) << "the failed migration left nothing behind";
  EXPECT_FALSE(table_exists(db.uri(), "d")) << "nothing after the failed migration ran";

  // Fixed (it had never been applied, so it may still change): the next run carries on from 3.
  std::vector<Migration> fixed = list;
  fixed[2].sql = "CREATE TABLE c (x int);";
  auto resumed = storage::migrate(db.uri(), fixed);
  ASSERT_TRUE(resumed.ok()) << resumed.error().message();
  EXPECT_EQ(resumed->from_version, 2);
  ASSERT_EQ(resumed->applied.size(), 2u);
  EXPECT_EQ(resumed->applied[0].name, "0003_broken.sql");
  EXPECT_EQ(resumed->applied[1].name, "0004_never.sql");
}

// --- Refusals ---------------------------------------------------------------------------------------

TEST(Migrate, RefusesWhenAnAppliedMigrationWasEdited) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  const std::vector<Migration> landed{{1, "0001_people.sql", "CREATE TABLE people (name text);"},
                                      {2, "0002_places.sql", "CREATE TABLE places (name text);"}};
  ASSERT_TRUE(storage::migrate(db.uri(), landed).ok());

  std::vector<Migration> edited = landed;
  edited[0].sql = "CREATE TABLE people (name text, age int);";
  edited.push_back({3, "0003_things.sql", "CREATE TABLE things (name text);"});
  auto report = storage::migrate(db.uri(), edited);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(report.error().message().find("migration 0001_people.sql was changed after it was applied"),
            std::string::npos)
      << report.error().message();
  EXPECT_FALSE(table_exists(db.uri(), "things")) << "nothing is applied when a check fails";

  auto status = storage::migration_status(db.uri(), edited);
  ASSERT_TRUE(status.ok()) << status.error().message();
  EXPECT_FALSE(status->up_to_date());
  ASSERT_EQ(status->applied.size(), 2u);
  EXPECT_FALSE(status->applied[0].checksum_matches);
  EXPECT_TRUE(status->applied[1].checksum_matches);
}

TEST(Migrate, RefusesADatabaseNewerThanThisBinary) {
  FreshDatabase db;  // migrated with everything this binary knows
  ASSERT_TRUE(db.ok());
  const int future = storage::latest_known_version() + 1;
  execute(db.uri(), "INSERT INTO schema_migrations (version, name, checksum) VALUES (" + std::to_string(future) +
                        ", 'from_the_future.sql', 'abc')");
  auto report = storage::migrate(db.uri());
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(report.error().message().find("migration " + std::to_string(future) +
                                          " (from_the_future.sql), which this celljourney does not know"),
            std::string::npos)
      << report.error().message();
}

TEST(Migrate, RefusesAMigrationNumberedBelowAnAppliedOne) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  const std::vector<Migration> main_branch{{1, "0001_a.sql", "CREATE TABLE a (x int);"},
                                           {3, "0003_c.sql", "CREATE TABLE c (x int);"}};
  ASSERT_TRUE(storage::migrate(db.uri(), main_branch).ok());
  const std::vector<Migration> merged{main_branch[0], {2, "0002_b.sql", "CREATE TABLE b (x int);"}, main_branch[1]};
  auto report = storage::migrate(db.uri(), merged);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message().find("0002_b.sql is not applied, but the later migration 3 is"), std::string::npos)
      << report.error().message();
}

TEST(Migrate, RefusesAListThatIsNotStrictlyIncreasing) {
  const std::vector<Migration> list{{2, "0002_b.sql", "SELECT 1;"}, {1, "0001_a.sql", "SELECT 1;"}};
  auto report = storage::migrate("postgresql:///never-connected", list);
  EXPECT_EQ(report.error().code(), Status::Code::kInvalidArgument);
}

TEST(Migrate, AnUnreachableDatabaseIsUnavailable) {
  auto report = storage::migrate("postgresql:///celljourney?host=/nonexistent/socket/dir");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code(), Status::Code::kUnavailable);
  EXPECT_NE(report.error().message().find("/nonexistent/socket/dir"), std::string::npos) << report.error().message();
}

// --- Concurrency ------------------------------------------------------------------------------------

TEST(Migrate, ConcurrentMigratorsApplyEachMigrationOnce) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  // Not idempotent (a second CREATE TABLE would fail) and slow enough for the runners to overlap.
  const std::vector<Migration> list{
      {1, "0001_slow.sql", "SELECT pg_sleep(0.3); CREATE TABLE slow (x int);"},
      {2, "0002_counter.sql", "CREATE TABLE counter (n int); INSERT INTO counter VALUES (1);"},
  };
  constexpr int kRunners = 4;
  std::vector<std::thread> runners;
  std::vector<Status> outcomes(kRunners);
  std::vector<std::size_t> applied(kRunners, 0);
  std::atomic<int> ready{0};
  for (int i = 0; i < kRunners; ++i) {
    runners.emplace_back([&, i] {
      ++ready;
      while (ready < kRunners) std::this_thread::yield();
      auto report = storage::migrate(db.uri(), list);
      if (!report.ok()) outcomes[static_cast<std::size_t>(i)] = report.error();
      if (report.ok()) applied[static_cast<std::size_t>(i)] = report->applied.size();
    });
  }
  for (auto& t : runners) t.join();
  std::size_t total = 0;
  for (int i = 0; i < kRunners; ++i) {
    EXPECT_TRUE(outcomes[static_cast<std::size_t>(i)].ok()) << outcomes[static_cast<std::size_t>(i)].message();
    total += applied[static_cast<std::size_t>(i)];
  }
  EXPECT_EQ(total, list.size()) << "each migration applied by exactly one runner";
  EXPECT_EQ(query_one(db.uri(), "SELECT count(*) FROM schema_migrations"), "2");
  EXPECT_EQ(query_one(db.uri(), "SELECT count(*) FROM counter"), "1");
}

// --- Status -----------------------------------------------------------------------------------------

TEST(MigrationStatus, OfAnEmptyDatabaseListsEverythingPendingAndChangesNothing) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  auto status = storage::migration_status(db.uri());
  ASSERT_TRUE(status.ok()) << status.error().message();
  EXPECT_EQ(status->current_version, 0);
  EXPECT_EQ(status->latest_known_version, storage::latest_known_version());
  EXPECT_TRUE(status->applied.empty());
  EXPECT_EQ(status->pending.size(), storage::embedded_migrations().size());
  EXPECT_FALSE(status->up_to_date());
  EXPECT_FALSE(table_exists(db.uri(), "schema_migrations"));
}

TEST(MigrationStatus, ListsAppliedWithTimesAndPendingInATable) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  const std::vector<Migration> list{{1, "0001_a.sql", "CREATE TABLE a (x int);"},
                                    {2, "0002_b.sql", "CREATE TABLE b (x int);"},
                                    {3, "0003_c.sql", "CREATE TABLE c (x int);"}};
  ASSERT_TRUE(storage::migrate(db.uri(), std::span(list).first(2)).ok());
  auto status = storage::migration_status(db.uri(), list);
  ASSERT_TRUE(status.ok()) << status.error().message();
  EXPECT_EQ(status->current_version, 2);
  EXPECT_EQ(status->latest_known_version, 3);
  ASSERT_EQ(status->applied.size(), 2u);
  EXPECT_EQ(status->applied[1].name, "0002_b.sql");
  EXPECT_EQ(status->applied[1].applied_at.size(), std::string("2025-01-31 14:05:09").size())
      << status->applied[1].applied_at;
  ASSERT_EQ(status->pending.size(), 1u);
  EXPECT_EQ(status->pending[0].version, 3);
  EXPECT_TRUE(status->problems.empty());

  std::ostringstream out;
  storage::print_migration_status(*status, out);
  const std::string text = out.str();
  EXPECT_NE(text.find("Schema version 2; this celljourney knows up to 3: 1 migration pending."), std::string::npos)
      << text;
  EXPECT_NE(text.find("      1  0001_a.sql  " + status->applied[0].applied_at), std::string::npos) << text;
  EXPECT_NE(text.find("      3  0003_c.sql  pending"), std::string::npos) << text;
}

// --- The test fixture itself ------------------------------------------------------------------------

TEST(FreshDatabase, IsMigratedUniqueAndDroppedAfterwards) {
  std::string name;
  {
    FreshDatabase a;
    FreshDatabase b;
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a.name(), b.name());
    EXPECT_EQ(query_one(a.uri(), "SELECT max(version) FROM schema_migrations"),
              std::to_string(storage::latest_known_version()));
    EXPECT_TRUE(table_exists(b.uri(), "sites"));
    name = a.name();
  }
  EXPECT_EQ(query_one(cluster().connection_uri(), "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"),
            "0");
}

TEST(FreshDatabase, CanBeEmpty) {
  FreshDatabase db{FreshDatabase::Schema::kEmpty};
  ASSERT_TRUE(db.ok());
  EXPECT_FALSE(table_exists(db.uri(), "schema_migrations"));
}

class DatabaseTestExample : public DatabaseTest {};

TEST_F(DatabaseTestExample, GivesEachTestAFreshMigratedDatabase) {
  EXPECT_EQ(query_one(uri(), "SELECT current_database()"), database_name());
  EXPECT_EQ(query_one(uri(), "SELECT count(*) FROM sites"), "0");
  execute(uri(), "INSERT INTO sites (code, name, fin) VALUES ('a', 'A', 'A0001')");
}

TEST_F(DatabaseTestExample, DoesNotSeeAnotherTestsRows) {
  EXPECT_EQ(query_one(uri(), "SELECT count(*) FROM sites"), "0");
}

}  // namespace
}  // namespace cj::testing
