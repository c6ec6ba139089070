#include "server/passport/signing_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sodium.h>

#include "server/journal/hash.h"

namespace cj::passport {

namespace {

constexpr std::string_view kKeyFileHeader = "celljourney-centre-key/1\n";

void ensure_sodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

SigningKey SigningKey::generate() {
  ensure_sodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  std::string sk(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_keypair(pk, reinterpret_cast<unsigned char*>(sk.data()));
  return SigningKey(std::move(sk));
}

std::optional<SigningKey> SigningKey::from_secret(std::string_view secret) {
  if (secret.size() != crypto_sign_SECRETKEYBYTES) return std::nullopt;
  ensure_sodium();
  // The secret key's second half is its public key: check that it is the seed's, so that a
  // damaged file is refused here rather than producing signatures nobody can verify.
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, bytes_of(secret));
  const bool consistent = sodium_memcmp(pk, bytes_of(secret) + crypto_sign_SEEDBYTES, sizeof pk) == 0;
  sodium_memzero(sk, sizeof sk);
  if (!consistent) return std::nullopt;
  return SigningKey(std::string(secret));
}

SigningKey::~SigningKey() {
  if (!secret_.empty()) sodium_memzero(secret_.data(), secret_.size());
}

std::string SigningKey::public_key() const { return secret_.substr(crypto_sign_SEEDBYTES, crypto_sign_PUBLICKEYBYTES); }

std::string SigningKey::sign(std::string_view message) const {
  ensure_sodium();
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr, bytes_of(message), message.size(),
                       bytes_of(secret_));
  return signature;
}

std::string SigningKey::sealing_public_key() const {
  ensure_sodium();
  std::string curve(crypto_scalarmult_curve25519_BYTES, '\0');
  if (crypto_sign_ed25519_pk_to_curve25519(reinterpret_cast<unsigned char*>(curve.data()), bytes_of(public_key())) !=
      0) {
    throw std::runtime_error("the centre key has no X25519 form");
  }
  return curve;
}

std::optional<std::string> SigningKey::open_sealed(std::string_view box) const {
  ensure_sodium();
  if (box.size() < crypto_box_SEALBYTES) return std::nullopt;
  unsigned char secret[crypto_scalarmult_curve25519_BYTES];
  if (crypto_sign_ed25519_sk_to_curve25519(secret, bytes_of(secret_)) != 0) return std::nullopt;
  const std::string pk = sealing_public_key();
  std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
  const int opened = crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), bytes_of(box), box.size(),
                                          bytes_of(pk), secret);
  sodium_memzero(secret, sizeof secret);
  if (opened != 0) return std::nullopt;
  return plain;
}

bool verify_signature(std::string_view message, std::string_view signature, std::string_view public_key) {
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  ensure_sodium();
  return crypto_sign_verify_detached(bytes_of(signature), bytes_of(message), message.size(), bytes_of(public_key)) == 0;
}

std::string fingerprint(std::string_view public_key) { return journal::to_hex(journal::sha256(public_key)); }

std::string to_base64(std::string_view bytes) {
  ensure_sodium();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  ensure_sodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  // One text per byte string: refuse encodings with stray bits in the padding.
  if (to_base64(out) != text) return std::nullopt;
  return out;
}

std::string write_key_file(const std::filesystem::path& path, const SigningKey& key) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return path.string() + " exists already; a centre key is never overwritten";
    return "cannot create " + path.string() + ": " + std::strerror(errno);
  }
  std::string text(kKeyFileHeader);
  text += to_base64(key.secret());
  text += "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  sodium_memzero(text.data(), text.size());
  ::close(fd);
  if (!written) {
    std::filesystem::remove(path);
    return "cannot write " + path.string();
  }
  return "";
}

std::optional<SigningKey> read_key_file(const std::filesystem::path& path, std::string* error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    *error = "cannot read the key file " + path.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    std::ostringstream mode;
    mode << std::oct << (st.st_mode & 0777);
    *error = "the key file " + path.string() + " may be read by others (mode 0" + mode.str() + "); make it 0600";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  std::optional<SigningKey> key;
  if (text.size() > kKeyFileHeader.size() && text.compare(0, kKeyFileHeader.size(), kKeyFileHeader) == 0 &&
      text.back() == '\n') {
    auto secret =
        from_base64(std::string_view(text).substr(kKeyFileHeader.size(), text.size() - kKeyFileHeader.size() - 1));
    if (secret) {
      key = SigningKey::from_secret(*secret);
      sodium_memzero(secret->data(), secret->size());
    }
  }
  sodium_memzero(text.data(), text.size());
  if (!key) *error = path.string() + " is not a celljourney centre key file";
  return key;
}

}  // namespace cj::passport
