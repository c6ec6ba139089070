#include "workflows/definition_graph.h"

#include <functional>

namespace cj::workflows {

Problems check_step_graph(const Definition& definition, const std::vector<std::string>& step_sources) {
  Problems problems;
  const std::size_t count = definition.steps.size();
  const auto report = [&](std::size_t i, int line, std::string message) {
    problems.push_back({step_sources[i], line, std::move(message)});
  };
  std::vector<std::vector<std::size_t>> successors(count);
  for (std::size_t i = 0; i < count; ++i) {
    const StepRule& step = definition.steps[i];
    for (const std::string& before : step.after) {
      const std::size_t j = definition.step_index(before);
      if (j == count) {
        report(i, step.line, "step `" + step.id + "`: unknown step `" + before + "` in `after`");
      } else {
        successors[j].push_back(i);
      }
    }
    for (const WindowRule& window : step.windows) {
      if (!window.from.empty() && definition.step_index(window.from) == count) {
        report(i, window.line, "window `" + window.rule + "`: unknown step `" + window.from + "` in `from`");
      }
    }
    for (const std::string* named :
         {&step.anchor_fallback, &step.bedside_check, &step.unit_needs, &step.unit_spent_by, &step.dose_order}) {
      if (!named->empty() && definition.step_index(*named) == count) {
        report(i, step.line, "step `" + step.id + "` names unknown step `" + *named + "`");
      }
    }
    if (step.roles.empty()) report(i, step.line, "step `" + step.id + "` names no `roles` that may do it");
  }

  // Cycles: depth-first search, colour 1 = on the current path.
  std::vector<int> colour(count, 0);
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    colour[i] = 1;
    for (std::size_t next : successors[i]) {
      if (colour[next] == 1) {
        report(next, definition.steps[next].line,
               "step `" + definition.steps[next].id + "` is its own predecessor (a cycle through `" +
                   definition.steps[i].id + "`)");
      } else if (colour[next] == 0) {
        visit(next);
      }
    }
    colour[i] = 2;
  };
  for (std::size_t i = 0; i < count; ++i) {
    if (colour[i] == 0) visit(i);
  }

  // Reachability from `order`.
  const std::size_t start = definition.step_index("order");
  if (start == count) {
    problems.push_back(
        {step_sources.empty() ? "" : step_sources[0], 0, "the journey has no `order` step to start from"});
    return problems;
  }
  std::vector<bool> reached(count, false);
  std::vector<std::size_t> queue{start};
  reached[start] = true;
  while (!queue.empty()) {
    const std::size_t i = queue.back();
    queue.pop_back();
    for (std::size_t next : successors[i]) {
      if (!reached[next]) reached[next] = true, queue.push_back(next);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    const StepRule& step = definition.steps[i];
    if (!reached[i] && !step.side_exit) {
      report(i, step.line,
             "step `" + step.id + "` cannot be reached from `order` (give it `after`, or mark it `side_exit`)");
    }
  }
  return problems;
}

}  // namespace cj::workflows
