// The station's calls besides POST /api/v1/scans (contract B, D): signing a person in and out
// with badge + PIN, the sealing key for offline proofs, the step forms and a journey's next
// steps. Each reads the server's answer into plain structs; none throws for network failures
// (NoAnswer), and none logs a PIN.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scanner/poster.h"
#include "scanner/sealing.h"
#include "scanner/secret.h"

namespace cj::scanner {

struct SiteRole {
  std::string site;
  std::string role;
};

// A person as the server describes them when they sign in (never their PIN).
struct Person {
  std::string username;
  std::string display_name;
  std::vector<SiteRole> roles;
  // "apheresis" or "apheresis, cell_lab": their roles at `site` (all when site is empty).
  std::string roles_text(const std::string& site) const;
  bool has_role(const std::string& site, const std::vector<std::string>& any_of) const;
};

struct SignIn {
  enum class Kind { SignedIn, Refused, NoAnswer };
  Kind kind = Kind::NoAnswer;
  std::string token;       // SignedIn
  std::string expires_at;  // SignedIn
  int idle_minutes = 15;   // SignedIn
  Person person;           // SignedIn
  std::string code;        // Refused: BAD_CREDENTIALS, ACCOUNT_LOCKED, NO_ROLE_AT_SITE, ...
  std::string message;     // Refused: the server's message; NoAnswer: why
};

// POST /api/v1/operator-tokens {"badge","pin","purpose"} ("shift" or "witness").
SignIn sign_in(Poster& poster, const SecretText& badge, const SecretText& pin, const std::string& purpose);
// POST /api/v1/operator-tokens/end; true when the server answered 204.
bool sign_out(Poster& poster, const std::string& token);
// GET /api/v1/operator-tokens/sealing-key; nullopt when no usable answer.
std::optional<SealingKey> fetch_sealing_key(Poster& poster);

}  // namespace cj::scanner
