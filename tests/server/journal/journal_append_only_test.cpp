// The audit tables are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE to everybody,
// and the application role celljourney_app has no UPDATE or DELETE on them at all.
#include <gtest/gtest.h>

#include "server/journal/verify_chains.h"
#include "tests/server/journal/journal_test_world.h"

namespace cj::testing {
namespace {

// Runs sql in a transaction of its own (as whoever conn is); returns the error text, or "" when
// it succeeded (then it is committed).
std::string try_sql(pqxx::connection_base& conn, const std::string& sql, const std::string& role = "") {
  try {
    pqxx::work tx(conn);
    if (!role.empty()) tx.exec("SET LOCAL ROLE " + tx.quote_name(role));
    tx.exec(sql);
    tx.commit();
    return "";
  } catch (const pqxx::sql_error& e) {
    return e.what();
  }
}

// A column an UPDATE may name (identity columns may not be set at all).
std::string a_column(const std::string& table) {
  if (table == "events") return "step";
  if (table == "deviation_events") return "note";
  if (table == "signatures") return "reason";
  if (table == "admin_log") return "actor";
  return "celsius";
}

class AppendOnlyTest : public JournalTest {
 protected:
  void SetUp() override {
    JournalTest::SetUp();
    journey_ = new_journey();
    auto event = accepted_event(journey_, "order");
    event.decision.deviations = {deviation(workflows::Code::WindowExceeded, "late", "kymriah/late")};
    append(event);
    pqxx::work tx(conn_);
    tx.exec_params(
        "INSERT INTO signatures (user_id, signer_name, meaning, reason, signed_hash)"
        " VALUES ($1, 'Cora Coordinator', 'review', 'checked', decode(repeat('ab', 32), 'hex'))",
        user_id_);
    tx.exec_params(
        "INSERT INTO temperature_readings (journey_id, logger_serial, taken_at, celsius, source)"
        " VALUES ($1, 'LOG-1', now(), -150.5, 'logger_file')",
        journey_.id);
    tx.commit();
  }
  journal::CreatedJourney journey_;
};

TEST_F(AppendOnlyTest, TheTriggerRefusesUpdateAndDeleteOfEventsEvenForTheSuperuser) {
  const std::string update = try_sql(conn_, "UPDATE events SET step = 'product.thaw'");
  EXPECT_NE(update.find("table events is append-only: UPDATE refused"), std::string::npos) << update;
  const std::string remove = try_sql(conn_, "DELETE FROM events");
  EXPECT_NE(remove.find("table events is append-only: DELETE refused"), std::string::npos) << remove;
  const std::string truncate = try_sql(conn_, "TRUNCATE events CASCADE");
  EXPECT_NE(truncate.find("append-only"), std::string::npos) << truncate;
  EXPECT_EQ(query_text(conn_, "SELECT count(*) || ' ' || min(step) FROM events"), "1 order");
}

TEST_F(AppendOnlyTest, TheTriggerGuardsDeviationEventsSignaturesAndTemperatureReadings) {
  for (const std::string table : {"deviation_events", "signatures", "temperature_readings"}) {
    const std::string update = "UPDATE " + table + " SET " + a_column(table) + " = " + a_column(table);
    EXPECT_NE(try_sql(conn_, update).find("append-only"), std::string::npos) << table;
    EXPECT_NE(try_sql(conn_, "DELETE FROM " + table).find("append-only"), std::string::npos) << table;
    EXPECT_NE(try_sql(conn_, "TRUNCATE " + table + " CASCADE").find("append-only"), std::string::npos) << table;
    EXPECT_EQ(query_text(conn_, "SELECT count(*) FROM " + table), "1") << table;
  }
}

TEST_F(AppendOnlyTest, TheApplicationRoleHasNoUpdateOrDeleteOnTheAuditTables) {
  for (const std::string table : {"events", "deviation_events", "signatures", "temperature_readings", "admin_log"}) {
    const std::string update =
        try_sql(conn_, "UPDATE " + table + " SET " + a_column(table) + " = " + a_column(table), "celljourney_app");
    EXPECT_NE(update.find("permission denied for table " + table), std::string::npos) << update;
    const std::string remove = try_sql(conn_, "DELETE FROM " + table, "celljourney_app");
    EXPECT_NE(remove.find("permission denied for table " + table), std::string::npos) << remove;
    const std::string truncate = try_sql(conn_, "TRUNCATE " + table, "celljourney_app");
    EXPECT_NE(truncate.find("permission denied for table " + table), std::string::npos) << truncate;
  }
  // Nor on the other tables: no hard deletes of journeys, units, patients, deviations.
  for (const std::string table : {"journeys", "units", "patients", "deviations"}) {
    const std::string remove = try_sql(conn_, "DELETE FROM " + table, "celljourney_app");
    EXPECT_NE(remove.find("permission denied for table " + table), std::string::npos) << remove;
  }
}

TEST_F(AppendOnlyTest, TheApplicationRoleCanDoTheJournalsWholeWork) {
  pqxx::connection app(uri());
  app.set_variable("ROLE", "celljourney_app");  // the rights celljourney_server, the server, holds
  EXPECT_EQ(query_text(app, "SELECT current_user"), "celljourney_app");
  journal::CreatedJourney journey;
  {
    pqxx::work tx(app);
    auto patient_id = journal::create_patient(tx, patient_of(site_id_, "MRN777", "ZZ"));
    ASSERT_TRUE(patient_id.ok()) << patient_id.error().to_string();
    auto created = journal::create_journey(tx, site_id_, *patient_id, "kymriah", user_id_);
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    journey = *created;
    journal::NewUnit bag;
    bag.journey_id = journey.id;
    bag.kind = "bag";
    bag.din = "A999926123456";
    ASSERT_TRUE(journal::register_unit(tx, bag).ok());
    tx.commit();
  }
  auto event = accepted_event(journey, "order");
  event.decision.deviations = {deviation(workflows::Code::WindowExceeded, "late", "kymriah/late")};
  EXPECT_EQ(append_on(app, event).seq, 1);
  EXPECT_EQ(append_on(app, accepted_event(journey, "apheresis.collect", 1)).seq, 2);
  EXPECT_TRUE(journal::verify_chains(app).intact());
}

}  // namespace
}  // namespace cj::testing
