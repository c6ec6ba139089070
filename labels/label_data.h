// LabelData: the data of one unit or journey that a template prints, read from JSON (the fields
// are listed in docs/labels.md). Each part is optional here; a template says which it needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isbt128/dates.h"
#include "isbt128/structure.h"
#include "labels/result.h"

namespace cj::labels {

struct DinData {
  std::string fin;                   // "A9999"
  int year = 0;                      // 26
  int sequence = 0;                  // 123456
  std::optional<std::string> flags;  // "01"; none: Type 3 check flags (60-96)
};

struct ProductData {
  std::string pdc;             // "S1194"
  char collection_type = '1';  // '1' = for autologous use only (ST-001 Table 7)
  std::string division = "00";
  std::string description;  // "HPC, APHERESIS" (printed, not encoded)
};

// A local date and time with its zone, e.g. 2026-11-20 10:15 CET (UTC+60 min).
struct LocalDateTime {
  isbt128::CalendarDateTime local;
  std::string zone;  // abbreviation printed after the time: "CET"
  int utc_offset_minutes = 0;
};

struct CoiData {
  std::string fin;
  int year = 0;
  std::string sequence;  // 6 capital letters or digits
};

struct PatientData {
  std::string name;           // "DOE, JANE" (wristband only)
  std::string initials;       // "J.D."
  std::string mrn;            // hospital medical record number, printed
  std::string date_of_birth;  // "1970-03-02", printed as is
  std::string id_location;    // [025] location code aa (RT018), e.g. "00"
  std::string id;             // [025] patient identification number, letters and digits
};

struct LabelData {
  std::optional<DinData> din;
  std::optional<ProductData> product;
  std::optional<LocalDateTime> collected;  // collection end
  std::optional<LocalDateTime> shipped;    // hand-over to the courier
  std::optional<LocalDateTime> expires;    // final product expiry (manufacturer's label)
  std::optional<LocalDateTime> received;   // receipt in the hospital cell lab
  std::optional<CoiData> coi;
  std::optional<PatientData> patient;
  std::string shipper_id;          // the shipper's own identifier ("SHP-2026-000123")
  std::string storage_position;    // "LN2-3/R2/B5"
  std::string link;                // the journey's page for the coordinator board (QR)
  std::vector<std::string> notes;  // extra warnings printed on the label
  // What the bag holds and where it was collected, where recorded (ISBT 128 / ST-001 practice):
  std::optional<double> volume_ml;  // collected volume, mL (> 0)
  std::string anticoagulant;        // "ACD-A"
  std::string collection_facility;  // the collecting facility's name (its FIN is in the DIN)
};

// Errors: not JSON, not an object, a field of the wrong type or an invalid date (Error::field
// names it, e.g. "collected.local").
Result<LabelData> parse_label_data(std::string_view json);

// The ISBT 128 structures of the data, built and checked by isbt128/. Errors name the field.
Result<isbt128::Structure> din_structure(const DinData& din);
Result<isbt128::Structure> product_structure(const ProductData& product);
Result<isbt128::Structure> collection_structure(const LocalDateTime& collected);  // [007], local time
Result<isbt128::Structure> expiration_structure(const LocalDateTime& expires);    // [005], local time
Result<isbt128::Structure> coi_structure(const CoiData& coi);
Result<isbt128::Structure> patient_id_structure(const PatientData& patient);  // [025]

// "2026-11-20 10:15 CET" and "(2026-11-20 09:15 UTC)" (ISBT 128 §7.4.4.2 for cellular therapy).
std::string print_local(const LocalDateTime& at);
std::string print_utc(const LocalDateTime& at);
// "250 mL", "212.5 mL".
std::string print_volume(double ml);

}  // namespace cj::labels
