// The step's form at the station: the menus' titles (GET /forms, cached beside the outbox for
// offline), whose product it is after the COI (GET /journeys/{coi}/next; the nurse confirms),
// then each field in order, the checklist with a reason for every NO, a witness when the step
// needs two people, and a summary before the event is saved.
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "scanner/event.h"
#include "scanner/station.h"

namespace cj::scanner {

namespace json = boost::json;

namespace {

std::string value_text(const json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_bool()) return value.as_bool() ? "yes" : "no";
  if (value.is_double()) {
    std::ostringstream out;  // 450, -180.5: not Boost.JSON's 4.5E2
    out << value.as_double();
    return out.str();
  }
  if (value.is_array()) {
    std::string text;
    for (const auto& item : value.as_array()) text.append(text.empty() ? "" : " ").append(value_text(item));
    return text;
  }
  return json::serialize(value);
}

// "14:05" (the station's clock) of "2026-11-20T14:05:00Z".
std::string clock_text(const std::string& utc) {
  std::chrono::system_clock::time_point at;
  if (!parse_utc(utc, at)) return utc;
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%d %b %H:%M", &local);
  return text;
}

}  // namespace

void Station::load_forms() {
  const auto cache = config_.outbox.parent_path() / "forms.json";
  const PostAnswer answer = api_.request("GET", "/api/v1/forms", "");
  if (answer.status == 200) {
    forms_ = read_forms(answer.body);
    const auto temporary = std::filesystem::path(cache.string() + ".new");
    std::ofstream(temporary, std::ios::trunc) << answer.body;
    std::error_code ec;
    std::filesystem::rename(temporary, cache, ec);
    spdlog::info("step forms: {} from the server", forms_.size());
    return;
  }
  std::ifstream in(cache);
  std::ostringstream text;
  text << in.rdbuf();
  forms_ = read_forms(text.str());
  spdlog::info("step forms: {} from the cache (the server answered {})", forms_.size(), answer.status);
}

void Station::ask_server_about_journey() {
  const PostAnswer answer = api_.request("GET", "/api/v1/journeys/" + set_.journey() + "/next", "");
  const auto next = answer.status == 200 ? read_journey_next(answer.body) : std::nullopt;
  if (!next) {
    spdlog::info("journey {}: no next steps from the server ({})", set_.journey(), answer.status);
    if (answer.status == 0) {
      state_.detail.push_back("Offline: the server cannot confirm whose product this is. Check the label.");
    }
    return;
  }
  if (const auto it = next->forms.find(step_); it != next->forms.end()) {
    // The product's own form for this step (its fields and rules) replaces the core one.
    form_ = it->second;
    if (!config_.needs.count(step_)) {
      auto reads = reads_;
      set_ = ScanSet(needs_of_form(*form_, next->din_kinds.empty() ? usual_din_kinds() : next->din_kinds));
      reads_.clear();
      for (const auto& [read, typed] : reads) {
        if (!set_.add(read)) reads_.emplace_back(read, typed);
      }
    }
  }
  std::vector<std::string> detail;
  detail.push_back("Patient " + next->patient_initials + " - " + next->product_name + " - " +
                   std::to_string(next->bags) + (next->bags == 1 ? " bag" : " bags") + " - stage: " + next->stage);
  bool expected = false;
  for (const auto& step : next->next) {
    std::string line = "next: " + (step.title.empty() ? title_of(step.step) : step.title);
    if (!step.due_by.empty()) line += " (due " + clock_text(step.due_by) + ")";
    detail.push_back(std::move(line));
    expected = expected || step.step == step_;
  }
  if (!expected) detail.push_back("Careful: " + title_of(step_) + " is not what this journey expects next.");
  detail.push_back("Is this the right patient and product? YES to go on, CANCEL to stop.");
  state_.detail = std::move(detail);
  state_.banner = Banner::Confirm;
  state_.next_action = "YES or CANCEL";
  mode_ = Mode::Confirm;
  screen_.bell(1);
}

void Station::confirm_read(const std::string& word) {
  if (word != "YES") {
    state_.banner = Banner::Rejected;
    state_.detail = {"Answer YES if this is the right patient and product, or CANCEL."};
    screen_.bell(2);
    return;
  }
  mode_ = Mode::Scanning;
  if (set_.complete()) return start_form();
  state_.banner = Banner::Scanning;
  state_.detail = {"Confirmed."};
  update_next_action();
}

void Station::start_form() {
  question_ = 0;
  outside_range_.clear();
  data_.clear();
  if (!form_ || (form_->fields.empty() && form_->checklist.empty() && form_->witnesses < 2)) return save_set();
  mode_ = Mode::Field;
  next_question();
}

