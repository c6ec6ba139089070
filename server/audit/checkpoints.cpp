#include "server/audit/checkpoints.h"

#include <algorithm>
#include <set>

#include <boost/json/parse.hpp>
#include <pqxx/pqxx>
#include <sodium.h>

#include "server/audit/admin_chain.h"
#include "server/db/statement.h"
#include "server/journal/canonical_json.h"
#include "server/journal/hash.h"

namespace cj::audit {
namespace {

namespace json = boost::json;
using journal::BrokenLink;
using journal::from_hex;
using journal::to_hex;

constexpr db::Statement kHeads{"audit_checkpoint_heads",
                               "SELECT coi, site_id, chain_seq, encode(chain_head, 'hex'), facts_seq,"
                               " encode(facts_head, 'hex') FROM journeys ORDER BY id"};
constexpr db::Statement kNow{"audit_checkpoint_now", "SELECT iso_utc(now())"};
constexpr db::Statement kLatestBody{"audit_checkpoint_latest_body",
                                    "SELECT body FROM checkpoints ORDER BY id DESC LIMIT 1"};
constexpr db::Statement kInsert{
    "audit_checkpoint_insert",
    "INSERT INTO checkpoints (taken_at, body, signature, public_key, taken_by)"
    " VALUES (now(), $1, decode($2, 'hex'), decode($3, 'hex'), $4) RETURNING id, iso_utc(taken_at)"};
constexpr char kSelect[] =
    "SELECT id, iso_utc(taken_at), taken_by, body, encode(signature, 'hex'), encode(public_key, 'hex')"
    " FROM checkpoints ";
constexpr auto kLatestSql = db::sql(kSelect, "ORDER BY id DESC LIMIT 1");
constexpr db::Statement kLatest{"audit_checkpoint_latest", kLatestSql.data()};
constexpr auto kAllSql = db::sql(kSelect, "ORDER BY id");
constexpr db::Statement kAll{"audit_checkpoint_all", kAllSql.data()};

Checkpoint checkpoint_of(const pqxx::row& r) {
  return {r[0].as<std::int64_t>(),
          r[1].as<std::string>(),
          r[2].as<std::string>(),
          r[3].as<std::string>(),
          *from_hex(r[4].as<std::string>()),
          *from_hex(r[5].as<std::string>())};
}

bool signature_holds(const Checkpoint& c) {
  if (sodium_init() < 0 || c.signature.size() != crypto_sign_BYTES || c.public_key.size() != crypto_sign_PUBLICKEYBYTES)
    return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(c.signature.data()),
                                     reinterpret_cast<const unsigned char*>(c.body.data()), c.body.size(),
                                     reinterpret_cast<const unsigned char*>(c.public_key.data())) == 0;
}

std::int64_t int_of(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : (v && v->is_uint64() ? static_cast<std::int64_t>(v->get_uint64()) : -1);
}
std::string string_of(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// Where a chain stands against what a checkpoint recorded for it: nullopt when it still
// reaches seq with the same hash.
std::optional<std::string> reaches(const std::vector<std::string>& hashes, std::int64_t seq, const std::string& head,
                                   const char* what) {
  if (seq <= 0) return std::nullopt;
  if (static_cast<std::int64_t>(hashes.size()) < seq) {
    return std::string(what) + " after seq " + std::to_string(hashes.size()) + " were deleted";
  }
  if (hashes[static_cast<std::size_t>(seq - 1)] != head) {
    return std::string(what) + " seq " + std::to_string(seq) + " is not the one checkpointed (the chain was rewritten)";
  }
  return std::nullopt;
}

}  // namespace

std::string key_fingerprint(std::string_view public_key) { return to_hex(journal::sha256(public_key)); }

Checkpoint take_checkpoint(pqxx::connection_base& conn, const CheckpointSigner& signer, const std::string& taken_by) {
  pqxx::transaction<pqxx::repeatable_read> tx(conn, "audit checkpoint");
  json::array journeys;
  for (const auto& r : db::exec(tx, kHeads)) {
    journeys.push_back(json::object{{"coi", r[0].as<std::string>()},
                                    {"site_id", r[1].as<std::int64_t>()},
                                    {"events_seq", r[2].as<std::int64_t>()},
                                    {"events_head", r[3].as<std::string>()},
                                    {"facts_seq", r[4].as<std::int64_t>()},
                                    {"facts_head", r[5].as<std::string>()}});
  }
  const auto [admin_seq, admin_head] = admin_chain_head(tx);
  const auto previous = db::exec(tx, kLatestBody);
  json::object body{{"v", 1},
                    {"taken_at", db::exec1(tx, kNow)[0].as<std::string>()},
                    {"admin", json::object{{"seq", admin_seq}, {"head", admin_head}}},
                    {"journeys", std::move(journeys)}};
  body["previous"] =
      previous.empty() ? json::value(nullptr) : json::value(to_hex(journal::sha256(previous[0][0].as<std::string>())));
  Checkpoint c;
  c.body = journal::canonical_json(body);
  c.signature = signer.sign(c.body);
  c.public_key = signer.public_key;
  c.taken_by = taken_by;
  const auto row = db::exec1(tx, kInsert, c.body, to_hex(c.signature), to_hex(c.public_key), taken_by);
  c.id = row[0].as<std::int64_t>();
  c.taken_at = row[1].as<std::string>();
  tx.commit();
  return c;
}

std::optional<Checkpoint> latest_checkpoint(pqxx::transaction_base& tx) {
  const auto rows = db::exec(tx, kLatest);
  if (rows.empty()) return std::nullopt;
  return checkpoint_of(rows[0]);
}

json::object to_json(const Checkpoint& c) {
  return {{"id", c.id},
          {"taken_at", c.taken_at},
          {"taken_by", c.taken_by},
          {"body", c.body},
          {"signature", to_hex(c.signature)},
          {"public_key", to_hex(c.public_key)},
          {"key_fingerprint", key_fingerprint(c.public_key)}};
}

std::optional<Checkpoint> checkpoint_from_json(const json::value& value, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return std::nullopt;
  };
  if (!value.is_object()) return fail("a checkpoint is a JSON object");
  const json::object& o = value.get_object();
  Checkpoint c;
  c.id = int_of(o, "id");
  c.taken_at = string_of(o, "taken_at");
  c.taken_by = string_of(o, "taken_by");
  c.body = string_of(o, "body");
  const auto signature = from_hex(string_of(o, "signature"));
  const auto key = from_hex(string_of(o, "public_key"));
  if (c.id < 1 || c.body.empty()) return fail("a checkpoint needs an id and a body");
  if (!signature || signature->size() != 64) return fail("a checkpoint's signature is 64 bytes in hex");
  if (!key || key->size() != 32) return fail("a checkpoint's public_key is 32 bytes in hex");
  c.signature = *signature;
  c.public_key = *key;
  return c;
}

