#include "server/labelling/label_routes.h"

#include <charconv>

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "hardware/printer.h"
#include "labels/template.h"
#include "labels/templates.h"
#include "base/failure.h"
#include "server/api/json_fields.h"
#include "server/journeys/journey_access.h"
#include "server/api/patient_view.h"
#include "server/labelling/print_records.h"
#include "server/labelling/printers.h"
#include "server/labelling/unit_label_data.h"

namespace cj::labelling {

namespace {

namespace json = boost::json;
using base::Failure;
using api::Call;
using api::Response;
using api::Role;

constexpr auto kLabellers = {Role::kApheresis, Role::kCellLab, Role::kClinical, Role::kCoordinator};
constexpr auto kReaders = {Role::kApheresis, Role::kCellLab, Role::kClinical, Role::kCoordinator, Role::kQa};

// A station acts for its own site, which find_label_unit() has checked already.
void require_role(const api::Principal& who, const LabelUnit& unit, std::initializer_list<Role> roles,
                  const std::string& what) {
  if (!who.is_station()) journeys::require_role_at(who, unit.site_id, roles, what);
}

const labels::Template& known_template(const std::string& name) {
  if (const auto* found = labels::find_template(name)) return *found;
  std::string names;
  for (const auto& t : labels::templates()) names += (names.empty() ? "" : ", ") + std::string(t.name);
  throw Failure(base::ErrorKind::invalid, "UNKNOWN_TEMPLATE",
                "There is no label template '" + name + "' (templates: " + names + ").", "template");
}

// A print record's label data holds the patient's identifiers as printed; a reader who may not
// see them (api/patient_view.h: QA, stations) gets the initials only.
void hide_patient(const api::Principal& who, std::int64_t site_id, json::object& record) {
  auto* data = record["data"].if_object();
  auto* patient = data && data->contains("patient") ? (*data)["patient"].if_object() : nullptr;
  if (!patient || api::may_see_patient_identifiers(who, site_id)) return;
  const auto* initials = patient->contains("initials") ? patient->at("initials").if_string() : nullptr;
  (*data)["patient"] = api::patient_json(who, site_id, {initials ? std::string(*initials) : "", "", std::nullopt});
}

// The board's base URL when the setting labels.board_url is not set: the address the caller used.
std::string board_of(const Call& call) {
  const auto host = call.request.header("Host");
  return "http://" + std::string(host.empty() ? "localhost" : host);
}

struct BuiltLabel {
  labels::Label label;
  json::object data;
};

BuiltLabel build(pqxx::transaction_base& tx, const LabelUnit& unit, const labels::Template& t, const Call& call) {
  json::object data = label_data(tx, unit, board_of(call));
  auto label = labels::build_label(t.name, json::serialize(data));
  if (!label) {
    const auto& e = label.error();
    if (!e.field.empty() && e == labels::missing(e.field)) {
      std::string message = "The " + std::string(t.name) + " label needs " + e.field +
                            ", which the journal does not hold for unit " + unit.key() + " (yet).";
      if (e.field == "patient.name")
        message += " The server keeps no patient names: print this label from the hospital's system.";
      throw Failure(base::ErrorKind::unprocessable, "MISSING_LABEL_DATA", message, e.field);
    }
    throw Failure(base::ErrorKind::unprocessable, "INVALID_LABEL_DATA",
                  "The recorded data cannot make this label: " + e.message + ".", e.field);
  }
  return {std::move(label).value(), std::move(data)};
}

std::string render(const BuiltLabel& built, labels::Format format, int dpi) {
  auto bytes = labels::render(built.label.layout, format, dpi);
  if (!bytes)
    throw Failure(base::ErrorKind::unprocessable, "LABEL_RENDER_FAILED",
                  "The label cannot be rendered: " + bytes.error().message + ".", bytes.error().field);
  return std::move(bytes).value();
}

std::string_view content_type(labels::Format format) {
  switch (format) {
    case labels::Format::Png:
      return "image/png";
    case labels::Format::Pdf:
      return "application/pdf";
    case labels::Format::Svg:
      return "image/svg+xml";
    case labels::Format::Zpl:
      return "text/plain; charset=us-ascii";  // ZPL II has no registered media type
  }
  return "application/octet-stream";
}

Response file_response(labels::Format format, std::string bytes, const std::string& filename) {
  Response res = api::content_response(std::string(content_type(format)), std::move(bytes));
  res.set_header("Content-Disposition", "inline; filename=\"" + filename + "\"");
  return res;
}

int dpi_of(const Call& call) {
  const auto text = call.query("dpi");
  if (!text) return labels::kDefaultDpi;
  int dpi = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), dpi);
  if (ec != std::errc() || end != text->data() + text->size() || dpi < 72 || dpi > 1200) {
    throw Failure::invalid_field("dpi", "dpi must be a whole number from 72 to 1200 (Zebra heads: 203, 300).");
  }
  return dpi;
}

// GET /api/v1/labels/{din}.{png,pdf,svg,zpl}?template=NAME[&dpi=N][&product_code=CODE]
struct FileRequest {
  std::string din;
  labels::Format format;
  const labels::Template& t;
  int dpi;
};

