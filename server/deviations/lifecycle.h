// The deviation lifecycle's rules, without the database (docs/quality.md "Deviations and CAPA"):
//
//   open --acknowledge (owner)--> acknowledged --investigate (root cause)--> capa
//   capa --complete CAPA (every action closed) | skip CAPA (minor only, with a reason)--> disposition
//   disposition --dispose (use, quarantine, discard, physician_decision)--; --close (signed)--> closed
//   closed --reopen (reason)--> investigating --investigate--> capa ...
//
// What each step recorded lives in its deviation_events row (details), not in columns:
// replay() reads the investigation, the CAPA actions and the disposition back from the steps.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace cj::deviations {

inline constexpr std::array<std::string_view, 6> kStatuses{"open", "acknowledged", "investigating",
                                                           "capa", "disposition",  "closed"};
/// The root-cause categories an investigation chooses from (docs/quality.md lists their meaning).
inline constexpr std::array<std::string_view, 9> kRootCauses{"people",           "procedure",        "equipment",
                                                             "material",         "environment",      "it_system",
                                                             "supplier_courier", "patient_clinical", "undetermined"};
inline constexpr std::array<std::string_view, 4> kDispositions{"use", "quarantine", "discard", "physician_decision"};
inline constexpr std::array<std::string_view, 2> kActionKinds{"corrective", "preventive"};

bool valid_status(std::string_view status);
bool valid_root_cause(std::string_view category);
bool valid_disposition(std::string_view disposition);
bool valid_action_kind(std::string_view kind);
/// "a, b, c": a list for error messages.
std::string listed(const auto& names) {
  std::string out;
  for (std::string_view n : names) out.append(out.empty() ? "" : ", ").append(n);
  return out;
}

/// Out-of-specification deviations (codes OOS_*): their disposition is the physician's decision.
bool is_oos_code(std::string_view code);

/// One deviation_events row.
struct Step {
  std::int64_t id = 0;
  std::string action;
  std::optional<std::string> by;  // username; none for a raise by the system
  std::optional<std::string> note;
  std::string at;
  std::optional<std::int64_t> signature_id;
  boost::json::object details;  // empty when the step has none
};

struct CapaAction {
  std::int64_t number = 0;  // 1, 2, ... within the deviation
  std::string kind, text, owner, due, added_by, added_at;
  std::optional<std::string> closed_by, closed_at, closing_note;
  bool open() const { return !closed_at.has_value(); }
};

/// The deviation's work as its steps tell it. A reopen starts a new cycle: the investigation,
/// the CAPA outcome and the disposition are asked again; actions stay (closed ones closed).
struct Lifecycle {
  std::optional<boost::json::object> investigation;  // {"category", "text", "by", "at"}
  std::vector<CapaAction> actions;
  std::optional<boost::json::object> capa_outcome;  // {"outcome": "completed"|"skipped", "note", "by", "at"}
  std::optional<boost::json::object> disposition;   // {"disposition", "note", "physician"?, "by", "at"}
  int reopened = 0;

  std::size_t open_actions() const;
  const CapaAction* action(std::int64_t number) const;
};

Lifecycle replay(const std::vector<Step>& steps);

boost::json::object to_json(const Lifecycle& lifecycle);
boost::json::object to_json(const Step& step);

/// What to do next from status, for the 409 of an illegal transition ("acknowledge it first ...").
std::string next_step_of(std::string_view status);

/// Throws base::Failure (conflict) DEVIATION_<STATUS> ("DEVIATION_OPEN", ...) unless status is one
/// of allowed; the message names the state and the next step. doing: "record an investigation".
void require_status(std::int64_t id, const std::string& status, std::initializer_list<std::string_view> allowed,
                    std::string_view doing);

}  // namespace cj::deviations
