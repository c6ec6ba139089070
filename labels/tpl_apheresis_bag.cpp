// apheresis-bag v1, 100 x 100 mm: the collection bag as it leaves the apheresis unit.
//   DIN (K boxed)                 | product code, description
//   collection date and time      | DataMatrix: compound message of the four structures
//   COI                           |
//   patient initials, MRN; FOR AUTOLOGOUS USE ONLY; notes
#include "isbt128/compound.h"
#include "isbt128/format.h"
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

Result<Label> build_apheresis_bag(const LabelData& data) {
  if (!data.din) return missing("din");
  if (!data.product) return missing("product");
  if (!data.collected) return missing("collected");
  if (!data.coi) return missing("coi");
  if (!data.patient) return missing("patient");
  Result<isbt128::Structure> din = din_structure(*data.din);
  if (!din) return din.error();
  Result<isbt128::Structure> product = product_structure(*data.product);
  if (!product) return product.error();
  Result<isbt128::Structure> collected = collection_structure(*data.collected);
  if (!collected) return collected.error();
  Result<isbt128::Structure> coi = coi_structure(*data.coi);
  if (!coi) return coi.error();

  Label label;
  label.structures = {din.value(), product.value(), collected.value(), coi.value()};
  auto compound = isbt128::make_compound_message(label.structures);
  if (!compound) return Error{"compound message: " + compound.error().message, ""};
  label.compound = isbt128::format(compound.value());

  Layout& layout = label.layout;
  layout.width = 100;
  layout.height = 100;
  const double text_x = kTextLeft;
  Status header = add_bag_header(layout, din.value(), product.value(), data.product->description, collected.value(),
                                 "Collected " + print_local(*data.collected), label.compound, coi.value());
  if (!header) return header.error();

  // Patient and use.
  const PatientData& patient = *data.patient;
  double y = add_text(layout, text_x, 59, 3.2, "Patient " + patient.initials + "   MRN " + patient.mrn, Weight::Bold);
  y = add_text(layout, text_x, y + 3, 4.0, "FOR AUTOLOGOUS USE ONLY", Weight::Bold);
  for (const std::string& note : data.notes) y = add_text(layout, text_x, y + 2.2, 2.4, note);
  return label;
}

}  // namespace cj::labels