FileRequest file_request_of(const Call& call) {
  const std::string& file = call.params.at(0);
  const auto dot = file.rfind('.');
  const auto format = dot == std::string::npos ? std::nullopt : labels::format_from_name(file.substr(dot + 1));
  if (!format)
    throw Failure::invalid_field("format", "Name the file type: /api/v1/labels/{DIN}.png, .pdf, .svg or .zpl.");
  const auto name = call.query("template");
  if (!name || name->empty())
    throw Failure(base::ErrorKind::invalid, "MISSING_FIELD", "Name the label template: ?template=NAME.", "template");
  return {file.substr(0, dot), *format, known_template(*name), dpi_of(call)};
}

Response label_file(Call& call, pqxx::connection_base& db) {
  const auto request = file_request_of(call);
  const auto format = std::optional(request.format);
  const auto& t = request.t;
  const int dpi = request.dpi;

  pqxx::work tx(db);
  const auto unit = find_label_unit(tx, call.who(), request.din, call.query("product_code"));
  require_role(call.who(), unit, kLabellers, "A label");
  auto bytes = render(build(tx, unit, t, call), *format, dpi);
  tx.commit();
  spdlog::info("label {} v{} of unit {} ({}) rendered as {} for {}", t.name, t.version, unit.key(), unit.coi,
               labels::format_name(*format), call.who().name);
  return file_response(*format, std::move(bytes),
                       unit.din + "-" + std::string(t.name) + "." + std::string(labels::format_name(*format)));
}

// The printer's answer: nullopt when it took the whole job, else what went wrong.
std::optional<std::string> send(const PrinterRow& printer, const std::string& job) {
  auto made = hardware::make_printer(printer.uri);
  if (const auto* bad = std::get_if<hardware::PrintError>(&made)) return bad->message;
  if (auto failed = std::get<std::unique_ptr<hardware::Printer>>(made)->print(job)) return failed->message;
  return std::nullopt;
}

// POST /api/v1/labels/{din}/print
struct PrintRequest {
  const labels::Template& t;
  std::string printer_name;
  std::optional<std::string> reason, product_code;
};

PrintRequest print_request_of(const Call& call) {
  const auto& body = call.body_object();
  api::refuse_unknown_fields(body, {"template", "printer", "reason", "product_code"});
  return {known_template(api::required_string(body, "template", 64)), api::required_string(body, "printer", 64),
          api::optional_string(body, "reason", 500), api::optional_string(body, "product_code", 8)};
}

Response print(Call& call, pqxx::connection_base& db) {
  const auto [t, printer_name, reason, product_code] = print_request_of(call);

  // 1. The attempt is recorded (committed) before anything is sent.
  std::int64_t id = 0;
  std::string job;
  PrinterRow printer;
  LabelUnit unit;
  {
    pqxx::work tx(db);
    unit = find_label_unit(tx, call.who(), call.params.at(0), product_code);
    require_role(call.who(), unit, kLabellers, "Printing a label");
    auto found = find_printer(tx, unit.site_id, printer_name);
    if (!found) {
      throw Failure(base::ErrorKind::not_found, "UNKNOWN_PRINTER",
                    "There is no printer '" + printer_name + "' at the unit's site.", "printer");
    }
    printer = std::move(*found);
    const auto built = build(tx, unit, t, call);
    job = render(built, printer.format, printer.dpi);
    const int reprint = prints_so_far(tx, unit.id, std::string(t.name));
    id = begin_print(tx, PrintAttempt{unit, std::string(t.name), t.version, built.data, printer, job.size(), reason},
                     call.who(), reprint);
    tx.commit();
  }
  // 2. The job goes to the printer (bounded by the printer's timeout, hardware/printer.h).
  const auto failure = send(printer, job);
  // 3. The outcome, written once.
  pqxx::work tx(db);
  finish_print(tx, id, failure);
  auto record = print_record(tx, id);
  tx.commit();
  hide_patient(call.who(), unit.site_id, record);
  if (!failure) {
    spdlog::info("label print {}: {} v{} of unit {} ({}) printed on {} by {}", id, t.name, t.version, unit.key(),
                 unit.coi, printer.name, call.who().name);
    return call.json(201, record);
  }
  spdlog::warn("label print {}: {} of unit {} ({}) FAILED on {}: {}", id, t.name, unit.key(), unit.coi, printer.name,
               *failure);
  json::object error{
      {"code", "PRINT_FAILED"}, {"message", "The label was NOT printed: " + *failure + "."}, {"field", "printer"}};
  return call.json(502, json::object{{"error", std::move(error)}, {"print", std::move(record)}});
}

// GET /api/v1/labels/{din}/prints[?product_code=]
Response prints(Call& call, pqxx::connection_base& db) {
  pqxx::read_transaction tx(db);
  const auto unit = find_label_unit(tx, call.who(), call.params.at(0), call.query("product_code"));
  require_role(call.who(), unit, kReaders, "The print history");
  json::array history = print_history(tx, unit.id);
  for (auto& record : history) hide_patient(call.who(), unit.site_id, record.as_object());
  return call.json(200, json::object{{"unit", unit.key()}, {"journey", unit.coi}, {"prints", std::move(history)}});
}

}  // namespace

std::vector<api::Route> label_routes() {
  api::Access labellers;
  labellers.roles = kLabellers;
  labellers.stations = true;
  api::Access readers;
  readers.roles = kReaders;
  readers.stations = true;
  return {{"GET", "/api/v1/labels/{file}", labellers, &label_file, [](const Call& c) { file_request_of(c); }},
          {"POST", "/api/v1/labels/{din}/print", labellers, &print, [](const Call& c) { print_request_of(c); }},
          {"GET", "/api/v1/labels/{din}/prints", readers, &prints}};
}

}  // namespace cj::labelling
