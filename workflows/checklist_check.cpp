// Checklist answers in data.checklist: {"question_id": true} for yes, and for no
// {"question_id": {"answer": false, "reason": "..."}}. Every "no" needs a written reason.
#include "workflows/checks.h"

namespace cj::workflows {
namespace {

struct Answer {
  std::optional<bool> yes;  // nullopt: not answered, or not readable
  std::string reason;
};

std::optional<bool> yes_no(const boost::json::value& value) {
  if (value.is_bool()) return value.get_bool();
  if (value.is_string()) {
    if (value.get_string() == "yes") return true;
    if (value.get_string() == "no") return false;
  }
  return std::nullopt;
}

Answer read_answer(const boost::json::object* checklist, const std::string& id) {
  Answer answer;
  const boost::json::value* value = checklist ? checklist->if_contains(id) : nullptr;
  if (value == nullptr) return answer;
  if (const auto* object = value->if_object()) {
    if (const auto* given = object->if_contains("answer")) answer.yes = yes_no(*given);
    if (const auto* reason = object->if_contains("reason"); reason && reason->is_string()) {
      answer.reason = reason->get_string();
    }
  } else {
    answer.yes = yes_no(*value);
  }
  return answer;
}

}  // namespace

void check_checklist(const CheckInput& input, Decision& decision) {
  if (input.step.checklist.empty()) return;
  const boost::json::value* value = input.event.data.if_contains("checklist");
  const boost::json::object* checklist = value ? value->if_object() : nullptr;
  for (const ChecklistQuestion& question : input.step.checklist) {
    const Answer answer = read_answer(checklist, question.id);
    const std::string rule = input.definition.product + "/checklist/" + question.id;
    if (!answer.yes) {
      refuse(decision, Code::ChecklistIncomplete, "unanswered: " + question.question, rule);
    } else if (!*answer.yes && answer.reason.find_first_not_of(" \t") == std::string::npos) {
      refuse(decision, Code::ChecklistIncomplete, "answered no without a reason: " + question.question, rule);
    } else if (!*answer.yes) {
      add_finding(decision, Code::ChecklistNo, question.on_no, "no: " + question.question + " (" + answer.reason + ")",
                  rule);
    }
  }
}

}  // namespace cj::workflows
