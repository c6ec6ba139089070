#include "labels/print_job.h"

namespace cj::labels {

Result<PrintReceipt> print_label(const Label& label, hardware::Printer& printer, Format format, int dpi,
                                 ZplOptions zpl) {
  Result<std::string> job = render(label.layout, format, dpi, zpl);
  if (!job) return job.error();
  if (std::optional<hardware::PrintError> failed = printer.print(job.value())) return Error{failed->message, "printer"};
  return PrintReceipt{label.template_name, label.template_version, format, dpi, printer.uri(), job.value().size()};
}

}  // namespace cj::labels
