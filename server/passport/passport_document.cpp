#include "server/passport/passport_document.h"

#include <algorithm>
#include <regex>
#include <stdexcept>

#include <boost/json.hpp>
#include <sodium.h>

#include "server/journal/canonical_json.h"
#include "server/journal/hash.h"

namespace cj::passport {

namespace {

namespace json = boost::json;

constexpr std::size_t kMaxDocumentBytes = 1 << 20;

json::value optional_string(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object unsigned_document(const Passport& p) {
  json::array qualifications;
  for (const auto& q : p.qualifications) {
    qualifications.push_back(json::object{{"qualification", q.qualification},
                                          {"valid_from", q.valid_from},
                                          {"valid_until", optional_string(q.valid_until)},
                                          {"issuing_centre", optional_string(q.issuing_centre)}});
  }
  const auto key = from_base64(p.public_key);
  return {{"format", kFormat},
          {"passport_id", p.passport_id},
          {"centre", json::object{{"name", p.centre_name},
                                  {"public_key", p.public_key},
                                  {"fingerprint", key ? fingerprint(*key) : std::string()}}},
          {"person", json::object{{"name", p.person_name}, {"username", p.person_username}}},
          {"qualifications", std::move(qualifications)},
          {"issued_at", p.issued_at},
          {"expires_at", p.expires_at}};
}

// Reading the document's shape: each helper throws Malformed naming the member at fault.
struct Malformed {
  std::string what;
};

const json::object& object_at(const json::object& o, std::string_view key,
                              const std::vector<std::string_view>& members) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_object()) throw Malformed{std::string(key) + " is missing or not an object"};
  for (const auto& m : v->as_object()) {
    if (std::find(members.begin(), members.end(), m.key()) == members.end()) {
      throw Malformed{std::string(key) + " has an unknown member '" + std::string(m.key()) + "'"};
    }
  }
  return v->as_object();
}

std::string text_at(const json::object& o, std::string_view key, std::size_t max = 200) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string() || v->as_string().empty() || v->as_string().size() > max) {
    throw Malformed{std::string(key) + " is missing or not a text of 1 to " + std::to_string(max) + " bytes"};
  }
  return std::string(v->as_string());
}

std::optional<std::string> nullable_text_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) throw Malformed{std::string(key) + " is missing (null when none)"};
  if (v->is_null()) return std::nullopt;
  return text_at(o, key);
}

std::string time_at(const json::object& o, std::string_view key) {
  auto t = text_at(o, key);
  if (!is_utc_time(t)) throw Malformed{std::string(key) + " is not a UTC time YYYY-MM-DDTHH:MM:SSZ"};
  return t;
}

Passport read_passport(const json::object& doc) {
  static const std::vector<std::string_view> kTop{"format",         "passport_id", "centre",     "person",
                                                  "qualifications", "issued_at",   "expires_at", "signature"};
  for (const auto& m : doc) {
    if (std::find(kTop.begin(), kTop.end(), m.key()) == kTop.end()) {
      throw Malformed{"unknown member '" + std::string(m.key()) + "'"};
    }
  }
  Passport p;
  p.passport_id = text_at(doc, "passport_id", 32);
  static const std::regex id_shape("[0-9a-f]{32}");
  if (!std::regex_match(p.passport_id, id_shape)) throw Malformed{"passport_id is not 32 lowercase hex digits"};
  const auto& centre = object_at(doc, "centre", {"name", "public_key", "fingerprint"});
  p.centre_name = text_at(centre, "name");
  p.public_key = text_at(centre, "public_key", 44);
  const auto key = from_base64(p.public_key);
  if (!key || key->size() != crypto_sign_PUBLICKEYBYTES)
    throw Malformed{"centre.public_key is not a base64 Ed25519 key"};
  if (text_at(centre, "fingerprint", 64) != fingerprint(*key)) {
    throw Malformed{"centre.fingerprint is not the SHA-256 of centre.public_key"};
  }
  const auto& person = object_at(doc, "person", {"name", "username"});
  p.person_name = text_at(person, "name");
  p.person_username = text_at(person, "username", 64);
  const auto* list = doc.if_contains("qualifications");
  if (!list || !list->is_array()) throw Malformed{"qualifications is missing or not an array"};
  static const std::regex name_shape("[a-z0-9][a-z0-9._-]{0,63}");
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) throw Malformed{"a qualification is not an object"};
    const auto& o = item.as_object();
    if (o.size() != 4)
      throw Malformed{"a qualification has members other than qualification, valid_from, valid_until, issuing_centre"};
    PassportQualification q{text_at(o, "qualification", 64), time_at(o, "valid_from"),
                            nullable_text_at(o, "valid_until"), nullable_text_at(o, "issuing_centre")};
    if (!std::regex_match(q.qualification, name_shape))
      throw Malformed{"'" + q.qualification + "' is not a qualification name"};
    if (q.valid_until && (!is_utc_time(*q.valid_until) || *q.valid_until <= q.valid_from)) {
      throw Malformed{"qualification " + q.qualification + ": valid_until is not a UTC time after valid_from"};
    }
    p.qualifications.push_back(std::move(q));
  }
  p.issued_at = time_at(doc, "issued_at");
  p.expires_at = time_at(doc, "expires_at");
  if (p.expires_at <= p.issued_at) throw Malformed{"expires_at is not after issued_at"};
  return p;
}

