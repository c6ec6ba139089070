#include "scanner/sealing.h"

#include <sodium.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <boost/json.hpp>

namespace cj::scanner {

namespace json = boost::json;

namespace {

bool decode_key(const std::string& base64, unsigned char out[crypto_box_PUBLICKEYBYTES]) {
  std::size_t length = 0;
  return sodium_base642bin(out, crypto_box_PUBLICKEYBYTES, base64.data(), base64.size(), nullptr, &length, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         length == crypto_box_PUBLICKEYBYTES;
}

// Appends `text` as a JSON string (quotes, escapes) to `out`; used for the secret parts so that
// they never pass through a std::string.
void append_json_string(std::vector<char>& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      for (char e : {'\\', 'u', '0', '0'}) out.push_back(e);
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

}  // namespace

std::optional<SealingKey> read_sealing_key(const std::string& json_text) {
  boost::system::error_code ec;
  const json::value value = json::parse(json_text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& object = value.as_object();
  const auto* key = object.if_contains("key");
  const auto* id = object.if_contains("key_id");
  if (!key || !key->is_string() || !id || !id->is_string()) return std::nullopt;
  SealingKey result;
  result.key_base64 = std::string(key->as_string());
  result.key_id = std::string(id->as_string());
  if (sodium_init() < 0) return std::nullopt;
  unsigned char raw[crypto_box_PUBLICKEYBYTES];
  if (!decode_key(result.key_base64, raw)) return std::nullopt;
  return result;
}

std::optional<SealingKey> load_sealing_key(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return read_sealing_key(text.str());
}

void save_sealing_key(const std::filesystem::path& file, const SealingKey& key) {
  const auto temporary = std::filesystem::path(file.string() + ".new");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << json::serialize(json::object{{"key", key.key_base64}, {"key_id", key.key_id}}) << "\n";
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, file);
}

std::string seal_proof(const SealingKey& key, const SecretText& badge, const SecretText& pin,
                       const SealedFacts& facts) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
  unsigned char public_key[crypto_box_PUBLICKEYBYTES];
  if (!decode_key(key.key_base64, public_key)) throw std::runtime_error("the cached sealing key is not usable");
  // The plaintext is assembled in a vector that is zeroed before it goes; the non-secret parts
  // are serialised by Boost.JSON.
  std::vector<char> plain;
  const auto put = [&](std::string_view text) { plain.insert(plain.end(), text.begin(), text.end()); };
  put("{\"v\":1,\"badge\":");
  append_json_string(plain, badge.view());
  put(",\"pin\":");
  append_json_string(plain, pin.view());
  put(",\"station\":");
  put(json::serialize(json::value(facts.station)));
  put(",\"operator\":");
  put(json::serialize(json::value(facts.operator_name)));
  put(",\"occurred_at\":");
  put(json::serialize(json::value(facts.occurred_at)));
  put(",\"idempotency_key\":");
  put(json::serialize(json::value(facts.idempotency_key)));
  put("}");
  std::vector<unsigned char> sealed(plain.size() + crypto_box_SEALBYTES);
  const int rc =
      crypto_box_seal(sealed.data(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), public_key);
  sodium_memzero(plain.data(), plain.size());
  if (rc != 0) throw std::runtime_error("crypto_box_seal failed");
  std::string text(sodium_base64_encoded_len(sealed.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), sealed.data(), sealed.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(std::strlen(text.c_str()));
  return text;
}

}  // namespace cj::scanner
