// Stations: registered scanning places (/api/v1/stations..., `celljourney station add`).
// A station authenticates with its key ("Authorization: Station <key>"); the key is shown once,
// when the station is created, and only its SHA-256 is kept. A lost key means a new station.
#pragma once

#include <string>
#include <vector>

#include "server/api/call.h"

namespace pqxx {
class transaction_base;
}

namespace cj::admin {

struct NewStation {
  std::string code;  // "CL-01"
  std::string site;  // site code
  std::string name;  // "Cell lab bench 1"
};

/// Checks and inserts a station, logging it as actor; returns its key (shown once, never stored).
/// 400 INVALID_FIELD (shape; "site" unknown), 409 STATION_EXISTS.
std::string create_station(pqxx::transaction_base& tx, const NewStation& station, const std::string& actor);

/// GET/POST /api/v1/stations, POST /api/v1/stations/{code}/revoke: role admin, at the
/// station's site.
std::vector<api::Route> station_routes();

}  // namespace cj::admin