void verify_checkpoints(pqxx::transaction_base& tx, journal::VerifyReport& report,
                        const std::vector<std::string>& admin_hashes, const CheckpointTrust& trust,
                        const std::vector<Checkpoint>& exported,
                        const std::optional<std::vector<std::int64_t>>& only_sites) {
  std::vector<Checkpoint> stored;
  for (const auto& r : db::exec(tx, kAll)) stored.push_back(checkpoint_of(r));
  auto broken = [&](const std::string& coi, std::int64_t checkpoint_id, std::string problem, std::string expected,
                    std::string found) {
    report.broken.push_back(BrokenLink{0, coi, "checkpoint", static_cast<int>(checkpoint_id), std::move(problem),
                                       std::move(expected), std::move(found)});
  };
  if (!stored.empty()) report.latest_checkpoint = stored.back().taken_at;

  // Stored checkpoints link to each other; an exported one must be stored, unchanged.
  std::string previous_body;
  for (const Checkpoint& c : stored) {
    json::error_code ec;
    const json::value body = json::parse(c.body, ec);
    const std::string previous = ec || !body.is_object() ? "" : string_of(body.get_object(), "previous");
    const std::string expected = previous_body.empty() ? "" : to_hex(journal::sha256(previous_body));
    if (previous != expected) {
      broken("", c.id, "a checkpoint stored before checkpoint " + std::to_string(c.id) + " is missing (deleted)",
             expected.empty() ? "none" : expected, previous.empty() ? "none" : previous);
    }
    previous_body = c.body;
  }
  std::vector<Checkpoint> all = stored;
  for (const Checkpoint& c : exported) {
    const bool kept = std::any_of(stored.begin(), stored.end(), [&](const Checkpoint& s) {
      return s.id == c.id && s.body == c.body && s.signature == c.signature;
    });
    if (!kept) {
      broken("", c.id,
             "the exported checkpoint " + std::to_string(c.id) + " of " + c.taken_at +
                 " is no longer stored as it was exported (checkpoints were deleted or replaced)",
             "stored", "missing");
    }
    all.push_back(c);
  }

  // Newest first: each journey is named once, by the newest checkpoint it fails.
  std::set<std::string> named;
  bool admin_named = false;
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    const Checkpoint& c = *it;
    ++report.checkpoints_checked;
    const bool trusted = trust.public_keys.empty() || std::find(trust.public_keys.begin(), trust.public_keys.end(),
                                                                c.public_key) != trust.public_keys.end();
    if (!signature_holds(c) || !trusted) {
      broken("", c.id,
             !trusted ? "checkpoint " + std::to_string(c.id) + " is signed by a key this centre does not trust"
                      : "checkpoint " + std::to_string(c.id) + "'s signature does not verify (its body was altered)",
             "a valid signature by a trusted key", "key fingerprint " + key_fingerprint(c.public_key));
      continue;  // nothing it says can be relied upon
    }
    const json::value body = json::parse(c.body);
    const json::object& o = body.as_object();
    const std::string when = " (checkpoint " + std::to_string(c.id) + " of " + string_of(o, "taken_at") + ")";
    if (!admin_named && !only_sites) {
      const json::object& admin = o.at("admin").as_object();
      if (auto problem =
              reaches(admin_hashes, int_of(admin, "seq"), string_of(admin, "head"), "administration entries")) {
        broken("", c.id, *problem + when, "seq " + std::to_string(int_of(admin, "seq")),
               "seq " + std::to_string(admin_hashes.size()));
        admin_named = true;
      }
    }
    for (const json::value& v : o.at("journeys").as_array()) {
      const json::object& j = v.as_object();
      const std::string coi = string_of(j, "coi");
      if (named.count(coi)) continue;
      if (only_sites && std::find(only_sites->begin(), only_sites->end(), int_of(j, "site_id")) == only_sites->end())
        continue;
      const auto links = report.links.find(coi);
      std::optional<std::string> problem;
      if (links == report.links.end()) {
        problem = "journey " + coi + " was deleted: it is named with " + std::to_string(int_of(j, "events_seq")) +
                  " events and " + std::to_string(int_of(j, "facts_seq")) + " facts";
      } else {
        problem = reaches(links->second.events, int_of(j, "events_seq"), string_of(j, "events_head"), "events");
        if (!problem)
          problem = reaches(links->second.facts, int_of(j, "facts_seq"), string_of(j, "facts_head"), "facts");
      }
      if (problem) {
        named.insert(coi);
        broken(coi, c.id, *problem + when, "as checkpointed",
               links == report.links.end() ? "no such journey" : "shorter or different");
      }
    }
  }
}

}  // namespace cj::audit
