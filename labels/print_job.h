// Printing a label: render it in the printer's format and send it whole. A failed send is an
// Error (the job must be recorded as failed, not as printed); the receipt says what went where.
#pragma once

#include <cstddef>
#include <string>

#include "hardware/printer.h"
#include "labels/render.h"
#include "labels/template.h"

namespace cj::labels {

struct PrintReceipt {
  std::string template_name;
  int template_version = 0;
  Format format = Format::Zpl;
  int dpi = kDefaultDpi;
  std::string printer;  // the printer's URI
  std::size_t bytes = 0;
};

// Errors: rendering errors, and the printer's (refused, timeout, partial write) as messages.
Result<PrintReceipt> print_label(const Label& label, hardware::Printer& printer, Format format = Format::Zpl,
                                 int dpi = 203, ZplOptions zpl = {});

}  // namespace cj::labels