Verification refuse(std::string code, std::string message, json::object document = {}) {
  Verification v;
  v.refusal = {std::move(code), std::move(message)};
  v.document = std::move(document);
  return v;
}

}  // namespace

bool is_utc_time(std::string_view text) {
  static const std::regex shape(
      "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z");
  return std::regex_match(text.begin(), text.end(), shape);
}

std::string new_passport_id() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  return journal::to_hex(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

json::object sign_passport(Passport passport, const SigningKey& key) {
  passport.public_key = to_base64(key.public_key());
  auto document = unsigned_document(passport);
  document["signature"] = to_base64(key.sign(journal::canonical_json(document)));
  return document;
}

Verification verify_passport(std::string_view text, std::string_view now, const TrustLookup& trusted,
                             std::string_view latest_issue) {
  if (latest_issue.empty()) latest_issue = now;
  if (text.size() > kMaxDocumentBytes) return refuse("MALFORMED", "the file is larger than a passport can be (1 MiB)");
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return refuse("MALFORMED", "the file is not a JSON object");
  auto document = std::move(parsed.as_object());
  const auto* format = document.if_contains("format");
  if (!format || !format->is_string() || format->as_string() != kFormat) {
    return refuse("MALFORMED", "not a passport of format " + std::string(kFormat), std::move(document));
  }
  Passport passport;
  std::string signature;
  try {
    passport = read_passport(document);
    auto decoded = from_base64(text_at(document, "signature", 100));
    if (!decoded || decoded->size() != crypto_sign_BYTES)
      throw Malformed{"signature is not a base64 Ed25519 signature"};
    signature = std::move(*decoded);
  } catch (const Malformed& m) {
    return refuse("MALFORMED", "the passport is malformed: " + m.what, std::move(document));
  }
  json::object signed_part = document;
  signed_part.erase("signature");
  if (!verify_signature(journal::canonical_json(signed_part), signature, *from_base64(passport.public_key))) {
    return refuse("TAMPERED", "the signature does not match the passport's content: it was changed after signing",
                  std::move(document));
  }
  const auto fp = fingerprint(*from_base64(passport.public_key));
  switch (trusted(passport.public_key)) {
    case Trust::kUnknown:
      return refuse("UNTRUSTED_CENTRE",
                    "the issuing centre '" + passport.centre_name + "' (key fingerprint " + fp +
                        ") is not trusted here; register its key with `celljourney centre trust add`",
                    std::move(document));
    case Trust::kRevoked:
      return refuse("CENTRE_REVOKED", "trust in the issuing centre's key (fingerprint " + fp + ") was withdrawn here",
                    std::move(document));
    case Trust::kTrusted:
      break;
  }
  if (passport.issued_at > latest_issue) {
    return refuse("NOT_YET_VALID",
                  "the passport is issued at " + passport.issued_at + ", after now (" + std::string(now) +
                      "): check both centres' clocks",
                  std::move(document));
  }
  if (passport.expires_at <= now) {
    return refuse("EXPIRED",
                  "the passport expired at " + passport.expires_at + "; ask the issuing centre for a new one",
                  std::move(document));
  }
  Verification v;
  v.passport = std::move(passport);
  v.document = std::move(document);
  return v;
}

}  // namespace cj::passport
