#include "server/cli/admin_transaction.h"

#include <iostream>

#include <pqxx/pqxx>

#include "base/failure.h"
#include "server/storage/migrations.h"

namespace cj::cli {

int run_admin_transaction(const std::string& who, const DatabaseChoice& choice,
                          const std::function<void(pqxx::work&)>& change) {
  std::string error;
  auto database = open_database(choice, error);
  if (!database) {
    std::cerr << who << error << "\n";
    return 1;
  }
  if (auto migrated = storage::migrate(database->uri()); !migrated.ok()) {
    std::cerr << who << migrated.error().message() << "\n";
    return 1;
  }
  try {
    pqxx::connection conn(database->uri());
    pqxx::work tx(conn);
    change(tx);
    tx.commit();
    return 0;
  } catch (const base::Failure& e) {
    std::cerr << who << e.what() << "\n";
  } catch (const pqxx::broken_connection& e) {
    std::cerr << who << "cannot reach the database: " << e.what() << "\n";
  } catch (const pqxx::sql_error& e) {
    std::cerr << who << "the database refused the change: " << e.what() << "\n";
  }
  return 1;
}

}  // namespace cj::cli
