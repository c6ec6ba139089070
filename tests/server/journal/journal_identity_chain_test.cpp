// What `celljourney audit verify` names when someone with database access (a superuser, who can
// switch the append-only triggers off) changes what identity and custody rest on: a patient's
// MRN, a journey's patient or product, a unit's DIN, a deviation's state, the administration log,
// or deletes a journey or a chain's tail together with its head (caught by signed checkpoints).
#include <fstream>

#include <gtest/gtest.h>

#include "server/audit/admin_log.h"
#include "server/deviations/deviation_store.h"
#include "server/journal/hash.h"
#include "server/passport/signing_key.h"
#include "tests/server/journal/journal_test_world.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace cj::testing {
namespace {

class IdentityChainTest : public JournalTest {
 protected:
  CommandResult verify(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"audit", "verify", "--database", uri()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_celljourney(args);
  }

  // As a superuser who turns the guards off for one statement.
  void tamper(const std::string& table, const std::string& sql) {
    pqxx::work tx(conn_);
    tx.exec("ALTER TABLE " + table + " DISABLE TRIGGER USER");
    tx.exec(sql);
    tx.exec("ALTER TABLE " + table + " ENABLE TRIGGER USER");
    tx.commit();
  }

  std::int64_t register_bag(const journal::CreatedJourney& journey, const std::string& din) {
    pqxx::work tx(conn_);
    journal::NewUnit unit;
    unit.journey_id = journey.id;
    unit.kind = "apheresis_bag";
    unit.din = din;
    auto id = journal::register_unit(tx, unit);
    EXPECT_TRUE(id.ok()) << id.error().to_string();
    tx.commit();
    return id.ok() ? *id : 0;
  }

  // A key file and the checkpoint `audit checkpoint` prints (its JSON line).
  std::string take_checkpoint() {
    const auto run = run_celljourney({"audit", "checkpoint", "--database", uri(), "--centre-key-file", key_file()});
    EXPECT_EQ(run.exit_code, 0) << run.output;
    const auto at = run.output.find("{\"");
    return at == std::string::npos ? std::string() : run.output.substr(at, run.output.find('\n', at) - at);
  }

  std::string key_file() {
    const auto path = dir_.path() / "centre.key";
    if (!std::filesystem::exists(path)) {
      EXPECT_EQ(passport::write_key_file(path, passport::SigningKey::generate()), "");
    }
    return path.string();
  }

  // Entries 1-3 of the administration chain: bob deactivated, eve's role granted and revoked.
  void log_three_admin_entries() {
    pqxx::work tx(conn_);
    audit::log_action(tx, "ada", "user.deactivate", "user bob");
    audit::log_action(tx, "ada", "role.grant", "user eve");
    audit::log_action(tx, "ada", "role.revoke", "user eve");
    tx.commit();
  }

  TempDir dir_;
};

bool has(const CommandResult& run, const std::string& text) { return run.output.find(text) != std::string::npos; }

TEST_F(IdentityChainTest, AnUntouchedJournalWithUnitsDeviationsAndAdminEntriesVerifies) {
  const auto journey = new_journey();
  register_bag(journey, "A999926123456");
  auto event = accepted_event(journey, "order");
  event.decision.deviations = {deviation(workflows::Code::WindowExceeded, "late", "kymriah/late")};
  const auto appended = append(event);
  {
    pqxx::work tx(conn_);
    deviations::acknowledge(tx, appended.deviation_ids.at(0), user_id_, user_id_, std::string("seen"));
    audit::log_action(tx, "cora", "user.create", "user ann");
    tx.commit();
  }
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(has(run, "1 journey, 1 event, 4 facts, 1 administration entry")) << run.output;
}

TEST_F(IdentityChainTest, ChangingAPatientsMrnNamesTheJourneyWithoutShowingTheMrn) {
  const auto journey = new_journey();
  tamper("patients", "UPDATE patients SET mrn = 'MRN99999' WHERE id = " + std::to_string(patient_id_));
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "journey " + journey.coi)) << run.output;
  EXPECT_TRUE(has(run, "fact seq 1")) << run.output;
  EXPECT_TRUE(has(run, "the patient's MRN differs")) << run.output;
  EXPECT_FALSE(has(run, "MRN99999")) << run.output;
  EXPECT_FALSE(has(run, "MRN12345")) << run.output;
}

