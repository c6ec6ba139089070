// The staff passport's signature, canonical form and verification (no database, no server).
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "server/passport/passport_document.h"
#include "server/passport/signing_key.h"
#include "tests/support/temp_dir.h"

namespace cj::passport {
namespace {

namespace json = boost::json;

constexpr const char* kNow = "2026-11-25T12:00:00Z";

Passport ann_passport() {
  Passport p;
  p.passport_id = new_passport_id();
  p.centre_name = "North Centre";
  p.person_name = "Ann Smith";
  p.person_username = "ann";
  p.qualifications = {{"car-t-core", "2026-01-01T00:00:00Z", std::nullopt, std::nullopt},
                      {"kymriah", "2026-02-01T00:00:00Z", "2027-02-01T00:00:00Z", "Novartis training"}};
  p.issued_at = "2026-11-20T09:00:00Z";
  p.expires_at = "2027-02-18T09:00:00Z";
  return p;
}

struct Centre {
  SigningKey key = SigningKey::generate();
  TrustLookup trusting(Trust trust = Trust::kTrusted) const {
    const auto mine = to_base64(key.public_key());
    return [mine, trust](const std::string& k) { return k == mine ? trust : Trust::kUnknown; };
  }
};

std::string text_of(const json::object& document) { return json::serialize(document); }

TEST(PassportSignature, VerifiesOnlyTheSignedBytesUnderTheSignersKey) {
  const auto key = SigningKey::generate();
  const auto other = SigningKey::generate();
  const auto signature = key.sign("qualifications of ann");
  EXPECT_EQ(signature.size(), 64u);
  EXPECT_TRUE(verify_signature("qualifications of ann", signature, key.public_key()));
  EXPECT_FALSE(verify_signature("qualifications of anN", signature, key.public_key()));
  EXPECT_FALSE(verify_signature("qualifications of ann", signature, other.public_key()));
  EXPECT_FALSE(verify_signature("qualifications of ann", signature.substr(1), key.public_key()));
}

TEST(PassportSignature, Base64IsStrictStandardPaddedBase64) {
  const std::string bytes("\x00\xff\x10 key", 7);
  EXPECT_EQ(from_base64(to_base64(bytes)), bytes);
  EXPECT_EQ(to_base64("ab"), "YWI=");
  EXPECT_EQ(from_base64("YWI"), std::nullopt) << "padding is required";
  EXPECT_EQ(from_base64("YWJ="), std::nullopt) << "stray bits in the padding";
  EXPECT_EQ(from_base64("YW I="), std::nullopt);
  EXPECT_EQ(from_base64("YW-_"), std::nullopt) << "not the URL alphabet";
}

TEST(PassportSignature, AFingerprintIsTheSha256OfThePublicKeyInHex) {
  EXPECT_EQ(fingerprint(std::string(32, '\0')), "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
}

TEST(PassportDocument, AFreshlySignedPassportFromATrustedCentreIsAccepted) {
  Centre north;
  const auto document = sign_passport(ann_passport(), north.key);
  const auto v = verify_passport(text_of(document), kNow, north.trusting());
  ASSERT_TRUE(v.ok()) << v.refusal.code << ": " << v.refusal.message;
  EXPECT_EQ(v.passport->person_name, "Ann Smith");
  ASSERT_EQ(v.passport->qualifications.size(), 2u);
  EXPECT_EQ(v.passport->qualifications[1].valid_until, "2027-02-01T00:00:00Z");
  EXPECT_EQ(v.passport->qualifications[0].valid_until, std::nullopt);
  EXPECT_EQ(v.passport->public_key, to_base64(north.key.public_key()));
}

TEST(PassportDocument, TheSignatureCoversTheCanonicalFormNotTheLayout) {
  Centre north;
  const auto document = sign_passport(ann_passport(), north.key);
  // The same members in reverse order, with whitespace between them.
  std::string relaid = "{\n";
  std::vector<std::string> members;
  for (const auto& m : document)
    members.push_back("  " + json::serialize(json::value(m.key())) + " : " + json::serialize(m.value()));
  for (auto it = members.rbegin(); it != members.rend(); ++it)
    relaid += *it + (it + 1 == members.rend() ? "\n" : ",\n");
  relaid += "}\n";
  ASSERT_NE(relaid, text_of(document));
  EXPECT_TRUE(verify_passport(relaid, kNow, north.trusting()).ok());
}

TEST(PassportDocument, OneChangedByteInAValueIsRefusedTampered) {
  Centre north;
  auto text = text_of(sign_passport(ann_passport(), north.key));
  const auto at = text.find("2027-02-01");
  ASSERT_NE(at, std::string::npos);
  text[at + 3] = '8';  // kymriah valid until 2028 instead of 2027
  const auto v = verify_passport(text, kNow, north.trusting());
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.refusal.code, "TAMPERED") << v.refusal.message;
}

TEST(PassportDocument, AnAddedQualificationIsRefusedTampered) {
  Centre north;
  auto document = sign_passport(ann_passport(), north.key);
  document["qualifications"].as_array().push_back(json::object{{"qualification", "yescarta"},
                                                               {"valid_from", "2026-01-01T00:00:00Z"},
                                                               {"valid_until", nullptr},
                                                               {"issuing_centre", nullptr}});
  EXPECT_EQ(verify_passport(text_of(document), kNow, north.trusting()).refusal.code, "TAMPERED");
}

TEST(PassportDocument, APassportReSignedWithAnotherKeyIsFromAnUntrustedCentre) {
  Centre north, forger;
  const auto document = sign_passport(ann_passport(), forger.key);
  const auto v = verify_passport(text_of(document), kNow, north.trusting());
  EXPECT_EQ(v.refusal.code, "UNTRUSTED_CENTRE") << v.refusal.message;
  EXPECT_NE(v.refusal.message.find(fingerprint(forger.key.public_key())), std::string::npos) << v.refusal.message;
}

TEST(PassportDocument, ASwappedPublicKeyIsRefusedTampered) {
  Centre north, other;
  auto document = sign_passport(ann_passport(), north.key);
  document["centre"].as_object()["public_key"] = to_base64(other.key.public_key());
  document["centre"].as_object()["fingerprint"] = fingerprint(other.key.public_key());
  EXPECT_EQ(verify_passport(text_of(document), kNow, other.trusting()).refusal.code, "TAMPERED");
}

TEST(PassportDocument, AWithdrawnCentreIsRefusedCentreRevoked) {
  Centre north;
  const auto text = text_of(sign_passport(ann_passport(), north.key));
  EXPECT_EQ(verify_passport(text, kNow, north.trusting(Trust::kRevoked)).refusal.code, "CENTRE_REVOKED");
}

TEST(PassportDocument, APassportPastItsExpiryIsRefusedExpired) {
  Centre north;
  const auto text = text_of(sign_passport(ann_passport(), north.key));
  EXPECT_TRUE(verify_passport(text, "2027-02-18T08:59:59Z", north.trusting()).ok());
  EXPECT_EQ(verify_passport(text, "2027-02-18T09:00:00Z", north.trusting()).refusal.code, "EXPIRED");
}

TEST(PassportDocument, APassportIssuedAfterNowIsRefusedNotYetValid) {
  Centre north;
  const auto text = text_of(sign_passport(ann_passport(), north.key));
  EXPECT_EQ(verify_passport(text, "2026-11-20T08:59:00Z", north.trusting()).refusal.code, "NOT_YET_VALID");
  EXPECT_TRUE(verify_passport(text, "2026-11-20T08:59:00Z", north.trusting(), "2026-11-20T09:04:00Z").ok())
      << "within the tolerated clock skew";
}

TEST(PassportDocument, TextThatIsNotAV1PassportIsRefusedMalformed) {
  Centre north;
  auto document = sign_passport(ann_passport(), north.key);
  EXPECT_EQ(verify_passport("not json", kNow, north.trusting()).refusal.code, "MALFORMED");
  EXPECT_EQ(verify_passport("[]", kNow, north.trusting()).refusal.code, "MALFORMED");
  auto v2 = document;
  v2["format"] = "celljourney-passport/2";
  EXPECT_EQ(verify_passport(text_of(v2), kNow, north.trusting()).refusal.code, "MALFORMED");
  auto no_signature = document;
  no_signature.erase("signature");
  EXPECT_EQ(verify_passport(text_of(no_signature), kNow, north.trusting()).refusal.code, "MALFORMED");
  auto bad_time = document;
  bad_time["expires_at"] = "18.02.2027";
  const auto v = verify_passport(text_of(bad_time), kNow, north.trusting());
  EXPECT_EQ(v.refusal.code, "MALFORMED");
  EXPECT_NE(v.refusal.message.find("expires_at"), std::string::npos) << v.refusal.message;
  auto extra = document;
  extra["note"] = "trust me";
  EXPECT_EQ(verify_passport(text_of(extra), kNow, north.trusting()).refusal.code, "MALFORMED");
}

TEST(PassportKeyFile, IsCreatedOwnerOnlyAndReadBackAsTheSameKey) {
  cj::testing::TempDir dir("passport-key-");
  const auto path = dir.path() / "centre.key";
  const auto key = SigningKey::generate();
  ASSERT_EQ(write_key_file(path, key), "");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string error;
  const auto read = read_key_file(path, &error);
  ASSERT_TRUE(read) << error;
  EXPECT_EQ(read->public_key(), key.public_key());
  EXPECT_TRUE(verify_signature("x", read->sign("x"), key.public_key()));
}

TEST(PassportKeyFile, AnExistingFileIsNeverOverwritten) {
  cj::testing::TempDir dir("passport-key-");
  const auto path = dir.path() / "centre.key";
  ASSERT_EQ(write_key_file(path, SigningKey::generate()), "");
  EXPECT_NE(write_key_file(path, SigningKey::generate()).find("exists already"), std::string::npos);
}

TEST(PassportKeyFile, AKeyFileOthersMayReadIsRefused) {
  cj::testing::TempDir dir("passport-key-");
  const auto path = dir.path() / "centre.key";
  ASSERT_EQ(write_key_file(path, SigningKey::generate()), "");
  std::filesystem::permissions(path, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  std::string error;
  EXPECT_FALSE(read_key_file(path, &error));
  EXPECT_NE(error.find("0640"), std::string::npos) << error;
}

TEST(PassportKeyFile, ADamagedKeyFileIsRefused) {
  cj::testing::TempDir dir("passport-key-");
  const auto path = dir.path() / "centre.key";
  const auto key = SigningKey::generate();
  std::string secret = key.secret();
  secret[40] ^= 1;  // inside the public half: no longer the seed's key pair
  {
    std::ofstream out(path);
    out << "celljourney-centre-key/1\n" << to_base64(secret) << "\n";
  }
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::string error;
  EXPECT_FALSE(read_key_file(path, &error));
  EXPECT_NE(error.find("not a celljourney centre key file"), std::string::npos) << error;
}

}  // namespace
}  // namespace cj::passport
