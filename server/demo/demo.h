// The demo of `scripts/run` (README.md): on the first start on an empty database, a demo site with
// a person of every role, three stations, and six journeys of five products at different
// stages, one with an open deviation and one whose thaw clock is running; their times are set
// relative to now, so the clocks run live.
//
//   if (demo::wanted(choice) && demo::database_is_empty(uri)) demo::bootstrap(uri);   // before listening
//   demo::Seeder seeder(port);  std::thread t([&] { seeder.run(); });                  // once listening
//   ... seeder.abort(); t.join();                                                       // when stopping
//
// When: only when `celljourney serve` runs on its private cluster (no --database URL) and the
// database holds no site yet; `--no-demo` turns it off; on a --database URL only with `--demo`
// (a production database must never get fake patients). A second start finds the demo site and
// seeds nothing.
//
// How: bootstrap() writes only what the API cannot: the demo site and its administrator, as
// `celljourney site add` and `celljourney user add` do, and its label printer, as `celljourney
// printer add` does (a file:// printer: each job lands in a file, so printing works without
// hardware). Everything else goes through the HTTP
// API of the server just started, on loopback, with the same handlers, rules, audit entries,
// journal and feed as real requests: the site's rules, the people and their training, the
// stations, the journeys, their units, every event (station scans with idempotency keys,
// desk events as the coordinator or the ward nurse), and a shipper logger's readings.
//
// The demo's rules (demo_rules.h) are placeholders that let every product load, marked DEMO
// ONLY: never label facts.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace cj::demo {

/// The demo site's code, and the password of every demo person.
inline constexpr const char* kSite = "demo";
inline constexpr const char* kPassword = "celljourney-demo";
/// The PIN of every demo person, whose badge is badge_of() (what a station scans to sign them in).
inline constexpr const char* kPin = "314159";
/// "DEMO-ANN" for ann: the code of the demo person's hospital badge (type it, or print it as a
/// Code 128 and scan it).
std::string badge_of(const std::string& username);
/// The demo site's label printer; its jobs go to <label_dir>/DEMO-ZEBRA.zpl (see bootstrap()).
inline constexpr const char* kPrinter = "DEMO-ZEBRA";

struct Login {
  std::string role;      // "coordinator"
  std::string username;  // "cora"
};

/// One person per role (admin, coordinator, apheresis, cell_lab, clinical, physician, qa).
const std::vector<Login>& logins();

/// True when the database at uri holds no site (a first start). Throws on database errors.
bool database_is_empty(const std::string& uri);

/// True when the database holds the demo site (seeded at an earlier start). Throws on database errors.
bool has_demo_site(const std::string& uri);

/// The demo site, its administrator, and its printer writing to label_dir (created when
/// missing; `serve` passes demo-labels beside the private cluster's data directory). Throws on
/// database and file system errors.
void bootstrap(const std::string& uri, const std::filesystem::path& label_dir);

/// "Demo data: ...\n  coordinator  cora  badge DEMO-CORA\n ..." with the password and the PIN:
/// what serve prints.
std::string describe_logins();

/// The seeding over the API of the server listening on 127.0.0.1:port: over HTTPS when
/// tls_cert_file (the server's --tls-cert) is given, trusting that certificate alone
/// (loopback_client.h).
class Seeder {
 public:
  explicit Seeder(unsigned short port, std::string tls_cert_file = {});
  ~Seeder();
  Seeder(const Seeder&) = delete;
  Seeder& operator=(const Seeder&) = delete;

  /// Seeds everything after bootstrap(). Throws std::runtime_error naming the request that
  /// failed (and what the server answered); what was recorded before stays.
  void run();
  /// Ends run() soon (the server is stopping); from any thread.
  void abort();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cj::demo
