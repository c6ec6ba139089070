#include "tests/support/test_certificates.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <stdexcept>

namespace cj::testing {

namespace {

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificates: ") + what + " failed");
}

EVP_PKEY* new_key() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  check(key != nullptr, "EVP_PKEY_Q_keygen");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  check(X509_add_ext(cert, ext, -1) == 1, "X509_add_ext");
  X509_EXTENSION_free(ext);
}

// A certificate for key named common_name, issued by issuer (null: self-issued); not yet signed.
X509* new_certificate(EVP_PKEY* key, const std::string& common_name, X509* issuer, long serial) {
  X509* cert = X509_new();
  check(cert != nullptr, "X509_new");
  X509_set_version(cert, X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert), -300);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("CellJourney tests"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
  return cert;
}

void sign(X509* cert, EVP_PKEY* key) { check(X509_sign(cert, key, EVP_sha256()) > 0, "X509_sign"); }

void write_cert(const std::filesystem::path& path, X509* cert) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  check(file != nullptr, "opening a certificate file");
  const bool ok = PEM_write_X509(file, cert) == 1;
  std::fclose(file);
  check(ok, "PEM_write_X509");
}

void write_key(const std::filesystem::path& path, EVP_PKEY* key) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  check(file != nullptr, "opening a key file");
  const bool ok = PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  std::fclose(file);
  check(ok, "PEM_write_PrivateKey");
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace

struct TestCa::Impl {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  mutable long next_serial = 2;
  ~Impl() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
};

TestCa::TestCa(std::filesystem::path dir, const std::string& common_name)
    : impl_(std::make_unique<Impl>()), dir_(std::move(dir)), cert_(dir_ / (common_name + ".pem")) {
  impl_->key = new_key();
  impl_->cert = new_certificate(impl_->key, common_name, nullptr, 1);
  add_extension(impl_->cert, impl_->cert, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(impl_->cert, impl_->cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(impl_->cert, impl_->cert, NID_subject_key_identifier, "hash");
  sign(impl_->cert, impl_->key);
  write_cert(cert_, impl_->cert);
}

TestCa::~TestCa() = default;

IssuedCertificate TestCa::issue(const std::string& name, const std::vector<std::string>& alt_names) const {
  IssuedCertificate issued{dir_ / (name + ".pem"), dir_ / (name + ".key")};
  EVP_PKEY* key = new_key();
  X509* cert = new_certificate(key, name, impl_->cert, impl_->next_serial++);
  add_extension(cert, impl_->cert, NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert, impl_->cert, NID_key_usage, "critical,digitalSignature");
  add_extension(cert, impl_->cert, NID_ext_key_usage, "serverAuth");
  add_extension(cert, impl_->cert, NID_authority_key_identifier, "keyid");
  std::string names;
  for (const auto& alt : alt_names) names += (names.empty() ? "" : ",") + alt;
  if (!names.empty()) add_extension(cert, impl_->cert, NID_subject_alt_name, names);
  sign(cert, impl_->key);
  write_cert(issued.cert, cert);
  write_key(issued.key, key);
  X509_free(cert);
  EVP_PKEY_free(key);
  return issued;
}

}  // namespace cj::testing
