// patient-wristband v1, 150 x 30 mm (the printable part of a wristband):
//   QR link | patient name, MRN, date of birth
//           | COI Code 128          Patient ID [025] Code 128
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

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

  double y = add_text(layout, text_x, 2, 3.2, patient.name, Weight::Bold);
  std::string line = "MRN " + patient.mrn;
  if (!patient.date_of_birth.empty()) line += "   DOB " + patient.date_of_birth;
  add_text(layout, text_x, y + 1.3, 2.2, line);

  Result<Rect> r = add_code128(layout, coi.value(), left, 10, 9);
  if (!r) return r.error();
  add_text(layout, text_x, 20, kTextBeneath, "COI " + coi.value().content);
  const double id_x = r.value().x + r.value().width + 2;
  r = add_code128(layout, patient_id.value(), id_x, 10, 9);
  if (!r) return r.error();
  if (r.value().x + r.value().width > layout.width - 1)
    return Error{"patient.id is too long for the wristband", "patient.id"};
  add_text(layout, id_x + kQuietModules * kModule, 20, kTextBeneath, "Patient ID " + patient.id);
  return label;
}

}  // namespace cj::labels
