#include "scanner/answer.h"

#include <boost/json.hpp>

#include "scanner/event.h"

namespace cj::scanner {

namespace json = boost::json;

namespace {

std::string text_of(const json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::vector<std::string> findings(const json::object& decision, const char* list, std::vector<std::string>& codes) {
  std::vector<std::string> result;
  const auto* array = decision.if_contains(list);
  if (!array || !array->is_array()) return result;
  for (const auto& item : array->as_array()) {
    if (!item.is_object()) continue;
    const auto& finding = item.as_object();
    codes.push_back(text_of(finding, "code") + ": " + text_of(finding, "message"));
    std::string text = text_of(finding, "message");
    if (const auto what = text_of(finding, "what_to_do"); !what.empty()) text.append(" ").append(what);
    result.push_back(std::move(text));
  }
  return result;
}

}  // namespace

Answer read_answer(int status, const std::string& body) {
  Answer answer;
  boost::system::error_code ec;
  const json::value value = json::parse(body, ec);
  const json::object* object = ec ? nullptr : value.if_object();
  if (!object) {
    answer.reasons.push_back("HTTP " + std::to_string(status) + ": " + body.substr(0, 200));
    return answer;
  }
  if (const auto* error = object->if_contains("error"); error && error->is_object()) {
    answer.codes.push_back(text_of(error->as_object(), "code") + ": " + text_of(error->as_object(), "message"));
    answer.reasons.push_back(text_of(error->as_object(), "message"));
    return answer;
  }
  answer.accepted = status == 200 && text_of(*object, "decision") == "accepted";
  answer.reasons = findings(*object, "refusals", answer.codes);
  answer.deviations = findings(*object, "deviations", answer.codes);
  if (!answer.accepted && answer.reasons.empty()) answer.reasons.push_back("HTTP " + std::to_string(status));
  if (const auto* next = object->if_contains("next"); next && next->is_array()) {
    for (const auto& item : next->as_array()) {
      if (!item.is_object()) continue;
      NextStep step{text_of(item.as_object(), "step"), std::nullopt};
      std::chrono::system_clock::time_point due;
      if (parse_utc(text_of(item.as_object(), "due_by"), due)) step.due_by = due;
      answer.next.push_back(std::move(step));
    }
  }
  return answer;
}

}  // namespace cj::scanner
