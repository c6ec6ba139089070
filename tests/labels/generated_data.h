// Seeded generator of label data: JSON for the templates, plus the ISBT 128 structures that
// the label must carry, built here directly with isbt128/ (not through labels/).
#pragma once

#include <random>
#include <string>
#include <vector>

#include "isbt128/isbt128.h"

namespace cj::labels::testing {

struct GeneratedData {
  std::string json;
  isbt128::Structure din, product, collected, expires, coi, patient_id;
  std::string link;
};

class DataGenerator {
 public:
  explicit DataGenerator(unsigned seed) : rng_(seed) {}

  GeneratedData next() {
    GeneratedData g;
    const std::string din_fin = fin(), coi_fin = fin();
    const int din_year = pick(0, 99), sequence = pick(0, 999999);
    const std::vector<std::string> flag_choices = {"", "00", "01", "05", "25"};
    const std::string flags = flag_choices[pick(0, 4)];
    g.din = (flags.empty() ? isbt128::make_din(din_fin, din_year, sequence)
                           : isbt128::make_din(din_fin, din_year, sequence, flags))
                .value();
    std::string pdc = "S";  // appended: g++ 12 -Wrestrict misfires on "S" + digits(4)
    pdc += digits(4);
    const char type = "1XA8"[pick(0, 3)];
    const std::vector<std::string> divisions = {"00", "A0", "Ba", "Zz"};
    const std::string division = divisions[pick(0, 3)];
    g.product = isbt128::make_product_code(pdc, type, division).value();
    isbt128::CalendarDateTime at{{pick(2000, 2099), pick(1, 12), 1}, pick(0, 23), pick(0, 59)};
    at.date.day = pick(1, isbt128::days_in_month(at.date.year, at.date.month));
    g.collected = isbt128::make_julian_date_time("007", at).value();
    g.expires = isbt128::make_julian_date_time("005", at).value();
    const int coi_year = pick(0, 99);
    const std::string coi_sequence = alnum(6);
    g.coi = isbt128::make_coi(coi_fin, coi_year, coi_sequence).value();
    const std::string patient_id = pick(0, 1) ? digits(pick(4, 12)) : alnum(pick(4, 10));
    const std::string location = digits(2);
    g.patient_id =
        isbt128::make_structure("025", location + two(static_cast<int>(patient_id.size())) + patient_id).value();
    g.link = "https://celljourney.example/j/" + g.coi.content + "?s=" + alnum(pick(0, 12));
    const std::vector<std::pair<std::string, int>> zones = {{"CET", 60}, {"CEST", 120}, {"EST", -300}, {"UTC", 0}};
    const auto& zone = zones[pick(0, 3)];

    g.json = "{\"din\": {\"fin\": \"" + din_fin + "\", \"year\": " + std::to_string(din_year) +
             ", \"sequence\": " + std::to_string(sequence) + (flags.empty() ? "" : ", \"flags\": \"" + flags + "\"") +
             "}, \"product\": {\"pdc\": \"" + pdc + "\", \"collection_type\": \"" + std::string(1, type) +
             "\", \"division\": \"" + division + "\", \"description\": \"HPC, APHERESIS\"}" +
             ", \"collected\": {\"local\": \"" + isbt128::to_iso(at) + "\", \"zone\": \"" + zone.first +
             "\", \"utc_offset_minutes\": " + std::to_string(zone.second) + "}" + ", \"shipped\": {\"local\": \"" +
             isbt128::to_iso(at) + "\", \"zone\": \"" + zone.first +
             "\", \"utc_offset_minutes\": " + std::to_string(zone.second) + "}" + ", \"expires\": {\"local\": \"" +
             isbt128::to_iso(at) + "\", \"zone\": \"" + zone.first +
             "\", \"utc_offset_minutes\": " + std::to_string(zone.second) + "}" + ", \"received\": {\"local\": \"" +
             isbt128::to_iso(at) + "\", \"zone\": \"" + zone.first +
             "\", \"utc_offset_minutes\": " + std::to_string(zone.second) + "}" + ", \"coi\": {\"fin\": \"" + coi_fin +
             "\", \"year\": " + std::to_string(coi_year) + ", \"sequence\": \"" + coi_sequence + "\"}" +
             ", \"patient\": {\"name\": \"DOE, JANE\", \"initials\": \"J.D.\", \"mrn\": \"" + patient_id +
             "\", \"id_location\": \"" + location + "\", \"id\": \"" + patient_id + "\"}" + ", \"shipper_id\": \"SHP-" +
             digits(6) + "\", \"storage_position\": \"LN2-" + digits(1) + "/R" + digits(1) + "/B" + digits(2) +
             "\", \"link\": \"" + g.link + "\"}";
    return g;
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + pick(0, 9));
    return s;
  }
  std::string alnum(int n) {
    static constexpr char kChars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::string s;
    for (int i = 0; i < n; ++i) s += kChars[pick(0, 35)];
    return s;
  }
  // A FIN: first character A-N, P-Z or 1-9; then two of A-N, P-Z, 0-9; then two digits.
  std::string fin() {
    static constexpr char kFirst[] = "ABCDEFGHIJKLMNPQRSTUVWXYZ123456789";
    static constexpr char kNext[] = "ABCDEFGHIJKLMNPQRSTUVWXYZ0123456789";
    std::string s(1, kFirst[pick(0, 33)]);
    s += kNext[pick(0, 34)];
    s += kNext[pick(0, 34)];
    return s + digits(2);
  }
  static std::string two(int n) {
    return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10);
  }

  std::mt19937 rng_;
};

// The structures each template's Code 128 symbols carry, in layout order.
inline std::vector<isbt128::Structure> expected_structures(const std::string& template_name, const GeneratedData& g) {
  if (template_name == "apheresis-bag") return {g.din, g.product, g.collected, g.coi};
  if (template_name == "patient-wristband") return {g.coi, g.patient_id};
  if (template_name == "final-product-storage") return {g.din, g.product, g.expires, g.coi};
  if (template_name == "verification-sheet") return {g.coi, g.patient_id, g.din, g.product};
  return {g.coi, g.din};  // apheresis-shipper
}

}  // namespace cj::labels::testing
