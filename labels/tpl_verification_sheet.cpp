// verification-sheet v2, A5 portrait: the bag-to-patient check at the bedside, by two people,
// before thaw and infusion. Wristband symbols (COI, patient ID) above, bag symbols (DIN,
// product code) below, then the checks, two signature lines and the journey's QR link.
// Every text is fitted into its box (text_fit.h); what does not fit refuses the sheet.
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"
#include "labels/text_fit.h"

namespace cj::labels {

namespace {
constexpr std::string_view kName = "verification-sheet";
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
  const double right = layout.width - 1.5;
  add_text(layout, text_x, 23, 2.6, "PATIENT (WRISTBAND)", Weight::Bold);
  // The name: up to two lines at 4 mm, shrinking to fit, above the MRN line.
  Result<double> y = place_text(layout, {text_x, 28, right - text_x, 2, 4.0, kMinEyeReadable, Weight::Bold, 34.4},
                                patient.name, "patient.name", kName);
  if (!y) return y.error();
  std::string line = "MRN " + patient.mrn;
  if (!patient.date_of_birth.empty()) line += "   DOB " + patient.date_of_birth;
  y = place_text(layout, {text_x, 35.5, right - text_x, 1, 2.6, kMinEyeReadable, Weight::Regular, 39.8}, line,
                 "patient.mrn", kName);
  if (!y) return y.error();
  Result<Rect> r = add_code128(layout, coi.value(), 1, 40, 8);
  if (!r) return r.error();
  const double id_x = r.value().x + r.value().width + 4;
  const double id_text_x = id_x + kQuietModules * kModule;
  y = place_text(layout, {text_x, 49.2, id_text_x - 1.5 - text_x, 1, 3.0, kMinEyeReadable, Weight::Bold, 54.7},
                 grouped_coi(coi.value()), "coi", kName);
  if (!y) return y.error();
  r = add_code128(layout, patient_id.value(), id_x, 40, 8);
  if (!r) return r.error();
  if (r.value().x + r.value().width > layout.width - 1)
    return Error{"patient.id is too long for the sheet", "patient.id"};
  y = place_text(layout, {id_text_x, 49.2, right - id_text_x, 1, 2.4, kMinEyeReadable, Weight::Regular, 54.7},
                 "Patient ID ", patient.id, "patient.id", kName);
  if (!y) return y.error();

  add_rule(layout, 55);
  add_text(layout, text_x, 58, 2.6, "PRODUCT (BAG)", Weight::Bold);
  r = add_code128(layout, din.value(), 1, 63, 10);
  if (!r) return r.error();
  add_eye_readable_din(layout, din.value(), text_x, 74.5, 3.2);
  r = add_code128(layout, product.value(), layout.width - 1, 63, 10, true);
  if (!r) return r.error();
  const double product_text_x = r.value().x + kQuietModules * kModule;
  add_text(layout, product_text_x, 74, kTextBeneath, product.value().content);
  y = place_text(layout, {product_text_x, 77, right - product_text_x, 2, 2.4, kMinEyeReadable, Weight::Bold, 88.6},
                 data.product->description, "product.description", kName);
  if (!y) return y.error();
  y = place_text(layout, {text_x, 82, product_text_x - 2 - text_x, 1, 2.6, kMinEyeReadable, Weight::Regular, 88.6},
                 "Expires " + print_local(*data.expires), "expires", kName);
  if (!y) return y.error();

  add_rule(layout, 89);
  add_text(layout, text_x, 92, 2.6, "CHECKS (BOTH VERIFIERS)", Weight::Bold);
  double check_y = 98;
  for (std::string_view check : kChecks) {
    layout.elements.emplace_back(Box{Rect{text_x, check_y - 0.7, 4, 4}, 0.3});
    add_text(layout, text_x + 6.5, check_y, 2.6, std::string(check));
    check_y += 8;
  }
  // (The checks are the sheet's own text: their width is fixed, nothing to fit.)
  add_rule(layout, 141);
  add_signature_line(layout, text_x, 146, "Verifier 1");
  add_signature_line(layout, text_x, 158, "Verifier 2");
  add_signature_line(layout, text_x, 170, "Date and time");
  y = place_text(layout, {text_x, 182, right - text_x, 2, 4.0, kMinEyeReadable, Weight::Bold, content_bottom(layout)},
                 use_statement(data.product->collection_type), "product.collection_type", kName);
  if (!y) return y.error();
  return label;
}

}  // namespace cj::labels
