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
  const double text_x = kTextLeft;
  Status header = add_bag_header(layout, din.value(), product.value(), data.product->description, expires.value(),
                                 "Expires " + print_local(*data.expires), label.compound, coi.value());
  if (!header) return header.error();

  const PatientData& patient = *data.patient;
  add_text(layout, text_x, 59, 3.2, "Patient " + patient.initials + "   MRN " + patient.mrn, Weight::Bold);
  add_text(layout, text_x, 65, 2.2, "Storage position");
  add_text(layout, text_x, 68.5, 6.0, data.storage_position, Weight::Bold);
  add_text(layout, text_x, 77, 2.6, "Received " + print_local(*data.received));
  double y = add_text(layout, text_x, 82, 4.0, "FOR AUTOLOGOUS USE ONLY", Weight::Bold);
  for (const std::string& note : data.notes) y = add_text(layout, text_x, y + 2.2, 2.2, note);
  return label;
}

}  // namespace cj::labels
