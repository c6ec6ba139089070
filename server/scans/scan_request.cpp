#include "server/scans/scan_request.h"

#include <algorithm>

#include <boost/json.hpp>

#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/journal/canonical_json.h"
#include "server/journal/hash.h"
#include "workflows/json_io.h"

namespace cj::scans {

namespace json = boost::json;
using base::Failure;

namespace {

constexpr std::size_t kMaxOperators = 4;
constexpr std::size_t kMaxScans = 32;
constexpr std::size_t kMaxScanBytes = 512;
constexpr std::size_t kMaxDataBytes = 64 * 1024;
// An RFC 3339 time with nanoseconds and an offset is 35 bytes; room for longer fractions.
constexpr std::size_t kMaxTimeBytes = 64;

std::vector<std::string> strings(const json::object& body, const char* key, std::size_t max_items,
                                 std::size_t max_len) {
  const auto& array = api::required_array(body, key, max_items);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    const auto* text = array[i].if_string();
    if (!text || text->empty() || text->size() > max_len) {
      throw Failure::invalid_field(
          field, "The field '" + field + "' must be text of 1 to " + std::to_string(max_len) + " bytes.");
    }
    out.emplace_back(*text);
  }
  return out;
}

constexpr std::size_t kMaxSealedBytes = 4096;

std::vector<auth::OperatorProof> proofs_of(const json::object& body, const std::vector<std::string>& operators) {
  std::vector<auth::OperatorProof> proofs;
  if (!body.contains("proofs")) return proofs;
  const auto& array = api::required_array(body, "proofs", kMaxOperators);
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string field = "proofs[" + std::to_string(i) + "]";
    const auto& o = api::object_element(array[i], field);
    api::refuse_unknown_fields(o, {"operator", "token", "sealed"}, field);
    auth::OperatorProof p;
    p.operator_name = api::required_string(o, "operator", 64, field);
    p.token = api::optional_string(o, "token", 64, field).value_or("");
    p.sealed = api::optional_string(o, "sealed", kMaxSealedBytes, field).value_or("");
    if (p.token.empty() == p.sealed.empty())
      throw Failure::invalid_field(field, "A proof has a token or a sealed proof: exactly one of them.");
    if (std::find(operators.begin(), operators.end(), p.operator_name) == operators.end())
      throw Failure::invalid_field("proofs", "The proof for '" + p.operator_name + "' names nobody in operators.");
    for (const auto& q : proofs) {
      if (q.operator_name == p.operator_name)
        throw Failure::invalid_field("proofs", "Two proofs for '" + p.operator_name + "': give one.");
    }
    proofs.push_back(std::move(p));
  }
  return proofs;
}

std::vector<int> typed_of(const json::object& body, std::size_t scans) {
  std::vector<int> typed;
  if (!body.contains("typed")) return typed;
  const auto& array = api::required_array(body, "typed", kMaxScans);
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto* n = array[i].if_int64();
    if (!n || *n < 0 || static_cast<std::size_t>(*n) >= scans ||
        std::find(typed.begin(), typed.end(), static_cast<int>(*n)) != typed.end()) {
      throw Failure::invalid_field("typed", "typed lists indexes into scans, each once.");
    }
    typed.push_back(static_cast<int>(*n));
  }
  return typed;
}

}  // namespace

ScanRequest read_scan_request(const json::object& body, bool key_required,
                              const std::optional<std::string>& journey_from_path) {
  api::refuse_unknown_fields(body, {"journey", "step", "occurred_at", "station", "operators", "scans", "data",
                                    "idempotency_key", "proofs", "typed"});
  ScanRequest request;
  workflows::Event& event = request.event;
  if (journey_from_path) {
    event.journey = *journey_from_path;
    if (auto given = api::optional_string(body, "journey", 64); given && *given != *journey_from_path) {
      throw Failure::invalid_field("journey",
                                   "The body names journey " + *given + ", the path " + *journey_from_path + ".");
    }
  } else {
    event.journey = api::required_string(body, "journey", 64);
  }
  event.step = api::required_string(body, "step", 100);
  const std::string occurred = api::required_string(body, "occurred_at", kMaxTimeBytes);
  const auto at = workflows::parse_time(occurred);
  if (!at) throw Failure::invalid_field("occurred_at", "occurred_at must be " + std::string(api::kTimeForms) + ".");
  event.occurred_at = *at;
  event.station = api::optional_string(body, "station", 32).value_or("");
  event.operators = strings(body, "operators", kMaxOperators, 64);
  event.scans = strings(body, "scans", kMaxScans, kMaxScanBytes);
  if (const auto* data = body.if_contains("data"); data && !data->is_null()) {
    if (!data->is_object()) throw Failure::invalid_field("data", "The field 'data' must be an object.");
    if (json::serialize(*data).size() > kMaxDataBytes)
      throw Failure::invalid_field("data", "The field 'data' is too large.");
    // PostgreSQL's jsonb cannot hold a NUL (\u0000) and a record must be stored as received.
    if (!journal::storable_json(*data))
      throw Failure::invalid_field("data", "The field 'data' holds a NUL character or text that is not UTF-8.");
    event.data = data->get_object();
  }
  if (key_required) {
    event.idempotency_key = api::required_string(body, "idempotency_key", 200);
  } else {
    event.idempotency_key = api::optional_string(body, "idempotency_key", 200).value_or("");
  }
  request.proofs = proofs_of(body, event.operators);
  request.typed = typed_of(body, event.scans.size());
  json::object hashed = body;
  hashed["journey"] = event.journey;
  if (!journal::storable_json(hashed))
    throw Failure::bad_request("The request holds text that is not UTF-8 or holds NUL.");
  request.request_hash = journal::sha256(journal::canonical_json(hashed));
  return request;
}

}  // namespace cj::scans
