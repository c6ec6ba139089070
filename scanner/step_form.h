// What a step asks for, as the server serves it (contract D: GET /api/v1/forms and the "forms"
// of GET /api/v1/journeys/{coi}/next), and the local check of one typed answer to a field.
// The server checks the event's data again and stays the authority.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "scanner/local_check.h"

namespace cj::scanner {

struct FormField {
  std::string name;
  std::string label;
  std::string type = "text";  // number, numbers, integer, text, boolean, time
  std::string unit;
  bool required = true;
  std::optional<double> min, max;
  std::string breach = "refusal";  // what the server makes of a value outside min..max
  std::vector<std::string> choices;
  bool scanned = false;  // entry: scan (a shipper id, a storage position)
};

struct ChecklistQuestion {
  std::string id;
  std::string question;
};

struct StepForm {
  std::string step;
  std::string title;
  std::vector<std::string> roles;
  int witnesses = 1;
  bool scan_coi = true;
  bool scan_wristband = false;
  std::vector<std::string> identity;    // unit kinds to scan: "bag" (a DIN), "shipper" (an identifier)
  std::vector<std::string> structures;  // ISBT 128 data structures scanned ("001")
  std::vector<FormField> fields;
  std::vector<ChecklistQuestion> checklist;
};

struct NextExpected {
  std::string step;
  std::string title;
  std::string due_by;  // "YYYY-MM-DDTHH:MM:SSZ" or empty
};

// GET /journeys/{coi}/next: initials only, never the MRN.
struct JourneyNext {
  std::string coi;
  std::string product_name;
  std::string patient_initials;
  std::string stage;
  int bags = 0;
  std::set<std::string> din_kinds;  // the kinds of the journey's units that carry a DIN ("bag")
  std::vector<NextExpected> next;
  std::map<std::string, StepForm> forms;
};

// The steps of a GET /forms answer by step id; empty when the body is not one.
std::map<std::string, StepForm> read_forms(const std::string& body);
std::optional<JourneyNext> read_journey_next(const std::string& body);

// The unit kinds labelled with a DIN when the journey's own units are not known (offline, or
// before the COI): apheresis bags, bags and vials; cassettes, shippers, RfICs carry identifiers.
const std::set<std::string>& usual_din_kinds();

// The scan set a form asks for: the COI, the wristband, a DIN per "001" (a product code per
// "003"), and per identity unit a DIN when its kind is in din_kinds, an identifier otherwise.
std::vector<CodeKind> needs_of_form(const StepForm& form, const std::set<std::string>& din_kinds = usual_din_kinds());

// "Volume (mL), 10 to 500" / "Storage position (scan it)" / "... optional: SKIP".
std::string field_prompt(const FormField& field);

struct FieldCheck {
  std::optional<boost::json::value> value;  // the value for the event's data when it passes
  std::string problem;                      // why not, for the person typing it
  bool outside_range = false;               // a number outside min..max where breach is deviation
};

// Checks one typed answer. Numbers: digits with '.' (or ','), within min..max: outside it is
// refused where the breach is "refusal", and only flagged (outside_range, value set) where the
// server records a deviation. numbers: several, separated by spaces or ';'. boolean: YES/NO.
// time: "HH:MM" (today, the station's clock) or "YYYY-MM-DDTHH:MM:SSZ". choices: the text or
// its number in the list.
FieldCheck check_field(const FormField& field, const std::string& typed);

}  // namespace cj::scanner
