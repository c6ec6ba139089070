// The board bench's data (10,000 active journeys, 200,000 events), made by the
// server's own code, in process, without HTTP:
//   - sites, their rules (tests/workflows/sites/test_eu.yaml), the people of every role the
//     Kymriah scenario needs (trained) and a station, through the admin:: functions the CLI uses;
//   - journeys through journal::create_patient/create_journey/register_unit and board::refresh
//     (what POST /api/v1/journeys does), and their events through scans::decide_and_record(),
//     the one path of POST /api/v1/scans: the rules decide, the journal appends with its hash
//     chain, deviations are raised, and the board row is written in the same transaction.
//
// Each journey replays the Kymriah scenario (tests/workflows/scenarios/kymriah_happy_journey.jsonl,
// one bag) up to a stage drawn between apheresis.collect and infusion.start, its times shifted
// so that its newest event is 0-10 days old (so some deadlines are past and some to come), and
// is padded to the wanted number of events with further collection sessions and refused scans
// of a bag of another journey (a refusal is recorded too). One transaction per journey.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cj::bench {

struct BoardSite {
  std::string code;  // "board-1"
  std::string fin;   // "B1001"
  std::int64_t id = 0;
  std::string station;  // "ST-board-1"
  std::int64_t station_id = 0;
  std::string coordinator, nurse, lab, clinical, physician, qa;  // "cora.board-1", ...
};

/// The password of every bench user.
inline constexpr const char* kBoardPassword = "board bench password";

/// Creates count sites with their rules, people and station. Throws on database errors.
std::vector<BoardSite> seed_sites(const std::string& uri, std::size_t count);

struct SeedFigures {
  std::size_t journeys = 0;
  std::size_t events = 0;  // accepted and refused
  std::size_t refused = 0;
  double seconds = 0;
};

/// Creates journeys (spread over the sites in turn) of events_per_journey events each (at least
/// 2), on `threads` connections. Throws on database errors or an event the scenario expects
/// accepted being refused.
SeedFigures seed_journeys(const std::string& uri, const std::vector<BoardSite>& sites, std::size_t journeys,
                          std::size_t events_per_journey, unsigned threads);

}  // namespace cj::bench
