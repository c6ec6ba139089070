// The database options every command shares (--database, --data-dir), and opening the database
// they name: a PostgreSQL server given by URL, or the private cluster in a data directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <boost/program_options/options_description.hpp>

namespace cj::cli {

struct DatabaseChoice {
  std::string url;                                  // empty: use the private cluster
  std::filesystem::path data_dir = "var/postgres";  // the private cluster's directory
};

/// Adds --database and --data-dir to options, writing into choice.
void add_database_options(boost::program_options::options_description& options, DatabaseChoice& choice);

/// An open database: its connection URI, and the private cluster behind it (if any), which
/// stops when this object is destroyed.
class OpenDatabase {
 public:
  virtual ~OpenDatabase() = default;
  virtual const std::string& uri() const = 0;
  virtual std::string describe() const = 0;  // for the start-up banner
  /// From now on until destroyed, starts the private cluster again whenever it dies
  /// (storage/cluster_supervisor.h); nothing for a database given by URL.
  virtual void supervise() {}
};

/// Starts the private cluster (initdb on first use) or checks the URL is usable.
/// On failure returns null and writes a message a person can act on into error.
std::unique_ptr<OpenDatabase> open_database(const DatabaseChoice& choice, std::string& error);

}  // namespace cj::cli
