#include "labels/label_data.h"

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>

#include "isbt128/coi.h"
#include "isbt128/din.h"
#include "isbt128/product_code.h"
#include "isbt128/build.h"
#include "isbt128/structure_numbers.h"

namespace cj::labels {
namespace {

namespace json = boost::json;

// Reads the fields of one JSON object, remembering the first problem.
class Reader {
 public:
  Reader(const json::object& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  std::string text(std::string_view key, bool required = true) {
    const json::value* v = object_.if_contains(key);
    if (!v) {
      if (required) fail(key, "is missing");
      return {};
    }
    if (!v->is_string()) {
      fail(key, "must be text");
      return {};
    }
    return std::string(v->as_string());
  }

  int integer(std::string_view key) {
    const json::value* v = object_.if_contains(key);
    if (!v || !v->is_int64() || v->as_int64() < -100000000 || v->as_int64() > 100000000) {
      fail(key, v ? "must be a whole number" : "is missing");
      return 0;
    }
    return static_cast<int>(v->as_int64());
  }

  bool has(std::string_view key) const { return object_.contains(key); }
  void fail(std::string_view key, std::string_view problem) {
    if (!error_) error_ = Error{prefix_ + std::string(key) + " " + std::string(problem), prefix_ + std::string(key)};
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json::object& object_;
  std::string prefix_;
  std::optional<Error> error_;
};

// "2026-11-20T10:15" -> calendar date and time.
std::optional<isbt128::CalendarDateTime> parse_local(std::string_view text) {
  isbt128::CalendarDateTime dt;
  char tail = 0;
  const std::string copy(text);
  if (text.size() != 16 || std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &dt.date.year, &dt.date.month,
                                       &dt.date.day, &dt.hour, &dt.minute, &tail) != 5)
    return std::nullopt;
  if (!isbt128::is_valid(dt)) return std::nullopt;
  return dt;
}

const json::object* object_at(const json::object& root, std::string_view key, std::optional<Error>& error) {
  const json::value* v = root.if_contains(key);
  if (!v) return nullptr;
  if (!v->is_object()) {
    error = Error{std::string(key) + " must be an object", std::string(key)};
    return nullptr;
  }
  return &v->as_object();
}

std::optional<LocalDateTime> read_time(Reader& r) {
  LocalDateTime at;
  const std::string local = r.text("local");
  at.zone = r.text("zone");
  at.utc_offset_minutes = r.integer("utc_offset_minutes");
  if (r.error()) return std::nullopt;
  std::optional<isbt128::CalendarDateTime> dt = parse_local(local);
  if (!dt) {
    r.fail("local", "must be a local date and time like 2026-11-20T10:15");
    return std::nullopt;
  }
  at.local = *dt;
  return at;
}

std::string two(int n) {
  std::string text = std::to_string(n);
  if (n < 10) text.insert(text.begin(), '0');
  return text;
}

std::string print(const isbt128::CalendarDateTime& dt) {
  return std::to_string(dt.date.year) + "-" + two(dt.date.month) + "-" + two(dt.date.day) + " " + two(dt.hour) + ":" +
         two(dt.minute);
}

Result<isbt128::Structure> named(isbt128::Result<isbt128::Structure> built, std::string_view field) {
  if (built) return std::move(built).value();
  return Error{std::string(field) + ": " + built.error().message, std::string(field)};
}

}  // namespace

Result<LabelData> parse_label_data(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec) return Error{"the label data is not JSON: " + ec.message(), ""};
  if (!root.is_object()) return Error{"the label data must be a JSON object", ""};
  const json::object& o = root.as_object();
  LabelData data;
  std::optional<Error> error;
  auto read = [&](std::string_view key, auto&& fill) {
    const json::object* part = error ? nullptr : object_at(o, key, error);
    if (!part) return;
    Reader r(*part, std::string(key) + ".");
    fill(r);
    if (r.error() && !error) error = r.error();
  };
  read("din", [&](Reader& r) {
    DinData d{r.text("fin"), r.integer("year"), r.integer("sequence"), std::nullopt};
    if (r.has("flags")) d.flags = r.text("flags");
    data.din = d;
  });
  read("product", [&](Reader& r) {
    ProductData p{r.text("pdc"), '1', r.has("division") ? r.text("division") : "00", r.text("description", false)};
    const std::string type = r.text("collection_type");
    if (type.size() != 1) r.fail("collection_type", "must be one character");
    else p.collection_type = type[0];
    data.product = p;
  });
  read("collected", [&](Reader& r) { data.collected = read_time(r); });
  read("shipped", [&](Reader& r) { data.shipped = read_time(r); });
  read("expires", [&](Reader& r) { data.expires = read_time(r); });
  read("received", [&](Reader& r) { data.received = read_time(r); });
  read("coi", [&](Reader& r) { data.coi = CoiData{r.text("fin"), r.integer("year"), r.text("sequence")}; });
  read("patient", [&](Reader& r) {
    data.patient = PatientData{r.text("name", false),          r.text("initials", false),    r.text("mrn", false),
                               r.text("date_of_birth", false), r.text("id_location", false), r.text("id", false)};
  });
  if (error) return *error;
  for (std::string_view key : {"shipper_id", "storage_position", "link", "anticoagulant", "collection_facility"}) {
    const json::value* v = o.if_contains(key);
    if (v && !v->is_string()) return Error{std::string(key) + " must be text", std::string(key)};
  }
  if (const json::value* v = o.if_contains("shipper_id")) data.shipper_id = std::string(v->as_string());
  if (const json::value* v = o.if_contains("storage_position")) data.storage_position = std::string(v->as_string());
  if (const json::value* v = o.if_contains("link")) data.link = std::string(v->as_string());
  if (const json::value* v = o.if_contains("anticoagulant")) data.anticoagulant = std::string(v->as_string());
  if (const json::value* v = o.if_contains("collection_facility"))
    data.collection_facility = std::string(v->as_string());
  if (const json::value* v = o.if_contains("volume_ml")) {
    if (!v->is_number() || v->to_number<double>() <= 0 || v->to_number<double>() > 100000)
      return Error{"volume_ml must be a number of millilitres above 0", "volume_ml"};
    data.volume_ml = v->to_number<double>();
  }
  if (const json::value* v = o.if_contains("notes")) {
    if (!v->is_array()) return Error{"notes must be a list of text", "notes"};
    for (const json::value& note : v->as_array()) {
      if (!note.is_string()) return Error{"notes must be a list of text", "notes"};
      data.notes.emplace_back(note.as_string());
    }
  }
  return data;
}

Result<isbt128::Structure> din_structure(const DinData& din) {
  return named(din.flags ? isbt128::make_din(din.fin, din.year, din.sequence, *din.flags)
                         : isbt128::make_din(din.fin, din.year, din.sequence),
               "din");
}

Result<isbt128::Structure> product_structure(const ProductData& p) {
  return named(isbt128::make_product_code(p.pdc, p.collection_type, p.division), "product");
}

Result<isbt128::Structure> collection_structure(const LocalDateTime& collected) {
  return named(isbt128::make_julian_date_time(isbt128::numbers::kCollectionDateAndTime, collected.local),
               "collected.local");
}

Result<isbt128::Structure> expiration_structure(const LocalDateTime& expires) {
  return named(isbt128::make_julian_date_time(isbt128::numbers::kExpirationDateAndTime, expires.local),
               "expires.local");
}

Result<isbt128::Structure> coi_structure(const CoiData& coi) {
  return named(isbt128::make_coi(coi.fin, coi.year, coi.sequence), "coi");
}

Result<isbt128::Structure> patient_id_structure(const PatientData& patient) {
  if (patient.id.empty() || patient.id.size() > 99)
    return Error{"patient.id must be 1-99 letters or digits", "patient.id"};
  return named(isbt128::make_structure(isbt128::numbers::kPatientIdentificationNumber,
                                       patient.id_location + two(static_cast<int>(patient.id.size())) + patient.id),
               "patient.id");
}

std::string print_volume(double ml) {
  char text[32];
  std::snprintf(text, sizeof text, "%g mL", ml);  // 250 mL, 212.5 mL
  return text;
}

std::string print_local(const LocalDateTime& at) { return print(at.local) + " " + at.zone; }

std::string print_utc(const LocalDateTime& at) {
  using namespace std::chrono;
  const auto& d = at.local.date;
  const sys_days day{year{d.year} / month{static_cast<unsigned>(d.month)} / d.day};
  const sys_time<minutes> utc = day + hours{at.local.hour} + minutes{at.local.minute - at.utc_offset_minutes};
  const sys_days utc_day = floor<days>(utc);
  const year_month_day ymd{utc_day};
  const auto minute_of_day = duration_cast<minutes>(utc - utc_day).count();
  isbt128::CalendarDateTime u{{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                               static_cast<int>(static_cast<unsigned>(ymd.day()))},
                              static_cast<int>(minute_of_day / 60),
                              static_cast<int>(minute_of_day % 60)};
  std::string text = "(";  // appended piecewise: g++ 12 -Wrestrict misfires on "(" + string
  text += print(u);
  text += " UTC)";
  return text;
}

}  // namespace cj::labels
