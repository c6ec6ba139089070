#include "server/auth/operator_proofs.h"

#include <algorithm>
#include <optional>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "server/audit/admin_log.h"
#include "server/auth/badge_key.h"
#include "server/auth/secrets.h"
#include "server/auth/sign_in.h"
#include "server/db/statement.h"

namespace cj::auth {

namespace {

namespace json = boost::json;
using Outcome = GuessLimiter::Outcome;

constexpr db::Statement kToken{
    "auth_proofs_token",
    "SELECT t.id, u.username, t.bound_to, t.purpose, "
    "  $2::timestamptz >= t.created_at - interval '5 minutes', "
    "  $2::timestamptz <= LEAST(t.expires_at, COALESCE(t.ended_at, 'infinity')), "
    "  t.purpose = 'witness' OR $2::timestamptz <= t.last_used_at + make_interval(mins => t.idle_minutes), "
    "  t.used_event IS NULL, u.active AND u.locked_at IS NULL "
    "FROM operator_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = decode($1, 'hex') "
    "FOR UPDATE OF t"};
constexpr db::Statement kBadgeHolder{
    "auth_proofs_badge_holder",
    "SELECT username, COALESCE(pin_hash, ''), active AND locked_at IS NULL FROM users WHERE badge_code = $1"};
constexpr db::Statement kMarkUsed{"auth_proofs_mark_used",
                                  "UPDATE operator_tokens SET last_used_at = GREATEST(last_used_at, $2::timestamptz), "
                                  "used_event = CASE WHEN purpose = 'witness' THEN $3::bigint ELSE used_event END "
                                  "WHERE id = ANY($1::bigint[])"};

std::string principal_of(const api::Principal& who) {
  return std::string(who.is_station() ? "station:" : "user:") + who.name;
}

// Why the token does not prove name, or nullopt when it does (its id then in tokens).
std::optional<std::string> token_problem(pqxx::transaction_base& tx, const ProofSubject& s, const std::string& name,
                                         const std::string& token, std::vector<std::int64_t>& tokens) {
  if (!looks_like_secret(token)) return "the sign-in proof is not a token";
  const auto rows = db::exec(tx, kToken, secret_hash_hex(token), workflows::format_time(s.occurred_at));
  if (rows.empty()) return "the sign-in is unknown to this server";
  const auto r = rows[0];
  if (r[1].as<std::string>() != name) return "the sign-in is another person's";
  if (r[2].as<std::string>() != principal_of(*s.caller)) return "the sign-in was made elsewhere";
  if (!r[8].as<bool>()) return "the account is locked or deactivated";
  if (!r[4].as<bool>()) return "the event happened before the sign-in";
  if (!r[5].as<bool>()) return "the sign-in had ended or expired when the event happened";
  if (!r[6].as<bool>()) return "the sign-in had ended, unused for too long, when the event happened";
  if (!r[7].as<bool>()) return "the witness sign-in was used for another event already";
  tokens.push_back(r[0].as<std::int64_t>());
  return std::nullopt;
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// A sealed proof, opened and checked against its event; the badge and PIN still to check.
struct Sealed {
  std::string name;
  std::string badge_key;
  std::string pin;
  std::optional<std::string> problem;  // set: refused without a PIN check
};

Sealed open_sealed(api::AppContext& app, const ProofSubject& s, const std::string& name, const std::string& box) {
  Sealed out;
  out.name = name;
  if (!app.centre_unseal) {
    out.problem = "this server has no key to open proofs made offline";
    return out;
  }
  const auto plain = app.centre_unseal(box);
  if (!plain) {
    out.problem = "the proof made offline does not open with this server's key";
    return out;
  }
  boost::system::error_code ec;
  const auto doc = json::parse(*plain, ec);
  const auto* o = ec ? nullptr : doc.if_object();
  const auto* v = o ? o->if_contains("v") : nullptr;
  if (!o || !v || !v->is_int64() || v->as_int64() != 1) {
    out.problem = "the proof made offline is not one this server reads";
    return out;
  }
  const auto at = workflows::parse_time(text_of(*o, "occurred_at"));
  if (text_of(*o, "station") != s.station || text_of(*o, "operator") != name || s.idempotency_key.empty() ||
      text_of(*o, "idempotency_key") != s.idempotency_key || !at || *at != s.occurred_at) {
    out.problem = "the proof made offline is for another event";
    return out;
  }
  const auto key = badge_key(text_of(*o, "badge"));
  out.badge_key = key.value_or("");
  out.pin = text_of(*o, "pin");
  return out;
}

// The badge and PIN of a sealed proof, on this (database) thread: argon2id costs one hash.
std::optional<std::string> pin_problem_of(pqxx::transaction_base& tx, const Sealed& sealed) {
  const auto rows = sealed.badge_key.empty() ? pqxx::result() : db::exec(tx, kBadgeHolder, sealed.badge_key);
  if (rows.empty() || rows[0][0].as<std::string>() != sealed.name) {
    verify_against_dummy(sealed.pin);
    return "the badge scanned offline is not theirs";
  }
  const auto hash = rows[0][1].as<std::string>();
  if (hash.empty()) {
    verify_against_dummy(sealed.pin);
    return "they have no PIN set";
  }
  if (!verify_password(sealed.pin, hash)) return "the PIN typed offline is wrong";
  if (!rows[0][2].as<bool>()) return "the account is locked or deactivated";
  return std::nullopt;
}

}  // namespace

ProofFindings check_proofs(pqxx::transaction_base& tx, api::AppContext& app, const ProofSubject& s,
                           const std::vector<OperatorProof>& proofs) {
  ProofFindings findings;
  std::vector<Sealed> sealed;
  std::vector<std::string> seen;
  for (const auto& name : s.operators) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;  // twice: the rules refuse it
    seen.push_back(name);
    if (!s.caller->is_station() && name == s.caller->name) continue;  // the session proves the caller
    const auto proof =
        std::find_if(proofs.begin(), proofs.end(), [&](const OperatorProof& p) { return p.operator_name == name; });
    std::optional<std::string> problem;
    if (proof == proofs.end()) {
      problem = "no sign-in proof";
    } else if (!proof->token.empty()) {
      problem = token_problem(tx, s, name, proof->token, findings.tokens);
    } else {
      auto opened = open_sealed(app, s, name, proof->sealed);
      problem = opened.problem;
      if (!problem) sealed.push_back(std::move(opened));
    }
    if (problem) findings.unproven.push_back(name + ": " + *problem);
  }
  if (sealed.empty()) return findings;