TEST_F(IdentityChainTest, SwappingAJourneysPatientIsNamed) {
  const auto journey = new_journey();
  std::int64_t other = 0;
  {
    pqxx::work tx(conn_);
    other = *journal::create_patient(tx, patient_of(site_id_, "MRN777", "XY"));
    tx.commit();
  }
  tamper("journeys",
         "UPDATE journeys SET patient_id = " + std::to_string(other) + " WHERE id = " + std::to_string(journey.id));
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "journey " + journey.coi)) << run.output;
  EXPECT_TRUE(has(run, "the journey's patient was swapped")) << run.output;
}

TEST_F(IdentityChainTest, ChangingAJourneysProductIsNamed) {
  const auto journey = new_journey();
  tamper("journeys", "UPDATE journeys SET product = 'yescarta' WHERE id = " + std::to_string(journey.id));
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "the journey's product was changed")) << run.output;
  EXPECT_TRUE(has(run, "\"yescarta\"")) << run.output;
}

TEST_F(IdentityChainTest, ChangingAUnitsDinIsNamed) {
  const auto journey = new_journey();
  const auto unit = register_bag(journey, "A999926123456");
  tamper("units", "UPDATE units SET din = 'A999926654321' WHERE id = " + std::to_string(unit));
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "a registered unit's din was changed")) << run.output;
  EXPECT_TRUE(has(run, "unit " + std::to_string(unit))) << run.output;
}

TEST_F(IdentityChainTest, AUnitInsertedBehindTheServersBackIsNamed) {
  const auto journey = new_journey();
  tamper("units", "INSERT INTO units (journey_id, kind, external_id) VALUES (" + std::to_string(journey.id) +
                      ", 'shipper', 'SHIP-9')");
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "is not in the fact chain")) << run.output;
}

TEST_F(IdentityChainTest, ClosingADeviationBehindTheServersBackIsNamed) {
  const auto journey = new_journey();
  auto event = accepted_event(journey, "order");
  event.decision.deviations = {deviation(workflows::Code::WindowExceeded, "late", "kymriah/late")};
  const auto deviation_id = append(event).deviation_ids.at(0);
  {
    pqxx::work tx(conn_);
    const auto signature = tx.exec_params1(
                                 "INSERT INTO signatures (user_id, signer_name, meaning, reason, signed_hash)"
                                 " VALUES ($1, 'Cora', 'approval', 'done', sha256('x')) RETURNING id",
                                 user_id_)[0]
                               .as<std::int64_t>();
    tx.exec("ALTER TABLE deviations DISABLE TRIGGER USER");
    tx.exec_params(
        "UPDATE deviations SET status = 'closed', closed_at = now(), closed_by = $2,"
        " closing_signature_id = $3 WHERE id = $1",
        deviation_id, user_id_, signature);
    tx.commit();
  }
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "journey " + journey.coi)) << run.output;
  EXPECT_TRUE(has(run, "the deviation's status differs from its last chained step")) << run.output;
}

TEST_F(IdentityChainTest, EditingAnAdministrationEntryIsNamed) {
  log_three_admin_entries();
  tamper("admin_log", "UPDATE admin_log SET actor = 'cli:root' WHERE chain_seq = 2");
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "administration log, entry seq 2")) << run.output;
  EXPECT_TRUE(has(run, "the entry's actor was changed")) << run.output;
}