// Asks the question at question_: a field, else a checklist question, else the witness, else
// the summary.
void Station::next_question() {
  state_.banner = Banner::Entry;
  if (mode_ == Mode::Field && question_ < form_->fields.size()) {
    const auto& field = form_->fields[question_];
    state_.detail = {field_prompt(field)};
    state_.next_action = field.scanned ? "scan " + field.label : "type " + field.label + ", then Enter";
    return;
  }
  if (mode_ == Mode::Field) {
    mode_ = Mode::Checklist;
    question_ = 0;
  }
  if (mode_ == Mode::Checklist && question_ < form_->checklist.size()) {
    state_.detail = {form_->checklist[question_].question + " YES or NO"};
    state_.next_action = "YES or NO";
    return;
  }
  if (form_->witnesses >= 2 && !witness_) {
    mode_ = Mode::WitnessBadge;
    state_.detail = {"Two-person check: the second person scans their badge."};
    state_.next_action = "second person: scan your badge (CANCEL to stop)";
    return;
  }
  show_summary();
}

void Station::field_read(const std::string& word, const hardware::RawRead& read) {
  const auto& field = form_->fields[question_];
  if (word == "SKIP") {
    if (field.required) {
      state_.banner = Banner::Rejected;
      state_.detail = {field.label + " is needed for this step; it cannot be skipped.", field_prompt(field)};
      screen_.bell(2);
      return;
    }
    ++question_;
    return next_question();
  }
  std::string typed = word;
  if (field.scanned) {
    // A scanned value: as read, without the scanner's AIM identifier.
    const ReadCheck check = check_read(read.text, read.symbology);
    if (const auto* good = std::get_if<CheckedRead>(&check)) typed = good->scan;
  }
  const FieldCheck check = check_field(field, typed);
  if (!check.value) {
    spdlog::warn("field {} refused at the station", field.name);
    state_.banner = Banner::Rejected;
    state_.detail = {check.problem, field_prompt(field)};
    screen_.bell(2);
    return;
  }
  if (check.outside_range && outside_range_ != typed) {
    outside_range_ = typed;
    state_.banner = Banner::Rejected;
    state_.detail = {typed + (field.unit.empty() ? "" : " " + field.unit) + " is outside the expected range: it " +
                         "will be recorded as a deviation. Type it again to confirm, or type the right value.",
                     field_prompt(field)};
    screen_.bell(2);
    return;
  }
  outside_range_.clear();
  data_[field.name] = *check.value;
  ++question_;
  next_question();
}

void Station::checklist_read(const std::string& word) {
  const auto& question = form_->checklist[question_];
  if (word != "YES" && word != "NO") {
    state_.banner = Banner::Rejected;
    state_.detail = {"Answer YES or NO.", question.question};
    screen_.bell(2);
    return;
  }
  if (!data_.contains("checklist")) data_["checklist"] = json::object{};
  if (word == "YES") {
    data_["checklist"].as_object()[question.id] = true;
    ++question_;
    return next_question();
  }
  mode_ = Mode::Reason;
  state_.banner = Banner::Entry;
  state_.detail = {"NO: " + question.question, "Type the reason, then Enter."};
  state_.next_action = "type the reason";
}

void Station::reason_read(const std::string& word) {
  const auto& question = form_->checklist[question_];
  if (word.size() < 3 || word == "YES" || word == "NO") {
    state_.banner = Banner::Rejected;
    state_.detail = {"A NO needs its reason: type what is wrong, then Enter."};
    screen_.bell(2);
    return;
  }
  data_["checklist"].as_object()[question.id] = json::object{{"answer", false}, {"reason", word}};
  mode_ = Mode::Checklist;
  ++question_;
  next_question();
}

void Station::show_summary() {
  mode_ = Mode::Summary;
  state_.banner = Banner::Confirm;
  std::vector<std::string> lines{title_of(step_) + ": " + std::to_string(set_.scans().size()) + " scan(s)"};
  for (const auto& field : form_->fields) {
    const auto* value = data_.if_contains(field.name);
    lines.push_back(field.label + ": " + (value ? value_text(*value) : "(skipped)") +
                    (value && !field.unit.empty() ? " " + field.unit : ""));
  }
  if (const auto* checklist = data_.if_contains("checklist")) {
    for (const auto& question : form_->checklist) {
      const auto* answer = checklist->as_object().if_contains(question.id);
      if (!answer) continue;
      lines.push_back(question.question + " " +
                      (answer->is_bool() ? std::string("YES") : "NO: " + value_text(answer->as_object().at("reason"))));
    }
  }
  if (witness_) lines.push_back("Checked by: " + witness_->person.display_name);
  lines.push_back("Save it? YES to save, CANCEL to drop it.");
  state_.detail = std::move(lines);
  state_.next_action = "YES or CANCEL";
}

void Station::summary_read(const std::string& word) {
  if (word == "YES") return save_set();
  state_.banner = Banner::Rejected;
  state_.detail = {"Answer YES to save, or CANCEL to drop it."};
  screen_.bell(2);
}

}  // namespace cj::scanner
