// db::Statement / db::exec (server/db/statement.h): a statement is prepared on a connection the
// first time it runs there, whatever transaction that is in, and reused by name after that.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {
namespace {

constexpr char kColumns[] = "SELECT $1::int + 1";
constexpr auto kPlusOneSql = db::sql(kColumns, " AS n");
constexpr db::Statement kPlusOne{"test_statement_plus_one", kPlusOneSql.data()};
constexpr db::Statement kNoRows{"test_statement_no_rows", "SELECT 1 WHERE $1::int < 0"};

static_assert(std::string_view(kPlusOneSql.data()) == "SELECT $1::int + 1 AS n");
static_assert(kPlusOneSql.size() == sizeof("SELECT $1::int + 1 AS n"));

int prepared_on_server(pqxx::connection& c) {
  pqxx::nontransaction n(c);
  return n.exec1("SELECT count(*) FROM pg_prepared_statements")[0].as<int>();
}

using StatementTest = DatabaseTest;

TEST_F(StatementTest, PreparesOncePerConnectionAndRunsByName) {
  pqxx::connection c{uri()};
  for (int i = 0; i < 3; ++i) {
    pqxx::work tx(c);
    EXPECT_EQ(db::exec1(tx, kPlusOne, i)[0].as<int>(), i + 1);
    EXPECT_TRUE(db::exec(tx, kNoRows, i).empty());
    db::exec0(tx, kNoRows, i);
    tx.commit();
  }
  EXPECT_EQ(prepared_on_server(c), 2);
}

TEST_F(StatementTest, ARolledBackFirstUseStaysPrepared) {
  pqxx::connection c{uri()};
  {
    pqxx::work tx(c);
    EXPECT_EQ(db::exec1(tx, kPlusOne, 1)[0].as<int>(), 2);
    tx.abort();
  }
  pqxx::work tx(c);
  EXPECT_EQ(db::exec1(tx, kPlusOne, 2)[0].as<int>(), 3);
}

TEST_F(StatementTest, ANewConnectionPreparesAgain) {
  {
    pqxx::connection c{uri()};
    pqxx::work tx(c);
    db::exec1(tx, kPlusOne, 1);
  }
  pqxx::connection c{uri()};
  pqxx::work tx(c);
  EXPECT_EQ(db::exec1(tx, kPlusOne, 41)[0].as<int>(), 42);
}

TEST_F(StatementTest, RowCountsAreChecked) {
  pqxx::connection c{uri()};
  pqxx::work tx(c);
  EXPECT_THROW(db::exec1(tx, kNoRows, 1), pqxx::unexpected_rows);
}

TEST_F(StatementTest, OneNameWithTwoTextsIsRefused) {
  pqxx::connection c{uri()};
  pqxx::work tx(c);
  db::exec1(tx, kPlusOne, 1);
  constexpr db::Statement kClash{"test_statement_plus_one", "SELECT $1::int + 2"};
  EXPECT_THROW(db::exec1(tx, kClash, 1), pqxx::argument_error);
}

// Names are global per connection: two statements of one name would make the second one's
// prepare() throw (see above) on any connection that runs both.
TEST(StatementNames, AreUniqueAcrossTheServer) {
  const std::regex definition(R"re(db::Statement\s+(\w+)\s*\{\s*"([^"]+)")re");
  std::map<std::string, std::string> seen;  // name -> where
  int count = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::filesystem::path(CELLJOURNEY_SOURCE_DIR) / "server")) {
    if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator it(source.begin(), source.end(), definition), end; it != end; ++it) {
      const std::string name = (*it)[2].str();
      const std::string where = entry.path().filename().string() + " " + (*it)[1].str();
      const auto [at, inserted] = seen.emplace(name, where);
      EXPECT_TRUE(inserted) << "statement name " << name << " in " << where << " and " << at->second;
      ++count;
    }
  }
  EXPECT_GT(count, 50) << "the pattern no longer finds the server's statements";
}

}  // namespace
}  // namespace cj::testing
