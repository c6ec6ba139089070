#include "server/deviations/lifecycle.h"

#include <algorithm>
#include <cctype>

#include "base/failure.h"

namespace cj::deviations {

namespace json = boost::json;

namespace {

bool one_of(std::string_view value, const auto& names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

// The step's details with who and when: what the detail answers show.
json::object stamped(const Step& step, json::object details) {
  details["by"] = or_null(step.by);
  details["at"] = step.at;
  if (step.note) details["note"] = *step.note;
  return details;
}

}  // namespace

bool valid_status(std::string_view status) { return one_of(status, kStatuses); }
bool valid_root_cause(std::string_view category) { return one_of(category, kRootCauses); }
bool valid_disposition(std::string_view disposition) { return one_of(disposition, kDispositions); }
bool valid_action_kind(std::string_view kind) { return one_of(kind, kActionKinds); }
bool is_oos_code(std::string_view code) { return code.rfind("OOS_", 0) == 0; }

std::size_t Lifecycle::open_actions() const {
  return static_cast<std::size_t>(
      std::count_if(actions.begin(), actions.end(), [](const auto& a) { return a.open(); }));
}

const CapaAction* Lifecycle::action(std::int64_t number) const {
  for (const auto& a : actions) {
    if (a.number == number) return &a;
  }
  return nullptr;
}

Lifecycle replay(const std::vector<Step>& steps) {
  Lifecycle life;
  for (const Step& step : steps) {
    const auto& d = step.details;
    if (step.action == "investigated") {
      life.investigation = stamped(step, {{"category", text_of(d, "category")}, {"text", text_of(d, "text")}});
    } else if (step.action == "action_added") {
      CapaAction a;
      a.number = static_cast<std::int64_t>(life.actions.size()) + 1;
      a.kind = text_of(d, "kind");
      a.text = text_of(d, "text");
      a.owner = text_of(d, "owner");
      a.due = text_of(d, "due");
      a.added_by = step.by.value_or("");
      a.added_at = step.at;
      life.actions.push_back(std::move(a));
    } else if (step.action == "action_closed") {
      const auto* number = d.if_contains("action");
      for (auto& a : life.actions) {
        if (number != nullptr && number->is_int64() && a.number == number->get_int64()) {
          a.closed_by = step.by;
          a.closed_at = step.at;
          a.closing_note = step.note;
        }
      }
    } else if (step.action == "capa_completed" || step.action == "capa_skipped") {
      life.capa_outcome = stamped(step, {{"outcome", step.action == "capa_completed" ? "completed" : "skipped"}});
    } else if (step.action == "disposed") {
      json::object disposition{{"disposition", text_of(d, "disposition")}};
      if (const auto physician = text_of(d, "physician"); !physician.empty()) disposition["physician"] = physician;
      life.disposition = stamped(step, std::move(disposition));
    } else if (step.action == "reopened") {
      ++life.reopened;
      life.investigation.reset();
      life.capa_outcome.reset();
      life.disposition.reset();
    }
  }
  return life;
}

json::object to_json(const Lifecycle& life) {
  json::array actions;
  for (const auto& a : life.actions) {
    json::object o{{"number", a.number},     {"kind", a.kind},
                   {"text", a.text},         {"owner", a.owner},
                   {"due", a.due},           {"added_by", a.added_by},
                   {"added_at", a.added_at}, {"status", a.open() ? "open" : "closed"}};
    o["closed_by"] = or_null(a.closed_by);
    o["closed_at"] = or_null(a.closed_at);
    o["closing_note"] = or_null(a.closing_note);
    actions.push_back(std::move(o));
  }
  json::object o;
  o["investigation"] = life.investigation ? json::value(*life.investigation) : json::value(nullptr);
  o["actions"] = std::move(actions);
  o["capa"] = life.capa_outcome ? json::value(*life.capa_outcome) : json::value(nullptr);
  o["disposition"] = life.disposition ? json::value(*life.disposition) : json::value(nullptr);
  o["reopened"] = life.reopened;
  return o;
}

json::object to_json(const Step& s) {
  json::object o{{"id", s.id}, {"action", s.action}, {"by", or_null(s.by)}, {"note", or_null(s.note)}, {"at", s.at}};
  o["signature_id"] = s.signature_id ? json::value(*s.signature_id) : json::value(nullptr);
  o["details"] = s.details.empty() ? json::value(nullptr) : json::value(s.details);
  return o;
}

std::string next_step_of(std::string_view status) {
  if (status == "open") return "acknowledge it first, naming its owner";
  if (status == "acknowledged" || status == "investigating")
    return "record the investigation (root-cause category and text) first";
  if (status == "capa")
    return "close every CAPA action and complete the CAPA first (a minor deviation may skip CAPA with a reason)";
  if (status == "disposition") return "record the product's disposition, then close it with your signature";
  if (status == "closed") return "reopen it with a reason first";
  return "reload it";
}

void require_status(std::int64_t id, const std::string& status, std::initializer_list<std::string_view> allowed,
                    std::string_view doing) {
  if (std::find(allowed.begin(), allowed.end(), status) != allowed.end()) return;
  std::string code = "DEVIATION_";
  for (char c : status) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  throw base::Failure::conflict(code, std::string("Deviation ") + std::to_string(id) + " is " + status + ": to " +
                                          std::string(doing) + ", " + next_step_of(status) + ".");
}

}  // namespace cj::deviations
