// What the server's answer to a scan set means for the screen: accepted or refused and why,
// deviations raised, the next expected step and its deadline (the running clock).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cj::scanner {

struct NextStep {
  std::string step;
  std::optional<std::chrono::system_clock::time_point> due_by;
};

struct Answer {
  bool accepted = false;
  // For the person at the station: the finding's message and, when the server gives it, what to
  // do next ("This bag belongs to another patient: put it aside and call the cell lab.").
  std::vector<std::string> reasons;     // refusals, or the API error
  std::vector<std::string> deviations;  // kept events with a deviation raised
  std::vector<std::string> codes;       // "CODE: message" of every finding, for the log
  std::vector<NextStep> next;
};

// Reads a final answer: 200/422 decisions, or an API error {"error":{"code","message"}}.
// Never throws: a body that cannot be read becomes a reason ("HTTP 400: <body>").
Answer read_answer(int status, const std::string& body);

}  // namespace cj::scanner
