// Label printers: registered per site by an administrator (`celljourney printer add`), named in
// print requests by their name. The API never takes a printer address from a client: the server
// connects only to addresses an administrator wrote here (no SSRF through the print route).
//
// Functions run inside the caller's transaction. Refusals are base::Failure (the CLI prints their
// message); database failures throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "labels/render.h"

namespace pqxx {
class transaction_base;
}

namespace cj::labelling {

struct PrinterRow {
  std::int64_t id = 0;
  std::int64_t site_id = 0;
  std::string site;  // the site's code
  std::string name;  // "AP-ZEBRA-1"
  std::string uri;   // "tcp://10.0.0.7:9100", "cups://ward3", "file:///var/labels/out.zpl"
  labels::Format format = labels::Format::Zpl;
  int dpi = 203;
};

struct NewPrinter {
  std::string site;  // code
  std::string name;
  std::string uri;
  std::optional<std::string> format;  // default: zpl for tcp:// and file://, pdf for cups://
  int dpi = 203;
};

/// Checks (name shape, an address hardware::make_printer understands, format, dpi 72-1200) and
/// inserts the printer, logging "printer.add" as actor; returns it. 404 for an unknown site,
/// 409 PRINTER_EXISTS for a name the site has already, 400 INVALID_FIELD naming the field.
PrinterRow add_printer(pqxx::transaction_base& tx, const NewPrinter& printer, const std::string& actor);

/// The site's printer called name (retired ones excluded), or nullopt.
std::optional<PrinterRow> find_printer(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& name);

/// Every printer in service, by site code and name; only site's when site is given.
std::vector<PrinterRow> list_printers(pqxx::transaction_base& tx, const std::optional<std::string>& site);

}  // namespace cj::labelling
