#include "scanner/step_form.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <sstream>

#include <boost/json.hpp>

#include "scanner/event.h"

namespace cj::scanner {

namespace json = boost::json;

namespace {

std::string text_of(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::optional<double> number_of(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_number()) return std::nullopt;
  return value->to_number<double>();
}

std::vector<std::string> strings_of(const json::object& object, const char* key) {
  std::vector<std::string> result;
  const auto* value = object.if_contains(key);
  if (!value || !value->is_array()) return result;
  for (const auto& item : value->as_array()) {
    if (item.is_string()) result.emplace_back(item.as_string());
  }
  return result;
}

StepForm form_of(const json::object& o) {
  StepForm form;
  form.step = text_of(o, "step");
  form.title = text_of(o, "title");
  form.roles = strings_of(o, "roles");
  if (const auto w = number_of(o, "witnesses")) form.witnesses = static_cast<int>(*w);
  if (const auto* scans = o.if_contains("scans"); scans && scans->is_object()) {
    const auto& s = scans->as_object();
    if (const auto* coi = s.if_contains("coi"); coi && coi->is_bool()) form.scan_coi = coi->as_bool();
    if (const auto* band = s.if_contains("wristband"); band && band->is_bool()) form.scan_wristband = band->as_bool();
    form.identity = strings_of(s, "identity");
    form.structures = strings_of(s, "structures");
  }
  if (const auto* fields = o.if_contains("fields"); fields && fields->is_array()) {
    for (const auto& item : fields->as_array()) {
      if (!item.is_object()) continue;
      const auto& f = item.as_object();
      FormField field;
      field.name = text_of(f, "name");
      field.label = text_of(f, "label");
      if (field.label.empty()) field.label = field.name;
      if (const auto type = text_of(f, "type"); !type.empty()) field.type = type;
      field.unit = text_of(f, "unit");
      if (const auto* required = f.if_contains("required"); required && required->is_bool()) {
        field.required = required->as_bool();
      }
      field.min = number_of(f, "min");
      field.max = number_of(f, "max");
      if (const auto breach = text_of(f, "breach"); !breach.empty()) field.breach = breach;
      field.choices = strings_of(f, "choices");
      field.scanned = text_of(f, "entry") == "scan";
      form.fields.push_back(std::move(field));
    }
  }
  if (const auto* checklist = o.if_contains("checklist"); checklist && checklist->is_array()) {
    for (const auto& item : checklist->as_array()) {
      if (!item.is_object()) continue;
      ChecklistQuestion question;
      question.id = text_of(item.as_object(), "id");
      question.question = text_of(item.as_object(), "question");
      form.checklist.push_back(std::move(question));
    }
  }
  return form;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

bool parse_number(std::string text, double& out) {
  for (auto& c : text) {
    if (c == ',') c = '.';
  }
  if (text.empty()) return false;
  std::size_t used = 0;
  try {
    out = std::stod(text, &used);
  } catch (const std::exception&) {
    return false;
  }
  return used == text.size() && std::isfinite(out);
}

std::string range_text(const FormField& f) {
  const std::string unit = f.unit.empty() ? "" : " " + f.unit;
  if (f.min && f.max) return number_text(*f.min) + " to " + number_text(*f.max) + unit;
  if (f.min) return std::string("at least ").append(number_text(*f.min)).append(unit);
  if (f.max) return std::string("at most ").append(number_text(*f.max)).append(unit);
  return {};
}

// One number against the field's type and range; an empty problem when it passes.
std::string check_number(const FormField& f, const std::string& text, double& value, bool& outside) {
  if (!parse_number(text, value)) return "'" + text + "' is not a number. Type digits, e.g. 12.5.";
  if (f.type == "integer" && value != std::floor(value)) return "Type a whole number.";
  const bool below = f.min && value < *f.min;
  const bool above = f.max && value > *f.max;
  if (!below && !above) return {};
  if (f.breach == "deviation") {
    outside = true;
    return {};
  }
  return f.label + " must be " + range_text(f) + "; " + text + " is outside. Check and type it again.";
}

}  // namespace

std::map<std::string, StepForm> read_forms(const std::string& body) {
  std::map<std::string, StepForm> forms;
  boost::system::error_code ec;
  const json::value value = json::parse(body, ec);
  if (ec || !value.is_object()) return forms;
  const auto* steps = value.as_object().if_contains("steps");
  if (!steps || !steps->is_array()) return forms;
  for (const auto& item : steps->as_array()) {
    if (!item.is_object()) continue;
    StepForm form = form_of(item.as_object());
    if (!form.step.empty()) forms.emplace(form.step, std::move(form));
  }
  return forms;
}

std::optional<JourneyNext> read_journey_next(const std::string& body) {
  boost::system::error_code ec;
  const json::value value = json::parse(body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.as_object();
  JourneyNext next;
  next.coi = text_of(o, "coi");
  next.product_name = text_of(o, "product_name");
  if (next.product_name.empty()) next.product_name = text_of(o, "product");
  next.patient_initials = text_of(o, "patient_initials");
  next.stage = text_of(o, "stage");
  if (const auto bags = number_of(o, "bags")) next.bags = static_cast<int>(*bags);
  if (const auto* units = o.if_contains("units"); units && units->is_array()) {
    for (const auto& unit : units->as_array()) {
      if (unit.is_object() && !text_of(unit.as_object(), "din").empty()) {
        next.din_kinds.insert(text_of(unit.as_object(), "kind"));
      }
    }
  }
  if (const auto* steps = o.if_contains("next"); steps && steps->is_array()) {
    for (const auto& item : steps->as_array()) {
      if (!item.is_object()) continue;
      NextExpected step;
      step.step = text_of(item.as_object(), "step");
      step.title = text_of(item.as_object(), "title");
      step.due_by = text_of(item.as_object(), "due_by");
      next.next.push_back(std::move(step));
    }
  }
  if (const auto* forms = o.if_contains("forms"); forms && forms->is_object()) {
    for (const auto& [step, form] : forms->as_object()) {
      if (form.is_object()) next.forms.emplace(std::string(step), form_of(form.as_object()));
    }
  }
  return next;
}

const std::set<std::string>& usual_din_kinds() {
  static const std::set<std::string> kinds{"apheresis_bag", "bag", "vial"};
  return kinds;
}

std::vector<CodeKind> needs_of_form(const StepForm& form, const std::set<std::string>& din_kinds) {
  std::vector<CodeKind> needs{CodeKind::Coi};
  if (form.scan_wristband) needs.push_back(CodeKind::Wristband);
  for (const auto& structure : form.structures) {
    if (structure == "001") {
      needs.push_back(CodeKind::Din);
    } else if (structure == "003") {
      needs.push_back(CodeKind::ProductCode);
    } else if (structure == "025") {
      if (!form.scan_wristband) needs.push_back(CodeKind::Wristband);
    } else if (structure != "040") {
      needs.push_back(CodeKind::OtherIsbt);
    }
  }
  // A DIN asked for by "001" is the first DIN-labelled unit's: not asked twice.
  bool din_asked = std::find(form.structures.begin(), form.structures.end(), "001") != form.structures.end();
  for (const auto& kind : form.identity) {
    if (din_kinds.count(kind) == 0) {
      needs.push_back(CodeKind::Identifier);
    } else if (din_asked) {
      din_asked = false;
    } else {
      needs.push_back(CodeKind::Din);
    }
  }
  return needs;
}

std::string field_prompt(const FormField& f) {
  std::string text = f.label;
  if (!f.unit.empty()) text += " (" + f.unit + ")";
  if (const auto range = range_text(f); !range.empty() && f.type != "text") text += ", " + range;
  if (f.scanned) text += ": scan it";
  if (f.type == "boolean") text += ": YES or NO";
  if (f.type == "time") text += ": HH:MM";
  if (f.type == "numbers") text += ": one or more, separated by spaces";
  if (!f.choices.empty()) {
    text += ": type the number:";
    for (std::size_t i = 0; i < f.choices.size(); ++i)
      text.append(" ").append(std::to_string(i + 1)).append(" ").append(f.choices[i]);
  }
  if (!f.required) text += " (optional: SKIP)";
  return text;
}

FieldCheck check_field(const FormField& f, const std::string& typed) {
  FieldCheck check;
  if (typed.empty()) {
    check.problem = "Nothing was typed for " + f.label + ".";
    return check;
  }
  if (f.type == "number" || f.type == "integer") {
    double value = 0;
    check.problem = check_number(f, typed, value, check.outside_range);
    if (check.problem.empty()) {
      check.value = f.type == "integer" ? json::value(static_cast<std::int64_t>(value)) : json::value(value);
    }
    return check;
  }
  if (f.type == "numbers") {
    json::array values;
    std::string part;
    std::istringstream in(typed);
    while (std::getline(in, part, ' ')) {
      std::istringstream inner(part);
      std::string piece;
      while (std::getline(inner, piece, ';')) {
        if (piece.empty()) continue;
        double value = 0;
        bool outside = false;
        check.problem = check_number(f, piece, value, outside);
        if (!check.problem.empty()) return check;
        check.outside_range = check.outside_range || outside;
        values.emplace_back(value);
      }
    }
    if (values.empty()) check.problem = "Type at least one number.";
    if (check.problem.empty()) check.value = std::move(values);
    return check;
  }
  if (f.type == "boolean") {
    if (typed == "YES" || typed == "yes") check.value = true;
    if (typed == "NO" || typed == "no") check.value = false;
    if (!check.value) check.problem = "Answer YES or NO.";
    return check;
  }
  if (f.type == "time") {
    std::chrono::system_clock::time_point at;
    int hours = 0, minutes = 0, used = 0;
    if (parse_utc(typed, at)) {
      check.value = json::value(utc_text(at));
    } else if (std::sscanf(typed.c_str(), "%2d:%2d%n", &hours, &minutes, &used) == 2 &&
               used == static_cast<int>(typed.size()) && hours < 24 && minutes < 60 && hours >= 0 && minutes >= 0) {
      const std::time_t now = std::time(nullptr);
      std::tm local{};
      localtime_r(&now, &local);
      local.tm_hour = hours;
      local.tm_min = minutes;
      local.tm_sec = 0;
      local.tm_isdst = -1;
      check.value = json::value(utc_text(std::chrono::system_clock::from_time_t(std::mktime(&local))));
    } else {
      check.problem = "Type the time as HH:MM, e.g. 14:05.";
    }
    return check;
  }
  if (!f.choices.empty()) {
    for (std::size_t i = 0; i < f.choices.size(); ++i) {
      if (typed == f.choices[i] || typed == std::to_string(i + 1)) {
        check.value = json::value(f.choices[i]);
        return check;
      }
    }
    check.problem = "Choose one of the numbers shown for " + f.label + ".";
    return check;
  }
  for (unsigned char c : typed) {
    if (c < 0x20 || c == 0x7f) {
      check.problem = "The text holds a control character; type it again.";
      return check;
    }
  }
  check.value = json::value(typed);
  return check;
}

}  // namespace cj::scanner
