#include "server/cli/serve_startup.h"

#include <pqxx/pqxx>

#include "server/board/projection.h"
#include "server/demo/demo.h"
#include "server/storage/migrations.h"

namespace cj::cli {

namespace {

// Whether this start seeds the demo: only with --demo, and only into an empty database. Never by
// default: demo people with a published password on a real installation would be a way in.
bool seeds_demo(const ServeOptions& opts, const std::string& uri) {
  if (!opts.demo) return false;
  if (!demo::database_is_empty(uri)) return false;
  demo::bootstrap(uri, std::filesystem::absolute(opts.database.data_dir).parent_path() / "demo-labels");
  return true;
}

}  // namespace

std::optional<Prepared> prepare(const ServeOptions& opts, std::string& error) {
  Prepared prepared;
  if (!opts.centre_key_file.empty()) {
    prepared.centre_key = passport::read_key_file(opts.centre_key_file, &error);
    if (!prepared.centre_key) return std::nullopt;
  }
  prepared.database = open_database(opts.database, error);
  if (!prepared.database) return std::nullopt;
  const std::string& uri = prepared.database->uri();
  auto migrated = storage::migrate(uri);
  if (!migrated.ok()) {
    error = migrated.error().message();
    return std::nullopt;
  }
  try {  // journeys from before the board's migration (0006) get their rows from their journals
    pqxx::connection conn(uri);
    board::fill_missing(conn);
  } catch (const std::exception& e) {
    error = std::string("computing the board's rows: ") + e.what();
    return std::nullopt;
  }
  try {
    prepared.seed_demo = seeds_demo(opts, uri);
    prepared.demo_present = prepared.seed_demo || (opts.demo && demo::has_demo_site(uri));
  } catch (const std::exception& e) {
    error = std::string("preparing the demo: ") + e.what();
    return std::nullopt;
  }
  return prepared;
}

}  // namespace cj::cli
