#include "tests/bench/board/board_seed.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "base/clock.h"
#include "server/admin/sites.h"
#include "server/admin/stations.h"
#include "server/admin/users.h"
#include "server/board/projection.h"
#include "server/journal/journeys.h"
#include "server/journal/patients.h"
#include "server/rules/site_rules.h"
#include "server/scans/record_step.h"
#include "workflows/json_io.h"

namespace cj::bench {

namespace json = boost::json;

namespace {

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CELLJOURNEY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string padded(std::size_t number, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*zu", width, number);
  return text;
}

void add_user(pqxx::transaction_base& tx, const std::string& username, const std::string& role_at_site) {
  admin::NewUser user{username, "Bench " + username, kBoardPassword, {admin::parse_role_at_site(role_at_site, "role")}};
  admin::create_user(tx, user, "celljourney-board-bench");
  tx.exec_params0(
      "INSERT INTO qualifications (user_id, qualification, valid_from, valid_until) "
      "SELECT id, 'kymriah', now() - interval '1 year', now() + interval '1 year' FROM users WHERE username = $1",
      username);
}

// The scenario's events for bag 1 up to its infusion start, as text with the placeholders the
// scenario uses (COI, DINs, shipper, MRN, people's short names).
std::vector<std::string> scenario_lines() {
  std::istringstream lines(read_source_file("tests/workflows/scenarios/kymriah_happy_journey.jsonl"));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line.find("\"scenario\"") != std::string::npos) continue;
    if (line.find("A999926123457") != std::string::npos) continue;  // the second bag
    if (line.find("\"infusion.end\"") != std::string::npos) break;  // still active: never the last step
    out.push_back(line);
  }
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

struct JourneyPlan {
  std::size_t n = 0;  // 1-based, makes DINs, MRN, shipper and keys unique
  const BoardSite* site = nullptr;
};

class Seeder {
 public:
  Seeder(std::size_t events_per_journey, unsigned seed)
      : events_per_journey_(events_per_journey), lines_(scenario_lines()), rng_(seed) {}

  // One journey, in one transaction.
  void seed(pqxx::connection& conn, const JourneyPlan& plan, SeedFigures& figures) {
    const BoardSite& site = *plan.site;
    const std::string mrn = "M" + padded(plan.n, 7);
    const std::string apheresis_din = "A999926" + padded(plan.n, 6);
    const std::string bag_din = "A999927" + padded(plan.n, 6);
    const std::string shipper = "SHIP-" + padded(plan.n, 7);

    pqxx::work tx(conn, "board bench journey");
    auto patient = journal::create_patient(tx, {0, site.id, mrn, "JD", std::nullopt, std::nullopt});
    if (!patient.ok()) throw std::runtime_error(patient.error().to_string());
    const std::int64_t coordinator_id =
        tx.exec_params1("SELECT id FROM users WHERE username = $1", site.coordinator)[0].as<std::int64_t>();
    auto journey = journal::create_journey(tx, site.id, *patient, "kymriah", coordinator_id);
    if (!journey.ok()) throw std::runtime_error(journey.error().to_string());
    register_units(tx, journey->id, apheresis_din, bag_din, shipper);
    board::refresh(tx, journey->id);

    // How far this journey has come: 2 (a collection) to every scenario event before infusion.end.
    const std::size_t reached = std::uniform_int_distribution<std::size_t>(2, lines_.size())(rng_);
    const std::map<std::string, std::string> people{{"\"cora\"", "\"" + site.coordinator + "\""},
                                                    {"\"ann\"", "\"" + site.nurse + "\""},
                                                    {"\"alice\"", "\"" + site.lab + "\""},
                                                    {"\"nina\"", "\"" + site.clinical + "\""},
                                                    {"\"paul\"", "\"" + site.physician + "\""}};
    std::vector<workflows::Event> events;
    for (std::size_t i = 0; i < reached; ++i) {
      std::string line = lines_[i];
      line = replaced(line, "CHA99992600001A", journey->coi);
      line = replaced(line, "A999926100001", apheresis_din);
      line = replaced(line, "A999926123456", bag_din);
      line = replaced(line, "SHIP-0001", shipper);
      line = replaced(line, "MRN12345", mrn);
      line = replaced(line, "\"ST-1\"", "\"" + site.station + "\"");
      for (const auto& [from, to] : people) line = replaced(line, from, to);
      json::object object = json::parse(line).as_object();
      object.erase("expect");
      auto event = workflows::event_from_json(object);
      if (!event.ok())
        throw std::runtime_error("scenario line " + std::to_string(i) + ": " + event.error()[0].to_string());
      events.push_back(std::move(event).value());
    }
    // Shifted so that the newest event is 0-72 hours old: some deadlines past, some to come.
    const auto age = std::chrono::minutes(std::uniform_int_distribution<int>(0, 72 * 60)(rng_));
    const auto now = base::now_seconds();
    const auto shift = (now - age) - events.back().occurred_at;
    for (auto& e : events) e.occurred_at += shift;

    api::Principal station;
    station.kind = api::Principal::Kind::kStation;
    station.id = site.station_id;
    station.name = site.station;
    station.station_site_id = site.id;

    std::size_t seq = 0;
    auto record = [&](workflows::Event event, bool expect_accepted) {
      event.idempotency_key = "board-" + padded(plan.n, 7) + "-" + std::to_string(++seq);
      const scans::StepAnswer answer = scans::decide_and_record(tx, station, event);
      if (answer.accepted != expect_accepted) {
        throw std::runtime_error("journey " + journey->coi + " step " + event.step + ": expected " +
                                 (expect_accepted ? "accepted" : "refused") + ", got " + answer.body);
      }
      ++figures.events;
      if (!answer.accepted) ++figures.refused;
    };
    const std::size_t padding = events_per_journey_ > events.size() ? events_per_journey_ - events.size() : 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      record(events[i], true);
      if (i != 1) continue;  // the collection: further sessions and wrong-bag scans follow it
      for (std::size_t p = 0; p < padding; ++p) {
        workflows::Event extra = events[1];
        extra.occurred_at += std::chrono::seconds(p + 1);
        const bool wrong_bag = p % 2 == 1;
        if (wrong_bag) extra.scans[0] = "=A99992800000000";  // registered to no journey: refused
        record(std::move(extra), !wrong_bag);
      }
    }
    tx.commit();
    ++figures.journeys;
  }