TEST_F(IdentityChainTest, DeletingAnAdministrationEntryIsNamed) {
  log_three_admin_entries();
  tamper("admin_log", "DELETE FROM admin_log WHERE chain_seq = 2");
  const auto run = verify();
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "administration entry seq 2 is missing")) << run.output;
}

TEST_F(IdentityChainTest, DeletingAWholeJourneyIsNamedByTheLastCheckpoint) {
  const auto kept = new_journey();
  const auto gone = new_journey();
  append(accepted_event(gone, "order"));
  ASSERT_FALSE(take_checkpoint().empty());
  const std::string id = std::to_string(gone.id);
  {
    pqxx::work tx(conn_);
    for (const char* table : {"events", "journey_facts"})
      tx.exec(std::string("ALTER TABLE ") + table + " DISABLE TRIGGER USER");
    tx.exec("DELETE FROM board_rows WHERE journey_id = " + id);
    tx.exec("DELETE FROM events WHERE journey_id = " + id);
    tx.exec("DELETE FROM journey_facts WHERE journey_id = " + id);
    tx.exec("DELETE FROM journeys WHERE id = " + id);
    for (const char* table : {"events", "journey_facts"})
      tx.exec(std::string("ALTER TABLE ") + table + " ENABLE TRIGGER USER");
    tx.commit();
  }
  const auto run = verify({"--centre-key-file", key_file()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "journey " + gone.coi + " was deleted")) << run.output;
  EXPECT_FALSE(has(run, "journey " + kept.coi + " was deleted")) << run.output;
}

TEST_F(IdentityChainTest, DeletingTheLastEventsTogetherWithTheHeadIsNamedByTheCheckpoint) {
  const auto journey = new_journey();
  const auto first = append(accepted_event(journey, "order"));
  append(accepted_event(journey, "apheresis.collect", 5));
  ASSERT_FALSE(take_checkpoint().empty());
  {
    pqxx::work tx(conn_);
    tx.exec("ALTER TABLE events DISABLE TRIGGER USER");
    tx.exec_params("DELETE FROM events WHERE journey_id = $1 AND seq = 2", journey.id);
    tx.exec_params("UPDATE journeys SET chain_seq = 1, chain_head = decode($2, 'hex') WHERE id = $1", journey.id,
                   journal::to_hex(first.hash));
    tx.exec("ALTER TABLE events ENABLE TRIGGER USER");
    tx.commit();
  }
  const auto run = verify({"--centre-key-file", key_file()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "journey " + journey.coi + ", against checkpoint")) << run.output;
  EXPECT_TRUE(has(run, "events after seq 1 were deleted")) << run.output;
}

TEST_F(IdentityChainTest, AnExportedCheckpointCatchesTheDeletionOfTheStoredOnes) {
  new_journey();
  const std::string exported = take_checkpoint();
  const auto file = dir_.path() / "checkpoint.json";
  std::ofstream(file) << exported;
  tamper("checkpoints", "DELETE FROM checkpoints");
  const auto run = verify({"--centre-key-file", key_file(), "--checkpoint", file.string()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "is no longer stored as it was exported")) << run.output;
}

TEST_F(IdentityChainTest, ACheckpointSignedByAnotherKeyIsNotTrusted) {
  new_journey();
  ASSERT_FALSE(take_checkpoint().empty());
  const auto other = dir_.path() / "other.key";
  ASSERT_EQ(passport::write_key_file(other, passport::SigningKey::generate()), "");
  const auto run = verify({"--centre-key-file", other.string()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "is signed by a key this centre does not trust")) << run.output;
}

TEST_F(IdentityChainTest, AnAlteredCheckpointBodyFailsItsSignature) {
  new_journey();
  ASSERT_FALSE(take_checkpoint().empty());
  tamper("checkpoints", "UPDATE checkpoints SET body = replace(body, '\"v\":1', '\"v\":2')");
  const auto run = verify({"--centre-key-file", key_file()});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(has(run, "signature does not verify")) << run.output;
}

}  // namespace
}  // namespace cj::testing
