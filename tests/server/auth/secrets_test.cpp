// Password hashing and token helpers (no database, no server).
#include <gtest/gtest.h>

#include "server/auth/secrets.h"

namespace cj::auth {
namespace {

TEST(AuthSecrets, APasswordHashIsArgon2idAndVerifiesOnlyItsPassword) {
  const auto hash = hash_password("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_FALSE(verify_password("correct horse batterY", hash));
  EXPECT_NE(hash_password("correct horse battery"), hash) << "each hash has its own salt";
}

TEST(AuthSecrets, SecretsAre43RandomBase64UrlCharacters) {
  const auto a = new_secret();
  const auto b = new_secret();
  EXPECT_TRUE(looks_like_secret(a)) << a;
  EXPECT_NE(a, b);
  EXPECT_FALSE(looks_like_secret(a.substr(1)));
  EXPECT_FALSE(looks_like_secret(a.substr(1) + "="));
}

TEST(AuthSecrets, TheStoredHashIsTheSha256OfTheSecret) {
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(secret_hash_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace cj::auth
