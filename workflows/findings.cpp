#include "workflows/checks.h"

namespace cj::workflows {

void add_finding(Decision& decision, Code code, Breach breach, std::string message, std::string rule) {
  const CodeInfo& info = code_info(code);
  Finding finding{code, breach == Breach::Refusal ? Severity::Critical : info.severity, std::move(message),
                  std::move(rule)};
  (breach == Breach::Refusal ? decision.refusals : decision.deviations).push_back(std::move(finding));
}

void refuse(Decision& decision, Code code, std::string message, std::string rule) {
  add_finding(decision, code, Breach::Refusal, std::move(message), std::move(rule));
}

void deviate(Decision& decision, Code code, std::string message, std::string rule) {
  add_finding(decision, code, Breach::Deviation, std::move(message), std::move(rule));
}

}  // namespace cj::workflows
