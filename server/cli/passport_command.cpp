#include "server/cli/passport_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <pqxx/pqxx>

#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/cli/admin_transaction.h"
#include "server/cli/command_line.h"
#include "server/passport/passport_store.h"

namespace cj::cli {

namespace po = boost::program_options;

namespace {

constexpr int kDone = 0, kFailed = 1, kUsage = 2;

constexpr const char* kCentreUsage = R"(usage: celljourney centre key init --name NAME --key-file FILE
       celljourney centre key show
       celljourney centre trust add --name NAME (--public-key BASE64 | --file FILE)
       celljourney centre trust revoke --name NAME

  key init      create this centre's Ed25519 signing key: the secret goes to FILE (created with
                mode 0600, never overwritten), the public key into the database and on screen
  key show      print this centre's name, public key and fingerprint (to give to other centres)
  trust add     accept passports signed by another centre's key (BASE64, or a file holding it)
  trust revoke  stop accepting them (earlier imports keep their origin)

)";

constexpr const char* kPassportUsage = R"(usage: celljourney passport export USERNAME --key-file FILE -o OUT
       celljourney passport import FILE --user LOCALUSER

  export  sign USERNAME's current qualifications with this centre's key into OUT (valid 90 days)
  import  verify a passport from a trusted centre and record its qualifications for LOCALUSER;
          refused with a code: MALFORMED, TAMPERED, UNTRUSTED_CENTRE, CENTRE_REVOKED,
          NOT_YET_VALID, EXPIRED, PERSON_MISMATCH, ALREADY_IMPORTED

)";

int usage_error(const char* usage) {
  std::cerr << usage;
  return kUsage;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

int key_init(const std::vector<std::string>& args) {
  std::string name, key_file;
  DatabaseChoice choice;
  po::options_description desc("celljourney centre key init options");
  desc.add_options()("name", po::value(&name)->required(), "this centre's name as other centres will see it")(
      "key-file", po::value(&key_file)->required(), "where to create the secret key (mode 0600)");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("centre key init", kCentreUsage, args, desc, vm)) return *done;
  const auto key = passport::SigningKey::generate();
  passport::CentreIdentity identity;
  const int rc = run_admin_transaction("celljourney centre key init: ", choice, [&](pqxx::work& tx) {
    identity = passport::init_centre(tx, name, key, audit::cli_actor());
    // Written inside the transaction: when the file cannot be made, nothing is recorded.
    if (auto problem = passport::write_key_file(key_file, key); !problem.empty()) {
      throw base::Failure::bad_request(problem, "key-file");
    }
  });
  if (rc == kDone) {
    std::cout << "Centre " << identity.name << ": signing key created in " << key_file << " (keep it secret).\n"
              << "Public key (give it to the centres that will trust you): " << identity.public_key << "\n"
              << "Fingerprint (compare it by telephone or letter): " << identity.fingerprint << "\n";
  }
  return rc;
}

int key_show(const std::vector<std::string>& args) {
  DatabaseChoice choice;
  po::options_description desc("celljourney centre key show options");
  add_database_options(desc, choice);
  po::variables_map vm;
  if (auto done = parse_command_line("centre key show", kCentreUsage, args, desc, vm)) return *done;
  std::optional<passport::CentreIdentity> identity;
  const int rc = run_admin_transaction("celljourney centre key show: ", choice,
                                       [&](pqxx::work& tx) { identity = passport::centre_identity(tx); });
  if (rc != kDone) return rc;
  if (!identity) {
    std::cerr << "celljourney centre key show: no signing key yet; run `celljourney centre key init`\n";
    return kFailed;
  }
  std::cout << "Centre " << identity->name << "\nPublic key: " << identity->public_key
            << "\nFingerprint: " << identity->fingerprint << "\n";
  return kDone;
}

int trust(const std::vector<std::string>& args, bool add) {
  std::string name, public_key, file;
  DatabaseChoice choice;
  po::options_description desc(add ? "celljourney centre trust add options"
                                   : "celljourney centre trust revoke options");
  desc.add_options()("name", po::value(&name)->required(), "the other centre's name");
  if (add) {
    desc.add_options()("public-key", po::value(&public_key), "its public key, base64")("file", po::value(&file),
                                                                                       "a file holding its public key");
  }
  add_database_options(desc, choice);
  po::variables_map vm;
  const std::string command = add ? "centre trust add" : "centre trust revoke";
  if (auto done = parse_command_line(command, kCentreUsage, args, desc, vm)) return *done;
  if (add && (vm.count("public-key") == vm.count("file"))) {
    std::cerr << "celljourney centre trust add: give exactly one of --public-key and --file\n\n" << kCentreUsage;
    return kUsage;
  }
  if (add && vm.count("file")) {
    auto text = read_file(file);
    if (!text) {
      std::cerr << "celljourney centre trust add: cannot read " << file << "\n";
      return kFailed;
    }
    public_key = trimmed(*text);
  }
  passport::CentreIdentity centre;
  const int rc = run_admin_transaction("celljourney " + command + ": ", choice, [&](pqxx::work& tx) {
    if (add) {
      centre = passport::trust_centre(tx, name, public_key, audit::cli_actor());
    } else {
      passport::revoke_centre(tx, name, audit::cli_actor());
    }
  });
  if (rc == kDone && add) {
    std::cout << "Centre " << name << " trusted; key fingerprint " << centre.fingerprint << ".\n";
  } else if (rc == kDone) {
    std::cout << "Centre " << name << " no longer trusted.\n";
  }
  return rc;
}

