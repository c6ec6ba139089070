// final-product-storage v1, 100 x 100 mm: printed at receipt of the final product in the cell
// lab, stuck on the cassette or overwrap; says where the bag is stored.
//   DIN (K boxed)                 | product code, description
//   expiration date and time      | DataMatrix: compound message of the four structures
//   COI                           |
//   patient; STORAGE POSITION; received; FOR AUTOLOGOUS USE ONLY; notes
#include "isbt128/compound.h"
#include "isbt128/format.h"
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

Result<Label> build_final_product_storage(const LabelData& data) {
  if (!data.din) return missing("din");
  if (!data.product) return missing("product");
  if (!data.expires) return missing("expires");
  if (!data.received) return missing("received");
  if (!data.coi) return missing("coi");
  if (!data.patient) return missing("patient");
  if (data.storage_position.empty()) return missing("storage_position");
  Result<isbt128::Structure> din = din_structure(*data.din);
  if (!din) return din.error();
  Result<isbt128::Structure> product = product_structure(*data.product);
  if (!product) return product.error();
  Result<isbt128::Structure> expires = expiration_structure(*data.expires);
  if (!expires) return expires.error();
  Result<isbt128::Structure> coi = coi_structure(*data.coi);
  if (!coi) return coi.error();

  Label label;
  label.structures = {din.value(), product.value(), expires.value(), coi.value()};
  auto compound = isbt128::make_compound_message(label.structures);
  if (!compound) return Error{"compound message: " + compound.error().message, ""};
  label.compound = isbt128::format(compound.value());

  Layout& layout = label.layout;
  layout.width = 100;
  layout.height = 100;
  const double text_x = 1 + kQuietModules * kModule;

  Result<Rect> r = add_code128(layout, din.value(), 1, 3, 10);
  if (!r) return r.error();
  add_eye_readable_din(layout, din.value(), text_x, 14.5, 3.2);
  r = add_code128(layout, product.value(), 99, 3, 10, true);
  if (!r) return r.error();
  const double product_text_x = r.value().x + kQuietModules * kModule;
  double y = add_text(layout, product_text_x, 14, kTextBeneath, product.value().content);
  add_text(layout, product_text_x, y + 1, 2.4, data.product->description, Weight::Bold);

  add_rule(layout, 23);
  r = add_code128(layout, expires.value(), 1, 26, 8);
  if (!r) return r.error();
  add_text(layout, text_x, 35, kTextBeneath, "Expires " + print_local(*data.expires));
  layout.elements.emplace_back(DataMatrixSymbol{0, 26, 0.5, 2, label.compound});
  Result<Rect> dm = extent(std::get<DataMatrixSymbol>(layout.elements.back()));
  if (!dm) return dm.error();
  std::get<DataMatrixSymbol>(layout.elements.back()).x = 99 - dm.value().width;

  r = add_code128(layout, coi.value(), 1, 41, 8);
  if (!r) return r.error();
  add_text(layout, text_x, 50, kTextBeneath, "COI " + coi.value().content);

  add_rule(layout, 56);
  const PatientData& patient = *data.patient;
  add_text(layout, text_x, 59, 3.2, "Patient " + patient.initials + "   MRN " + patient.mrn, Weight::Bold);
  add_text(layout, text_x, 65, 2.2, "Storage position");
  add_text(layout, text_x, 68.5, 6.0, data.storage_position, Weight::Bold);
  add_text(layout, text_x, 77, 2.6, "Received " + print_local(*data.received));
  y = add_text(layout, text_x, 82, 4.0, "FOR AUTOLOGOUS USE ONLY", Weight::Bold);
  for (const std::string& note : data.notes) y = add_text(layout, text_x, y + 2.2, 2.2, note);
  return label;
}

}  // namespace cj::labels
