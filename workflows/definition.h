// A product definition: the harmonised core journey with one product's rules laid over it,
// site-set values filled in from a site configuration. Built by load_definition(); read by the
// engine. Plain data: copy it, share a const one between threads.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "workflows/time_point.h"

namespace cj::workflows {

// What follows when a rule is broken.
enum class Breach { Deviation, Refusal };

// How often a step may happen before it counts as repeated.
enum class Repeat {
  Once,     // once per journey
  PerUnit,  // once per scanned unit (each bag is thawed once, ...)
  Any,      // any number of times (apheresis sessions, holds)
};

enum class FieldType { Number, Numbers, Integer, Text, Boolean, Time };  // Numbers: a list (logger readings)

// How a station takes the value: typed on the keyboard, or scanned (shipper ids, storage positions).
enum class FieldEntry { Type, Scan };

struct FieldRule {
  std::string name;   // the key in the event's data ("volume_ml")
  std::string label;  // for people ("Volume"); empty: the station shows the name
  FieldType type = FieldType::Text;
  std::vector<std::string> choices;  // Text only: the closed set of answers; empty: any text
  FieldEntry entry = FieldEntry::Type;
  std::string unit;  // for people: "mL", "°C", "doses"
  bool required = false;
  std::optional<double> min, max;  // for Number and Integer
  std::string rule;                // "carvykti/tocilizumab-on-site"; empty when no range
  Breach breach = Breach::Deviation;
  std::string source;
  int line = 0;
};

// The step happened too early or too late relative to a named earlier event.
struct WindowRule {
  std::string rule;  // "kymriah/thaw-to-infusion-end"
  std::string from;  // the earlier step whose latest event starts the clock
  std::optional<Duration> min, max;
  bool per_unit = false;         // the clock is the `from` event that scanned the same unit
  bool calendar_days = false;    // min/max count UTC calendar days (Day 1 / Day 10 schedules)
  std::optional<int> dose;       // applies only to events whose units belong to this dose
  std::optional<int> from_dose;  // the clock event must have scanned a unit of this dose
  bool first_only = false;       // applies only to the first event of the step (premedication)
  Breach breach = Breach::Deviation;
  std::string source;
  int line = 0;
};

// A temperature in the event's data: one number (`field`) or a list of logger readings.
struct TemperatureRule {
  std::string rule;
  std::string field;  // "temperature_c", "logger_readings_c"
  std::optional<double> min_c, max_c;
  Breach breach = Breach::Deviation;
  std::string source;
  int line = 0;
};

// A yes/no question answered at the station; every "no" needs a written reason.
struct ChecklistQuestion {
  std::string id;  // the key in data.checklist
  std::string question;
  Breach on_no = Breach::Deviation;
  std::string source;
  int line = 0;
};

struct StepRule {
  std::string id;  // "product.thaw"
  std::string title;
  bool side_exit = false;             // hold, return, dispose, correction: outside the main order
  bool required = false;              // the journey is not complete without it (drives next and deadlines)
  std::vector<std::string> after;     // predecessors: all must be recorded before
  std::vector<std::string> roles;     // an operator must hold one of these
  std::vector<std::string> scans;     // ISBT 128 structure numbers that must be scanned ("001")
  std::vector<std::string> identity;  // unit kinds that must be scanned ("bag", "cassette")
  bool coi = false;                   // the journey's COI [040] must be scanned
  bool wristband = false;             // the patient's wristband must be scanned and match
  int witnesses = 1;                  // distinct operators required
  std::string qualification;          // product training every operator must hold; empty: none
  Repeat repeat = Repeat::Once;
  bool check_expiry = false;          // refuse expired units
  bool requires_oos_release = false;  // refuse after an OOS release without a physician decision
  bool checks_storage = false;        // the event's `location` must suit the product's storage
  // Hard stops at the points of no return (all refusals; docs/workflows.md "Hard stops"):
  std::string anchor_fallback;   // a clock counted from this step runs from this earlier one
                                 // while this one is not recorded for the bag (ANCHOR_MISSING)
  bool refused_on_hold = false;  // not while the journey or the bag is on hold (ON_HOLD)
  std::string bedside_check;     // the step (infusion.verify) that must be recorded, accepted, for
                                 // the bag by two distinct people within the site's window before
                                 // (BEDSIDE_CHECK_MISSING)
  std::string unit_needs;        // the scanned bag must have this step recorded (WRONG_BAG)
  std::string unit_spent_by;     // the scanned bag must not have this step recorded (WRONG_BAG)
  bool checks_blocking = false;  // not while the bag has an open blocking deviation (BLOCKING_DEVIATION)
  std::string dose_order;        // every bag of the previous dose must have this step recorded
                                 // (infusion.end) before a bag of the next dose (DOSE_ORDER)
  bool readmits = false;         // a receipt: returned units are back once it is recorded
  std::vector<FieldRule> fields;
  std::vector<WindowRule> windows;
  std::vector<TemperatureRule> temperatures;
  std::vector<ChecklistQuestion> checklist;
  int line = 0;
};

struct StorageRule {
  std::string rule;  // "kymriah/storage"
  std::optional<double> min_c, max_c;
  std::string source;
  int line = 0;
};

// One kind of identifier the manufacturer gives a patient's order (its order or enrolment id,
// its own COI, the batch or lot). Kept per journey beside the COI (the desk's new-journey form);
// its value is checked here when a pattern is known (identifiers.h).
struct IdentifierRule {
  std::string kind;     // "order_id": the key in the API and the export
  std::string label;    // for people: "Novartis order ID"
  std::string pattern;  // ECMAScript regular expression the whole value must match; empty: any text
  std::string example;  // a value that matches, for the form's hint; empty when none is known
  bool required = false;
  std::string source;  // where the format (or the kind) is documented
  int line = 0;
};

struct Definition {
  std::string product;        // "kymriah"
  std::string name;           // "Kymriah (tisagenlecleucel)"
  std::string label_version;  // which label versions the rules were taken from
  std::string region;         // the site's region ("EU", "US"), which picked regional values
  std::vector<StepRule> steps;
  std::optional<StorageRule> storage;
  // Deviation codes that, open on a bag (or on the journey), refuse the steps that
  // checks_blocking: the core's and the product's `blocking_deviations`, and the site's
  // (SiteConfig::safety.blocking_codes).
  std::vector<std::string> blocking_deviations;
  // The manufacturer's identifiers for a journey, in the order the product lists them.
  std::vector<IdentifierRule> identifiers;

  // The step called `id`, or nullptr.
  const StepRule* find_step(std::string_view id) const;
  // Its position in `steps`, or steps.size().
  std::size_t step_index(std::string_view id) const;
  // REQUIRES steps filled; rebuilds the lookup (load_definition() calls it).
  void index_steps();

 private:
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;
};

}  // namespace cj::workflows
