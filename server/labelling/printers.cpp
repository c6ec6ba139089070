#include "server/labelling/printers.h"

#include <regex>

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "hardware/printer.h"
#include "server/audit/admin_log.h"
#include "server/admin/scope.h"
#include "base/failure.h"
#include "server/db/statement.h"

namespace cj::labelling {

namespace {

using base::Failure;

constexpr char kSelect[] =
    "SELECT p.id, p.site_id, s.code, p.name, p.uri, p.format, p.dpi FROM printers p JOIN sites s ON s.id = p.site_id ";
constexpr auto kFindSql = db::sql(kSelect, "WHERE p.site_id = $1 AND p.name = $2 AND p.retired_at IS NULL");
constexpr db::Statement kFind{"labelling_printer_find", kFindSql.data()};
constexpr auto kListSql =
    db::sql(kSelect, "WHERE p.retired_at IS NULL AND ($1::text IS NULL OR s.code = $1) ORDER BY s.code, p.name");
constexpr db::Statement kList{"labelling_printer_list", kListSql.data()};
constexpr db::Statement kInsert{"labelling_printer_insert",
                                "INSERT INTO printers (site_id, name, uri, format, dpi) VALUES ($1, $2, $3, $4, $5) "
                                "ON CONFLICT (site_id, name) DO NOTHING RETURNING id"};

PrinterRow row_of(const pqxx::row& r) {
  PrinterRow p;
  p.id = r[0].as<std::int64_t>();
  p.site_id = r[1].as<std::int64_t>();
  p.site = r[2].as<std::string>();
  p.name = r[3].as<std::string>();
  p.uri = r[4].as<std::string>();
  p.format = labels::format_from_name(r[5].as<std::string>()).value_or(labels::Format::Zpl);
  p.dpi = r[6].as<int>();
  return p;
}

}  // namespace

PrinterRow add_printer(pqxx::transaction_base& tx, const NewPrinter& printer, const std::string& actor) {
  static const std::regex kName("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  if (!std::regex_match(printer.name, kName)) {
    throw Failure::invalid_field("name", "A printer name is 1-64 letters, digits, '.', '_' or '-' (e.g. AP-ZEBRA-1).");
  }
  if (printer.uri.size() > 500) throw Failure::invalid_field("uri", "The printer address is too long.");
  if (auto made = hardware::make_printer(printer.uri); std::holds_alternative<hardware::PrintError>(made)) {
    throw Failure::invalid_field("uri", std::get<hardware::PrintError>(made).message + ".");
  }
  const std::string format = printer.format.value_or(printer.uri.starts_with("cups://") ? "pdf" : "zpl");
  if (!labels::format_from_name(format)) throw Failure::invalid_field("format", "format must be zpl, pdf, png or svg.");
  if (printer.dpi < 72 || printer.dpi > 1200)
    throw Failure::invalid_field("dpi", "dpi must be 72-1200 (Zebra heads: 203, 300, 600).");
  const auto site_id = admin::find_site(tx, printer.site);
  if (!site_id) throw Failure::not_found("There is no site '" + printer.site + "'.");
  auto inserted = db::exec(tx, kInsert, *site_id, printer.name, printer.uri, format, printer.dpi);
  if (inserted.empty()) {
    throw Failure::conflict("PRINTER_EXISTS",
                            "Site " + printer.site + " has a printer called " + printer.name + " already.");
  }
  audit::log_action(tx, actor, "printer.add", printer.site + "/" + printer.name,
                    boost::json::object{{"uri", printer.uri}, {"format", format}, {"dpi", printer.dpi}});
  return *find_printer(tx, *site_id, printer.name);
}

std::optional<PrinterRow> find_printer(pqxx::transaction_base& tx, std::int64_t site_id, const std::string& name) {
  auto rows = db::exec(tx, kFind, site_id, name);
  if (rows.empty()) return std::nullopt;
  return row_of(rows[0]);
}

std::vector<PrinterRow> list_printers(pqxx::transaction_base& tx, const std::optional<std::string>& site) {
  std::vector<PrinterRow> out;
  // libpqxx 6 has no std::optional parameters: a null const char* is SQL NULL.
  const char* code = site ? site->c_str() : nullptr;
  for (const auto& r : db::exec(tx, kList, code)) out.push_back(row_of(r));
  return out;
}

}  // namespace cj::labelling