 private:
  static void register_units(pqxx::transaction_base& tx, std::int64_t journey_id, const std::string& apheresis_din,
                             const std::string& bag_din, const std::string& shipper) {
    journal::NewUnit apheresis;
    apheresis.journey_id = journey_id;
    apheresis.kind = "apheresis_bag";
    apheresis.din = apheresis_din;
    journal::NewUnit shipper_unit;
    shipper_unit.journey_id = journey_id;
    shipper_unit.kind = "shipper";
    shipper_unit.external_id = shipper;
    journal::NewUnit bag;
    bag.journey_id = journey_id;
    bag.kind = "bag";
    bag.din = bag_din;
    bag.product_code = "S1194A00";
    bag.expires_at = workflows::parse_time("2099-12-31T00:00:00Z");
    for (const auto* unit : {&apheresis, &shipper_unit, &bag}) {
      auto id = journal::register_unit(tx, *unit);
      if (!id.ok()) throw std::runtime_error("registering a unit: " + id.error().to_string());
    }
  }

  std::size_t events_per_journey_;
  std::vector<std::string> lines_;
  std::mt19937 rng_;
};

}  // namespace

std::vector<BoardSite> seed_sites(const std::string& uri, std::size_t count) {
  const std::string rules = read_source_file("tests/workflows/sites/test_eu.yaml");
  std::vector<BoardSite> sites;
  pqxx::connection conn(uri);
  pqxx::work tx(conn);
  for (std::size_t i = 1; i <= count; ++i) {
    BoardSite s;
    s.code = "board-" + std::to_string(i);
    s.fin = "B" + padded(1000 + i, 4);
    s.id =
        admin::create_site(tx, {s.code, "Board bench hospital " + std::to_string(i), s.fin}, "celljourney-board-bench");
    (void)rules::store_site_rules(tx, s.id, s.code, rules, std::nullopt, "celljourney-board-bench");
    s.coordinator = "cora." + s.code;
    s.nurse = "ann." + s.code;
    s.lab = "alice." + s.code;
    s.clinical = "nina." + s.code;
    s.physician = "paul." + s.code;
    s.qa = "quinn." + s.code;
    add_user(tx, s.coordinator, "coordinator@" + s.code);
    add_user(tx, s.nurse, "apheresis@" + s.code);
    add_user(tx, s.lab, "cell_lab@" + s.code);
    add_user(tx, s.clinical, "clinical@" + s.code);
    add_user(tx, s.physician, "physician@" + s.code);
    add_user(tx, s.qa, "qa@" + s.code);
    s.station = "ST-" + s.code;
    (void)admin::create_station(tx, {s.station, s.code, "Board bench station"}, "celljourney-board-bench");
    s.station_id = tx.exec_params1("SELECT id FROM stations WHERE code = $1", s.station)[0].as<std::int64_t>();
    sites.push_back(std::move(s));
  }
  tx.commit();
  return sites;
}

SeedFigures seed_journeys(const std::string& uri, const std::vector<BoardSite>& sites, std::size_t journeys,
                          std::size_t events_per_journey, unsigned threads) {
  const auto started = std::chrono::steady_clock::now();
  threads = std::max(1u, threads);
  std::vector<SeedFigures> figures(threads);
  std::vector<std::exception_ptr> failures(threads);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        pqxx::connection conn(uri);
        Seeder seeder(std::max<std::size_t>(2, events_per_journey), 7919 * (t + 1));
        for (std::size_t n = t + 1; n <= journeys; n += threads) {
          seeder.seed(conn, {n, &sites[n % sites.size()]}, figures[t]);
        }
      } catch (...) {
        failures[t] = std::current_exception();
      }
    });
  }
  for (auto& w : workers) w.join();
  for (const auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
  SeedFigures total;
  for (const auto& f : figures) {
    total.journeys += f.journeys;
    total.events += f.events;
    total.refused += f.refused;
  }
  total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return total;
}

}  // namespace cj::bench
