// patient-wristband v2, 150 x 30 mm (the printable part of a wristband):
//   QR link | patient name (one line), MRN, date of birth
//           | COI Code 128          Patient ID [025] Code 128
//           | COI, grouped          Patient ID
// Every text is fitted into its box (text_fit.h); what does not fit refuses the label.
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"
#include "labels/text_fit.h"

namespace cj::labels {

namespace {
constexpr std::string_view kName = "patient-wristband";
}  // namespace

Result<Label> build_patient_wristband(const LabelData& data) {
  if (!data.coi) return missing("coi");
  if (!data.patient) return missing("patient");
  if (data.link.empty()) return missing("link");
  const PatientData& patient = *data.patient;
  if (patient.name.empty()) return missing("patient.name");
  Result<isbt128::Structure> coi = coi_structure(*data.coi);
  if (!coi) return coi.error();
  Result<isbt128::Structure> patient_id = patient_id_structure(patient);
  if (!patient_id) return patient_id.error();

  Label label;
  label.structures = {coi.value(), patient_id.value()};
  label.link = data.link;
  Layout& layout = label.layout;
  layout.width = 150;
  layout.height = 30;

  layout.elements.emplace_back(QrSymbol{1, 1, 0.4, 4, data.link});
  Result<Rect> qr = extent(std::get<QrSymbol>(layout.elements.back()));
  if (!qr) return qr.error();
  const double left = qr.value().x + qr.value().width + 1;
  const double text_x = left + kQuietModules * kModule;

  const double right = layout.width - 1;
  Result<double> y = place_text(layout, {text_x, 2, right - text_x, 1, 3.2, kMinEyeReadable, Weight::Bold, 7.2},
                                patient.name, "patient.name", kName);
  if (!y) return y.error();
  std::string line = "MRN " + patient.mrn;
  if (!patient.date_of_birth.empty()) line += "   DOB " + patient.date_of_birth;
  y = place_text(layout, {text_x, 6.5, right - text_x, 1, 2.2, kMinEyeReadable, Weight::Regular, 9.9}, line,
                 "patient.mrn", kName);
  if (!y) return y.error();

  Result<Rect> r = add_code128(layout, coi.value(), left, 10, 9);
  if (!r) return r.error();
  const double id_x = r.value().x + r.value().width + 2;
  const double id_text_x = id_x + kQuietModules * kModule;
  const double bottom = layout.height - 3.2;  // the footer below
  y = place_text(layout, {text_x, 20.3, id_text_x - 1.5 - text_x, 1, 3.0, kMinEyeReadable, Weight::Bold, bottom},
                 grouped_coi(coi.value()), "coi", kName);
  if (!y) return y.error();
  r = add_code128(layout, patient_id.value(), id_x, 10, 9);
  if (!r) return r.error();
  if (r.value().x + r.value().width > layout.width - 1)
    return Error{"patient.id is too long for the wristband", "patient.id"};
  y = place_text(layout, {id_text_x, 20.3, right - id_text_x, 1, 2.4, kMinEyeReadable, Weight::Regular, bottom},
                 "Patient ID ", patient.id, "patient.id", kName);
  if (!y) return y.error();
  return label;
}

}  // namespace cj::labels
