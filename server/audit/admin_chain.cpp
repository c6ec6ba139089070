#include "server/audit/admin_chain.h"

#include <boost/json/parse.hpp>
#include <pqxx/pqxx>

#include "server/db/statement.h"
#include "server/journal/canonical_json.h"
#include "server/journal/hash.h"

namespace cj::audit {
namespace {

namespace json = boost::json;
using journal::BrokenLink;

// The row's columns as log_action() states them (admin_log.cpp builds the same document).
constexpr db::Statement kEntries{
    "audit_admin_chain_entries",
    "SELECT chain_seq, canonical, encode(prev_hash, 'hex'), encode(hash, 'hex'),"
    " jsonb_build_object('seq', chain_seq, 'at', iso_utc(at), 'actor', actor, 'action', action, 'subject', subject,"
    " 'details', details)::text, id"
    " FROM admin_log ORDER BY chain_seq NULLS LAST, id"};
constexpr db::Statement kHead{"audit_admin_chain_head", "SELECT seq, encode(head, 'hex') FROM admin_chain_head"};

std::string text_of(const json::value& record, const std::string& key) {
  const json::value* v = record.is_object() ? record.get_object().if_contains(key) : nullptr;
  return v == nullptr ? "(absent)" : journal::canonical_json(*v);
}

}  // namespace

std::pair<std::int64_t, std::string> admin_chain_head(pqxx::transaction_base& tx) {
  const auto head = db::exec(tx, kHead);
  if (head.empty()) return {0, journal::to_hex(journal::zero_hash())};
  return {head[0][0].as<std::int64_t>(), head[0][1].as<std::string>()};
}

std::optional<BrokenLink> verify_admin_chain(pqxx::transaction_base& tx, std::vector<std::string>& hashes,
                                             std::int64_t& checked) {
  auto broken = [](std::int64_t seq, std::string problem, std::string expected, std::string found) {
    return BrokenLink{0, "", "admin", static_cast<int>(seq), std::move(problem), std::move(expected), std::move(found)};
  };
  const auto rows = db::exec(tx, kEntries);
  checked += static_cast<std::int64_t>(rows.size());
  std::int64_t expected_seq = 1;
  std::string prev = journal::to_hex(journal::zero_hash());
  for (const auto& row : rows) {
    if (row[0].is_null()) {
      return broken(
          expected_seq,
          "administration entry id " + row[5].as<std::string>() + " is not chained (inserted outside the server)",
          "a chained entry", "unchained");
    }
    const std::int64_t seq = row[0].as<std::int64_t>();
    const std::string canonical = row[1].as<std::string>();
    const std::string prev_hash = row[2].as<std::string>();
    const std::string hash = row[3].as<std::string>();
    if (seq != expected_seq) {
      return broken(expected_seq, "administration entry seq " + std::to_string(expected_seq) + " is missing (deleted)",
                    "seq " + std::to_string(expected_seq), "seq " + std::to_string(seq));
    }
    if (prev_hash != prev) return broken(seq, "prev_hash does not link to the previous entry's hash", prev, prev_hash);
    const std::string computed = journal::to_hex(journal::chain_hash(*journal::from_hex(prev_hash), canonical));
    if (computed != hash) {
      return broken(seq, "hash does not match SHA-256(prev_hash || canonical): the hashed entry was altered", computed,
                    hash);
    }
    json::error_code ec;
    const json::value hashed = json::parse(canonical, ec);
    const json::value columns = json::parse(row[4].as<std::string>());
    std::string where;
    if (ec || !journal::same_json(hashed, columns, &where)) {
      const std::string key = where.substr(0, where.find_first_of(".["));
      return broken(seq,
                    "the entry's " + (key.empty() ? std::string("record") : key) + " was changed after it was written",
                    text_of(hashed, key), text_of(columns, key));
    }
    hashes.push_back(hash);
    prev = hash;
    ++expected_seq;
  }
  const auto [head_seq, head_hash] = admin_chain_head(tx);
  const std::int64_t last = expected_seq - 1;
  if (head_seq != last) {
    return broken(head_seq,
                  "the administration chain's head names seq " + std::to_string(head_seq) +
                      " but its last entry is seq " + std::to_string(last) +
                      (head_seq > last ? " (entries were deleted at the end)" : ""),
                  "seq " + std::to_string(head_seq), "seq " + std::to_string(last));
  }
  if (head_hash != prev)
    return broken(last, "the administration chain's head is not the last entry's hash", head_hash, prev);
  return std::nullopt;
}

}  // namespace cj::audit