int passport_export(const std::vector<std::string>& args) {
  std::string username, key_file, out;
  DatabaseChoice choice;
  po::options_description desc("celljourney passport export options");
  desc.add_options()("username", po::value(&username)->required(), "whose passport (also the first argument)")(
      "key-file", po::value(&key_file)->required(), "this centre's secret key file")(
      "output,o", po::value(&out)->required(), "the passport file to write");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("username", 1);
  po::variables_map vm;
  if (auto done = parse_command_line("passport export", kPassportUsage, args, desc, vm, &positional)) return *done;
  std::string error;
  auto key = passport::read_key_file(key_file, &error);
  if (!key) {
    std::cerr << "celljourney passport export: " << error << "\n";
    return kFailed;
  }
  boost::json::object document;
  const int rc = run_admin_transaction("celljourney passport export: ", choice, [&](pqxx::work& tx) {
    document = passport::export_passport(tx, username, *key, audit::cli_actor());
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << boost::json::serialize(document) << "\n";
    // Not committed (and not logged as exported) unless the file was written.
    if (!file.flush()) throw base::Failure::bad_request("cannot write " + out, "output");
  });
  if (rc == kDone) {
    std::cout << "Passport " << document.at("passport_id").as_string().c_str() << " of " << username << " with "
              << document.at("qualifications").as_array().size() << " qualification(s), valid until "
              << document.at("expires_at").as_string().c_str() << ", written to " << out << ".\n";
  }
  return rc;
}

int passport_import(const std::vector<std::string>& args) {
  std::string file, user;
  DatabaseChoice choice;
  po::options_description desc("celljourney passport import options");
  desc.add_options()("file", po::value(&file)->required(), "the passport file (also the first argument)")(
      "user", po::value(&user)->required(), "the person here whose passport it is (their username)");
  add_database_options(desc, choice);
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (auto done = parse_command_line("passport import", kPassportUsage, args, desc, vm, &positional)) return *done;
  auto text = read_file(file);
  if (!text) {
    std::cerr << "celljourney passport import: cannot read " << file << "\n";
    return kFailed;
  }
  passport::ImportOutcome outcome;
  const int rc = run_admin_transaction("celljourney passport import: ", choice, [&](pqxx::work& tx) {
    outcome = passport::import_passport(tx, *text, user, audit::cli_actor());
  });
  if (rc != kDone) return rc;
  if (outcome.refusal) {
    std::cerr << "celljourney passport import: refused " << outcome.refusal->code << ": " << outcome.refusal->message
              << "\n";
    return kFailed;
  }
  if (outcome.already_imported) {
    std::cout << "Passport " << outcome.passport_id << " was imported for " << user << " already; nothing changed.\n";
    return kDone;
  }
  std::cout << "Passport " << outcome.passport_id << " from " << outcome.centre << " accepted for " << user << ".\n";
  for (const auto& q : outcome.imported) std::cout << "  imported " << q << "\n";
  for (const auto& q : outcome.skipped) std::cout << "  not imported " << q << "\n";
  return kDone;
}

}  // namespace

int run_centre_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kCentreUsage;
    return kDone;
  }
  if (args.size() < 2) return usage_error(kCentreUsage);
  const std::vector<std::string> rest(args.begin() + 2, args.end());
  if (args[0] == "key" && args[1] == "init") return key_init(rest);
  if (args[0] == "key" && args[1] == "show") return key_show(rest);
  if (args[0] == "trust" && args[1] == "add") return trust(rest, true);
  if (args[0] == "trust" && args[1] == "revoke") return trust(rest, false);
  return usage_error(kCentreUsage);
}

int run_passport_command(const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kPassportUsage;
    return kDone;
  }
  if (args.empty()) return usage_error(kPassportUsage);
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "export") return passport_export(rest);
  if (args[0] == "import") return passport_import(rest);
  return usage_error(kPassportUsage);
}

}  // namespace cj::cli
