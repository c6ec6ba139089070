// Helpers for the journal tests (tests/storage/journal_*_test.cpp): a fresh migrated database
// with a site (FIN A9999), a user and a patient, and short ways to open journeys and append
// events. Header-only: the integration test glob takes *_test.cpp from this folder.
#pragma once

#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "server/journal/append_event.h"
#include "server/journal/journeys.h"
#include "server/journal/patients.h"
#include "tests/support/database_fixture.h"
#include "workflows/codes.h"

namespace cj::testing {

inline std::int64_t add_site(pqxx::transaction_base& tx, const std::string& code, const std::string& fin) {
  return tx
      .exec_params1("INSERT INTO sites (code, name, fin) VALUES ($1, $2, $3) RETURNING id", code, "Site " + code,
                    fin)[0]
      .as<std::int64_t>();
}

inline std::int64_t add_user(pqxx::transaction_base& tx, const std::string& username) {
  return tx
      .exec_params1(
          "INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, 'not-a-hash') RETURNING id",
          username, "User " + username)[0]
      .as<std::int64_t>();
}

inline std::string query_text(pqxx::connection_base& conn, const std::string& sql) {
  pqxx::read_transaction tx(conn);
  const auto row = tx.exec1(sql);
  return row[0].is_null() ? std::string("NULL") : row[0].as<std::string>();
}

inline journal::Patient patient_of(std::int64_t site_id, const std::string& mrn, const std::string& initials) {
  return journal::Patient{0, site_id, mrn, initials, std::nullopt, std::nullopt};
}

/// A database with one site, one user and one patient (MRN12345, the wristband of the
/// workflows' test contexts).
class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_.ok());
    pqxx::work tx(conn_);
    site_id_ = add_site(tx, "city-hospital", "A9999");
    user_id_ = add_user(tx, "cora");
    auto created = journal::create_patient(tx, patient_of(site_id_, "MRN12345", "JD"));
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    patient_id_ = *created;
    tx.commit();
  }

  const std::string& uri() const { return db_.uri(); }

  /// A new journey, committed.
  journal::CreatedJourney new_journey() {
    pqxx::work tx(conn_);
    auto journey = journal::create_journey(tx, site_id_, patient_id_, "kymriah", user_id_);
    EXPECT_TRUE(journey.ok()) << journey.error().to_string();
    tx.commit();
    return journey.ok() ? *journey : journal::CreatedJourney{};
  }

  /// An accepted event at 2026-10-01 09:00 + minute minutes, without deviations.
  static journal::NewEvent accepted_event(const journal::CreatedJourney& journey, const std::string& step,
                                          int minute = 0) {
    journal::NewEvent e;
    e.journey_id = journey.id;
    e.event.journey = journey.coi;
    e.event.step = step;
    e.event.occurred_at = workflows::TimePoint(std::chrono::sys_days(std::chrono::year(2026) / 10 / 1)) +
                          std::chrono::hours(9) + std::chrono::minutes(minute);
    e.event.station = "ST-1";
    e.event.operators = {"cora"};
    e.event.data = {{"order_reference", "PO-1"}, {"temperature_c", -152.0}};
    return e;
  }

  static workflows::Finding deviation(workflows::Code code, std::string message, std::string rule) {
    return {code, workflows::code_info(code).severity, std::move(message), std::move(rule)};
  }

  /// Appends in a transaction of its own and commits.
  journal::AppendedEvent append(const journal::NewEvent& event) { return append_on(conn_, event); }

  static journal::AppendedEvent append_on(pqxx::connection_base& conn, const journal::NewEvent& event) {
    pqxx::work tx(conn);
    auto appended = journal::append_event(tx, event);
    EXPECT_TRUE(appended.ok()) << appended.error().to_string();
    tx.commit();
    return appended.ok() ? *appended : journal::AppendedEvent{};
  }

  FreshDatabase db_;
  pqxx::connection conn_{db_.uri()};
  std::int64_t site_id_ = 0;
  std::int64_t user_id_ = 0;
  std::int64_t patient_id_ = 0;
};

}  // namespace cj::testing
