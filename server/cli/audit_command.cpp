#include "server/cli/audit_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>
#include <pqxx/pqxx>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "server/audit/admin_log.h"
#include "server/audit/checkpoints.h"
#include "server/audit/verify_audit_trail.h"
#include "server/cli/command_line.h"
#include "server/cli/database_options.h"
#include "server/passport/passport_store.h"
#include "server/passport/signing_key.h"
#include "server/storage/migrations.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage =
    R"(usage: celljourney audit verify [--database URL | --data-dir DIR] [--json] [--checkpoint FILE]...
                              [--centre-key-file FILE]
       celljourney audit checkpoint [--database URL | --data-dir DIR] (--centre-key-file FILE | --latest)

  verify      recompute every journey's event and fact chains, the administration chain and the
              signed checkpoints (those stored, and each exported FILE given, which must still be
              stored as exported); exit 0 when everything is intact, 1 when something is broken.
              Checkpoints must be signed by the key of --centre-key-file or, without it, by the
              centre's registered key (`celljourney centre key init`).
  checkpoint  sign every chain head now with the centre key and print the checkpoint (JSON) to
              keep apart from the database; --latest prints the newest stored one instead
)";

std::optional<audit::Checkpoint> read_checkpoint_file(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read " + path;
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  boost::json::error_code ec;
  const boost::json::value value = boost::json::parse(text.str(), ec);
  if (ec) {
    error = path + " is not JSON: " + ec.message();
    return std::nullopt;
  }
  auto checkpoint = audit::checkpoint_from_json(value, &error);
  if (!checkpoint) error = path + ": " + error;
  return checkpoint;
}

struct AuditArgs {
  DatabaseChoice choice;
  bool as_json = false;
  bool latest = false;
  std::vector<std::string> checkpoint_files;
  std::string key_file;
};

int run_verify(pqxx::connection& conn, const AuditArgs& a) {
  audit::AuditVerifyOptions options;
  std::string error;
  for (const auto& file : a.checkpoint_files) {
    auto checkpoint = read_checkpoint_file(file, error);
    if (!checkpoint) {
      std::cerr << "celljourney audit verify: " << error << "\n";
      return 1;
    }
    options.exported.push_back(std::move(*checkpoint));
  }
  if (!a.key_file.empty()) {
    auto key = passport::read_key_file(a.key_file, &error);
    if (!key) {
      std::cerr << "celljourney audit verify: " << error << "\n";
      return 1;
    }
    options.trust.public_keys.push_back(key->public_key());
  } else {
    pqxx::read_transaction tx(conn);
    if (auto identity = passport::centre_identity(tx)) {
      if (auto key = passport::from_base64(identity->public_key)) options.trust.public_keys.push_back(*key);
    }
  }
  const journal::VerifyReport report = audit::verify_audit_trail(conn, options);
  if (a.as_json) {
    std::cout << boost::json::serialize(journal::to_json(report)) << "\n";
  } else {
    journal::print_verify_report(report, std::cout);
  }
  return report.intact() ? 0 : 1;
}

int run_checkpoint(pqxx::connection& conn, const AuditArgs& a) {
  if (a.latest) {
    pqxx::read_transaction tx(conn);
    const auto c = audit::latest_checkpoint(tx);
    if (!c) {
      std::cerr << "celljourney audit checkpoint: no checkpoint has been taken yet\n";
      return 1;
    }
    std::cout << boost::json::serialize(audit::to_json(*c)) << "\n";
    return 0;
  }
  std::string error;
  auto key = passport::read_key_file(a.key_file, &error);
  if (!key) {
    std::cerr << "celljourney audit checkpoint: " << error << "\n";
    return 1;
  }
  const audit::CheckpointSigner signer{key->public_key(),
                                       [&key](std::string_view message) { return key->sign(message); }};
  const audit::Checkpoint c = audit::take_checkpoint(conn, signer, audit::cli_actor());
  pqxx::work tx(conn);
  audit::log_action(tx, audit::cli_actor(), "audit.checkpoint", "checkpoint " + std::to_string(c.id));
  tx.commit();
  std::cout << boost::json::serialize(audit::to_json(c)) << "\n";
  return 0;
}

}  // namespace

int run_audit_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.empty() || (args[0] != "verify" && args[0] != "checkpoint")) {
    std::cerr << kUsage;
    return 2;
  }
  const bool verify = args[0] == "verify";
  AuditArgs a;
  po::options_description desc("celljourney audit options");
  desc.add_options()("centre-key-file", po::value(&a.key_file), "the centre's key file (Ed25519)");
  if (verify) {
    desc.add_options()("json", po::bool_switch(&a.as_json), "print the report as JSON")(
        "checkpoint", po::value(&a.checkpoint_files)->composing(), "an exported checkpoint to check (repeatable)");
  } else {
    desc.add_options()("latest", po::bool_switch(&a.latest), "print the newest stored checkpoint");
  }
  add_database_options(desc, a.choice);
  po::variables_map vm;
  if (auto done = parse_command_line("audit " + args[0], kUsage, {args.begin() + 1, args.end()}, desc, vm))
    return *done;
  if (!verify && !a.latest && a.key_file.empty()) {
    std::cerr << "celljourney audit checkpoint: give --centre-key-file (to take one) or --latest\n";
    return 2;
  }
  // The report is stdout's (and --json must parse): log lines (cluster start, migrations) go
  // to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("audit"));
  std::string error;
  auto database = open_database(a.choice, error);
  if (!database) {
    std::cerr << "celljourney audit: " << error << "\n";
    return 1;
  }
  if (auto migrated = storage::migrate(database->uri()); !migrated.ok()) {
    std::cerr << "celljourney audit: " << migrated.error().message() << "\n";
    return 1;
  }
  try {
    pqxx::connection conn(database->uri());
    return verify ? run_verify(conn, a) : run_checkpoint(conn, a);
  } catch (const std::exception& e) {
    std::cerr << "celljourney audit " << args[0] << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace cj::cli
