// verification-sheet v1, A5 portrait: the bag-to-patient check at the bedside, by two people,
// before thaw and infusion. Wristband symbols (COI, patient ID) above, bag symbols (DIN,
// product code) below, then the checks, two signature lines and the journey's QR link.
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

namespace {
constexpr std::string_view kChecks[] = {
    "COI on the wristband is the COI on the bag",
    "Patient name, date of birth and patient ID match the wristband",
    "DIN and product code on the bag match the release documents",
    "Product is not expired",
    "Bag and overwrap intact, label legible",
};

void add_signature_line(Layout& layout, double x, double y, std::string_view caption) {
  add_text(layout, x, y, 2.6, std::string(caption));
  layout.elements.emplace_back(Box{Rect{x + 32, y + 3.5, layout.width - x - 36, 0.3}, 0});
}
}  // namespace

Result<Label> build_verification_sheet(const LabelData& data) {
  if (!data.coi) return missing("coi");
  if (!data.patient) return missing("patient");
  if (!data.din) return missing("din");
  if (!data.product) return missing("product");
  if (!data.expires) return missing("expires");
  if (data.link.empty()) return missing("link");
  const PatientData& patient = *data.patient;
  if (patient.name.empty()) return missing("patient.name");
  Result<isbt128::Structure> coi = coi_structure(*data.coi);
  if (!coi) return coi.error();
  Result<isbt128::Structure> patient_id = patient_id_structure(patient);
  if (!patient_id) return patient_id.error();
  Result<isbt128::Structure> din = din_structure(*data.din);
  if (!din) return din.error();
  Result<isbt128::Structure> product = product_structure(*data.product);
  if (!product) return product.error();

  Label label;
  label.structures = {coi.value(), patient_id.value(), din.value(), product.value()};
  label.link = data.link;
  Layout& layout = label.layout;
  layout.width = 148;
  layout.height = 210;
  const double text_x = 1 + kQuietModules * kModule;

  add_text(layout, text_x, 6, 5.0, "BAG-TO-PATIENT VERIFICATION", Weight::Bold);
  add_text(layout, text_x, 13.5, 2.6, "Two people, at the bedside, before thaw and infusion.");
  layout.elements.emplace_back(QrSymbol{0, 1, 0.4, 4, data.link});
  Result<Rect> qr = extent(std::get<QrSymbol>(layout.elements.back()));
  if (!qr) return qr.error();
  std::get<QrSymbol>(layout.elements.back()).x = layout.width - 1 - qr.value().width;

  add_rule(layout, 20);
  add_text(layout, text_x, 23, 2.6, "PATIENT (WRISTBAND)", Weight::Bold);
  add_text(layout, text_x, 28, 4.0, patient.name, Weight::Bold);
  std::string line = "MRN " + patient.mrn;
  if (!patient.date_of_birth.empty()) line += "   DOB " + patient.date_of_birth;
  add_text(layout, text_x, 34, 2.6, line);
  Result<Rect> r = add_code128(layout, coi.value(), 1, 40, 8);
  if (!r) return r.error();
  add_text(layout, text_x, 49, kTextBeneath, "COI " + coi.value().content);
  const double id_x = r.value().x + r.value().width + 4;
  r = add_code128(layout, patient_id.value(), id_x, 40, 8);
  if (!r) return r.error();
  if (r.value().x + r.value().width > layout.width - 1)
    return Error{"patient.id is too long for the sheet", "patient.id"};
  add_text(layout, id_x + kQuietModules * kModule, 49, kTextBeneath, "Patient ID " + patient.id);

  add_rule(layout, 55);
  add_text(layout, text_x, 58, 2.6, "PRODUCT (BAG)", Weight::Bold);
  r = add_code128(layout, din.value(), 1, 63, 10);
  if (!r) return r.error();
  add_eye_readable_din(layout, din.value(), text_x, 74.5, 3.2);
  r = add_code128(layout, product.value(), layout.width - 1, 63, 10, true);
  if (!r) return r.error();
  const double product_text_x = r.value().x + kQuietModules * kModule;
  add_text(layout, product_text_x, 74, kTextBeneath, product.value().content);
  add_text(layout, product_text_x, 77, 2.4, data.product->description, Weight::Bold);
  add_text(layout, text_x, 82, 2.6, "Expires " + print_local(*data.expires));

  add_rule(layout, 89);
  add_text(layout, text_x, 92, 2.6, "CHECKS (BOTH VERIFIERS)", Weight::Bold);
  double y = 98;
  for (std::string_view check : kChecks) {
    layout.elements.emplace_back(Box{Rect{text_x, y - 0.7, 4, 4}, 0.3});
    add_text(layout, text_x + 6.5, y, 2.6, std::string(check));
    y += 8;
  }
  add_rule(layout, 141);
  add_signature_line(layout, text_x, 146, "Verifier 1");
  add_signature_line(layout, text_x, 158, "Verifier 2");
  add_signature_line(layout, text_x, 170, "Date and time");
  add_text(layout, text_x, 182, 4.0, "FOR AUTOLOGOUS USE ONLY", Weight::Bold);
  return label;
}

}  // namespace cj::labels
