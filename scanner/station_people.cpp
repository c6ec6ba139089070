// The station's people: signing in with badge + PIN (online: an operator token from the server;
// offline: the badge and PIN kept in guarded memory and sealed into each event's proof), signing
// out (the badge again, SIGN OUT, the idle timeout), and the second person of a two-person check.
#include <sodium.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "scanner/station.h"
#include "scanner/terminal.h"

namespace cj::scanner {

namespace json = boost::json;

namespace {

std::filesystem::path beside_outbox(const StationConfig& config, const char* name) {
  return config.outbox.parent_path() / name;
}

std::string trimmed(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

std::string Station::badge_hash(const std::string& text) const {
  // A keyed BLAKE2b of the badge read (the station's key): the people cache and the "same badge
  // again" check know a badge without keeping it.
  const std::string badge = trimmed(text);
  unsigned char hash[32];
  unsigned char key[crypto_generichash_KEYBYTES];
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(config_.key.data()), config_.key.size(),
                     nullptr, 0);
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(badge.data()), badge.size(), key,
                     sizeof key);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool Station::is_signed_in_badge(const std::string& text) const {
  return operator_ && !text.empty() && badge_hash(text) == operator_->badge_hash;
}

void Station::refresh_sealing_key() {
  const auto cache = beside_outbox(config_, "sealing-key.json");
  if (auto fetched = fetch_sealing_key(api_)) {
    sealing_key_ = fetched;
    try {
      save_sealing_key(cache, *fetched);
    } catch (const std::exception& e) {
      spdlog::warn("cannot cache the sealing key: {}", e.what());
    }
    return;
  }
  if (!sealing_key_) sealing_key_ = load_sealing_key(cache);
}

// people.json: who signed in here before (by badge hash): name, roles, idle timeout. No badge,
// no PIN. It lets a person sign in offline and the screen say who they are.
void Station::remember_person(const std::string& hash, const Person& person, int idle_minutes) {
  const auto file = beside_outbox(config_, "people.json");
  json::object all;
  {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto value = json::parse(text.str(), ec);
    if (!ec && value.is_object()) all = std::move(value.as_object());
  }
  json::array roles;
  for (const auto& r : person.roles) roles.push_back(json::object{{"site", r.site}, {"role", r.role}});
  all[hash] = json::object{{"username", person.username},
                           {"display_name", person.display_name},
                           {"roles", std::move(roles)},
                           {"idle_minutes", idle_minutes}};
  const auto temporary = std::filesystem::path(file.string() + ".new");
  std::ofstream(temporary, std::ios::trunc) << json::serialize(all) << "\n";
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
}

std::optional<Person> Station::remembered_person(const std::string& hash, int& idle_minutes) const {
  std::ifstream in(beside_outbox(config_, "people.json"));
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  const auto value = json::parse(text.str(), ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto* entry = value.as_object().if_contains(hash);
  if (!entry || !entry->is_object()) return std::nullopt;
  const auto& o = entry->as_object();
  Person person;
  const auto text_of = [](const json::object& object, const char* key) {
    const auto* v = object.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  person.username = text_of(o, "username");
  person.display_name = text_of(o, "display_name");
  if (const auto* roles = o.if_contains("roles"); roles && roles->is_array()) {
    for (const auto& r : roles->as_array()) {
      if (r.is_object()) person.roles.push_back({text_of(r.as_object(), "site"), text_of(r.as_object(), "role")});
    }
  }
  if (const auto* idle = o.if_contains("idle_minutes"); idle && idle->is_int64()) {
    idle_minutes = static_cast<int>(idle->as_int64());
  }
  if (person.username.empty()) return std::nullopt;
  return person;
}

void Station::badge_read(const std::string& text, bool witness) {
  if (witness && is_signed_in_badge(text)) {
    spdlog::warn("witness refused at the station: the operator's own badge");
    state_.banner = Banner::Rejected;
    state_.detail = {"The second person must be someone else than " + operator_->person.display_name +
                     ". Ask a colleague to scan their badge."};
    screen_.bell(2);
    return;
  }
  pending_badge_ = SecretText(trimmed(text));
  mode_ = witness ? Mode::WitnessPin : Mode::Pin;
  set_terminal_echo(STDIN_FILENO, false);
  state_.banner = witness ? Banner::Entry : Banner::SignIn;
  state_.detail = {witness ? "Badge read. Second person: type your PIN, then Enter (it is not shown)."
                           : "Badge read. Type your PIN, then Enter (it is not shown)."};
  state_.next_action = "type the PIN";
}

void Station::pin_read(std::string& text, bool witness) {
  set_terminal_echo(STDIN_FILENO, true);
  SecretText pin(text);
  wipe_string(text);
  SecretText badge = std::move(pending_badge_);
  const std::string hash = badge_hash(std::string(badge.view()));
  const SignIn answer = sign_in(api_, badge, pin, witness ? "witness" : "shift");
  SignedInPerson who;
  who.badge_hash = hash;
  who.last_activity = std::chrono::steady_clock::now();
  const auto back = [&](std::string message) {
    state_.banner = Banner::Rejected;
    state_.detail = {std::move(message)};
    mode_ = witness ? Mode::WitnessBadge : Mode::Badge;
    state_.next_action = witness ? "second person: scan your badge (CANCEL to stop)" : "scan your badge";
    screen_.bell(2);
  };
  if (answer.kind == SignIn::Kind::Refused) {
    spdlog::warn("sign-in refused by the server: {}", answer.code);
    return back("Not signed in: " + answer.message);
  }
  if (answer.kind == SignIn::Kind::SignedIn) {
    state_.online = true;
    who.person = answer.person;
    who.token = answer.token;
    who.idle_minutes = answer.idle_minutes;
    remember_person(hash, who.person, who.idle_minutes);
    if (!sealing_key_) refresh_sealing_key();
  } else {
    // No answer: the person signs in offline when the station knows them and has the key to seal
    // their proof; the server checks the PIN when the event arrives.
    spdlog::warn("sign-in: no answer from the server ({}); trying offline", answer.message);
    int idle = 15;
    auto known = remembered_person(hash, idle);
    if (!sealing_key_) {
      return back(
          "The server does not answer and this station cannot sign people in offline yet (it has never "
          "reached the server). Try again when the server answers.");
    }
    if (!known) {
      return back(
          "The server does not answer and this badge has never signed in at this station: it cannot be "
          "signed in offline. Try again when the server answers.");
    }
    who.person = *known;
    who.offline = true;
    who.idle_minutes = idle;
    who.badge = std::move(badge);
    who.pin = std::move(pin);
  }
  if (witness) {
    if (who.person.username == operator_->person.username) {
      spdlog::warn("witness refused at the station: the operator");
      return back("The second person must be someone else than " + operator_->person.display_name + ".");
    }
    if (form_ && !who.person.has_role(config_.site, form_->roles)) {
      spdlog::warn("witness {} refused at the station: no role for {}", who.person.username, step_);
      return back(who.person.display_name + " cannot check this step (it needs a " + form_->roles.front() +
                  " person). Ask another colleague.");
    }
    spdlog::info("witness {} signed in{}", who.person.username, who.offline ? " offline" : "");
    witness_ = std::move(who);
    return show_summary();
  }
  spdlog::info("operator {} signed in{}", who.person.username, who.offline ? " offline" : "");
  operator_ = std::move(who);
  to_menu({operator_->offline ? "Signed in offline: the server checks the PIN later." : "Signed in."});
}

void Station::sign_out(const std::string& why) {
  if (!operator_) return;
  spdlog::info("operator {} {}", operator_->person.username, why);
  if (!operator_->token.empty()) sign_out_token(operator_->token);
  operator_.reset();  // an offline person's badge and PIN are wiped here
  witness_.reset();
  drop_set();
  step_.clear();
  state_.step.clear();
  mode_ = Mode::Badge;
  state_.banner = Banner::SignIn;
  state_.detail = {"You are " + why + ". Scan your badge to sign in."};
  update_next_action();
}

void Station::sign_out_token(const std::string& token) { (void)scanner::sign_out(api_, token); }

void Station::check_idle() {
  if (!operator_) return;
  const auto idle = std::chrono::steady_clock::now() - operator_->last_activity;
  if (idle < std::chrono::minutes(operator_->idle_minutes)) return;
  sign_out("signed out after " + std::to_string(operator_->idle_minutes) + " minutes without a scan");
  redraw();
}

json::array Station::proofs_for(const std::string& occurred_at, const std::string& key) {
  json::array proofs;
  for (SignedInPerson* who : {operator_ ? &*operator_ : nullptr, witness_ ? &*witness_ : nullptr}) {
    if (!who) continue;
    if (!who->offline) {
      proofs.push_back(json::object{{"operator", who->person.username}, {"token", who->token}});
      continue;
    }
    if (!sealing_key_) throw std::runtime_error("no sealing key");
    SealedFacts facts;
    facts.station = config_.station;
    facts.operator_name = who->person.username;
    facts.occurred_at = occurred_at;
    facts.idempotency_key = key;
    proofs.push_back(json::object{{"operator", who->person.username},
                                  {"sealed", seal_proof(*sealing_key_, who->badge, who->pin, facts)}});
  }
  return proofs;
}

void Station::update_signed_in_line() {
  if (!operator_) {
    state_.signed_in.clear();
    return;
  }
  const auto& p = operator_->person;
  state_.signed_in = p.display_name;
  if (const auto roles = p.roles_text(config_.site); !roles.empty()) state_.signed_in += ", " + roles;
  if (operator_->offline) state_.signed_in += ", offline";
  if (witness_) state_.signed_in += " + " + witness_->person.display_name;
}

}  // namespace cj::scanner
