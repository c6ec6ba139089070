// Two centres for the staff passport tests: "North Centre" issues passports, the other trusts
// its key. Each centre is its own celljourney database, driven through the real `celljourney`
// commands (centre key init, centre trust add, qualification add, passport export/import).
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/passport/signing_key.h"
#include "tests/support/command_input.h"
#include "tests/support/server_process.h"
#include "tests/support/database_fixture.h"

namespace cj::testing {

/// `celljourney args... --database uri`.
inline CommandResult run_at(const std::string& uri, std::vector<std::string> args) {
  args.insert(args.end(), {"--database", uri});
  return run_celljourney(args);
}

/// The first column of the first row of statement on the database at uri ("" for none or NULL).
inline std::string query_one(const std::string& uri, const std::string& statement) {
  pqxx::connection conn(uri);
  pqxx::read_transaction tx(conn);
  auto r = tx.exec(statement);
  return r.empty() || r[0][0].is_null() ? "" : r[0][0].as<std::string>();
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

/// The issuing centre: a site, a person with her training, and the centre's key in dir.
class IssuingCentre {
 public:
  /// person: username at North; name: her display name (as the importing centre knows her too).
  IssuingCentre(const std::filesystem::path& dir, const std::string& person, const std::string& name)
      : key_file_(dir / "north.key"), person_(person) {
    EXPECT_TRUE(db_.ok());
    expect_ok({"site", "add", "--code", "north", "--name", "North Centre", "--fin", "N0001"});
    expect_done(run_celljourney_with_input({"user", "add", person, "--name", name, "--role", "cell_lab@north",
                                            "--password-stdin", "--database", db_.uri()},
                                           "long enough password\n"));
    auto init = run({"centre", "key", "init", "--name", "North Centre", "--key-file", key_file_.string()});
    expect_done(init);
    const auto at = init.output.find("Public key");
    const auto from = init.output.find("): ", at) + 3;
    public_key_ = init.output.substr(from, init.output.find('\n', from) - from);
  }

  CommandResult run(std::vector<std::string> args) const { return run_at(db_.uri(), std::move(args)); }
  void expect_ok(const std::vector<std::string>& args) const { expect_done(run(args)); }
  static void expect_done(const CommandResult& r) { EXPECT_EQ(r.exit_code, 0) << r.output; }

  /// Records training for the person.
  void train(const std::string& qualification, const std::string& from, const std::string& until = "") const {
    std::vector<std::string> args{"qualification", "add", person_, qualification, "--from", from};
    if (!until.empty()) args.insert(args.end(), {"--until", until});
    expect_ok(args);
  }
  /// Exports the person's passport to out.
  CommandResult export_to(const std::filesystem::path& out) const {
    return run({"passport", "export", person_, "--key-file", key_file_.string(), "-o", out.string()});
  }
  passport::SigningKey key() const {
    std::string error;
    auto key = passport::read_key_file(key_file_, &error);
    EXPECT_TRUE(key) << error;
    return *key;
  }
  const std::string& public_key() const { return public_key_; }
  const std::string& uri() const { return db_.uri(); }
  const std::filesystem::path& key_file() const { return key_file_; }

 private:
  FreshDatabase db_;
  std::filesystem::path key_file_;
  std::string person_;
  std::string public_key_;
};

}  // namespace cj::testing
