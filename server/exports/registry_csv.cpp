#include "server/exports/registry_csv.h"

#include "server/exports/csv_cells.h"
#include "workflows/time_point.h"

namespace cj::exports {
namespace {

using workflows::Duration;
using workflows::TimePoint;

constexpr std::int64_t kDay = 86400;

std::string time_cell(const std::optional<TimePoint>& time) { return time ? workflows::format_time(*time) : ""; }

std::string date_cell(const std::optional<TimePoint>& time) {
  return time ? workflows::format_time(*time).substr(0, 10) : "";
}

std::string days_cell(const std::optional<Duration>& duration) {
  return duration ? decimal_cell(duration->count(), kDay, 2) : "";
}

std::string minutes_cell(const std::optional<Duration>& duration) {
  return duration ? decimal_cell(duration->count(), 60, 0) : "";
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ' ';
    out += item;
  }
  return text_cell(out);
}

std::string by_code(const RegistryRow& row) {
  std::string out;
  for (const auto& [code, count] : row.deviations_by_code) {
    if (!out.empty()) out += ' ';
    out += code + ":" + std::to_string(count);
  }
  return text_cell(out);
}

std::string identifier(const RegistryRow& row, const char* kind) {
  const auto found = row.identifiers.find(kind);
  return found == row.identifiers.end() ? "" : text_cell(found->second);
}

std::string physician_decision(const RegistryRow& row) {
  if (!row.oos_physician_releases) return "";
  return *row.oos_physician_releases ? "release" : "not_release";
}

}  // namespace

const std::vector<Column>& registry_columns() {
  static const std::vector<Column> columns{
      {"coi", "text", [](const RegistryRow& r) { return text_cell(r.coi); }},
      {"product", "text", [](const RegistryRow& r) { return text_cell(r.product); }},
      {"site", "text", [](const RegistryRow& r) { return text_cell(r.site); }},
      {"status", "text", [](const RegistryRow& r) { return text_cell(r.status); }},
      {"manufacturer_order_id", "text", [](const RegistryRow& r) { return identifier(r, "order_id"); }},
      {"manufacturer_coi", "text", [](const RegistryRow& r) { return identifier(r, "manufacturer_coi"); }},
      {"manufacturer_batch", "text", [](const RegistryRow& r) { return identifier(r, "batch"); }},
      {"order_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.order); }},
      {"apheresis_first_end_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.apheresis_first_end); }},
      {"apheresis_last_end_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.apheresis_last_end); }},
      {"apheresis_sessions", "count", [](const RegistryRow& r) { return std::to_string(r.apheresis_sessions); }},
      {"manufacturing_receive_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.manufacturing_receive); }},
      {"manufacturing_start_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.manufacturing_start); }},
      {"release_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.release); }},
      {"product_receive_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.product_receive); }},
      {"ld_end_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.ld_end); }},
      {"thaw_first_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.first_thaw); }},
      {"infusion_date", "UTC date", [](const RegistryRow& r) { return date_cell(r.first_infusion_start); }},
      {"infusion_first_start_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.first_infusion_start); }},
      {"infusion_last_end_at", "UTC time", [](const RegistryRow& r) { return time_cell(r.last_infusion_end); }},
      {"bags_infused", "count", [](const RegistryRow& r) { return std::to_string(r.bags_infused); }},
      {"decision_to_infusion_days", "days",
       [](const RegistryRow& r) { return days_cell(r.intervals.decision_to_infusion); }},
      {"vein_to_vein_days", "days", [](const RegistryRow& r) { return days_cell(r.intervals.vein_to_vein); }},
      {"apheresis_to_release_days", "days",
       [](const RegistryRow& r) { return days_cell(r.intervals.apheresis_to_release); }},
      {"manufacturing_turnaround_days", "days",
       [](const RegistryRow& r) { return days_cell(r.intervals.manufacturing_turnaround); }},
      {"apheresis_age_at_manufacturing_start_days", "days",
       [](const RegistryRow& r) { return days_cell(r.intervals.apheresis_age_at_manufacturing_start); }},
      {"ld_end_to_infusion_days", "days",
       [](const RegistryRow& r) { return days_cell(r.intervals.ld_end_to_infusion); }},
      {"thaw_to_infusion_end_max_minutes", "minutes",
       [](const RegistryRow& r) { return minutes_cell(r.thaw_to_infusion_end_max); }},
      {"oos_release", "yes/no", [](const RegistryRow& r) { return yes_no(r.oos_release); }},
      {"oos_physician_decision", "release/not_release", [](const RegistryRow& r) { return physician_decision(r); }},
      {"manufacturing_failed", "yes/no", [](const RegistryRow& r) { return yes_no(r.manufacturing_failed); }},
      {"deviations_total", "count", [](const RegistryRow& r) { return std::to_string(r.deviations_total); }},
      {"deviations_by_code", "CODE:count list", [](const RegistryRow& r) { return by_code(r); }},
      {"apheresis_dins", "DIN list", [](const RegistryRow& r) { return joined(r.apheresis_dins); }},
      {"product_dins", "DIN list", [](const RegistryRow& r) { return joined(r.product_dins); }},
  };
  return columns;
}

std::string registry_csv(const std::vector<RegistryRow>& rows) {
  const auto& columns = registry_columns();
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ',';
    out += columns[i].name;
  }
  out += "\r\n";
  for (const RegistryRow& row : rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) out += ',';
      out += columns[i].cell(row);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace cj::exports