  // Every person's guessing delay first: one in their delay and nothing is checked or kept.
  GuessLimiter* limiter = app.sign_in ? &app.sign_in->limiter() : nullptr;
  if (limiter) {
    std::chrono::steady_clock::duration longest{};
    std::string delayed;
    for (const auto& p : sealed) {
      const auto delay = limiter->begin(p.name, s.address);
      if (delay > longest) longest = delay, delayed = p.name;
    }
    if (longest > decltype(longest)::zero()) {
      for (const auto& p : sealed) limiter->end(p.name, s.address, Outcome::kNeither);
      throw TooManyAttempts(delayed, std::chrono::ceil<std::chrono::seconds>(longest));
    }
  }
  for (const auto& p : sealed) {
    std::optional<std::string> problem;
    try {
      problem = pin_problem_of(tx, p);
    } catch (...) {
      if (limiter) limiter->end(p.name, s.address, Outcome::kNeither);
      throw;
    }
    const bool guessed_wrong = problem && problem->rfind("the account", 0) != 0;
    if (limiter) limiter->end(p.name, s.address, guessed_wrong ? Outcome::kFailure : Outcome::kSuccess);
    if (!problem) continue;
    findings.unproven.push_back(p.name + ": " + *problem);
    if (guessed_wrong) {
      spdlog::warn("proof made offline for {} by {} refused: {}", p.name, principal_of(*s.caller), *problem);
      audit::log_action(tx, principal_of(*s.caller), "operator.sealed_proof_failed", p.name,
                        json::object{{"reason", *problem},
                                     {"station", s.station},
                                     {"idempotency_key", s.idempotency_key},
                                     {"address", s.address}});
    }
  }
  return findings;
}

void mark_used(pqxx::transaction_base& tx, const std::vector<std::int64_t>& tokens, std::int64_t event_id,
               workflows::TimePoint occurred_at) {
  if (tokens.empty()) return;
  std::string ids = "{";
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i) ids += ",";
    ids += std::to_string(tokens[i]);
  }
  ids += "}";
  db::exec0(tx, kMarkUsed, ids, workflows::format_time(occurred_at), event_id);
}

}  // namespace cj::auth
