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
  const double text_x = 1 + kQuietModules * kModule;  // text left-justified under the bars

  // Row 1: DIN upper left, product code upper right (ST-001 §7.3 fixed positions).
  Result<Rect> r = add_code128(layout, din.value(), 1, 3, 10);
  if (!r) return r.error();
  add_eye_readable_din(layout, din.value(), text_x, 14.5, 3.2);
  r = add_code128(layout, product.value(), 99, 3, 10, true);
  if (!r) return r.error();
  const double product_text_x = r.value().x + kQuietModules * kModule;
  double y = add_text(layout, product_text_x, 14, kTextBeneath, product.value().content);
  add_text(layout, product_text_x, y + 1, 2.4, data.product->description, Weight::Bold);

  add_rule(layout, 23);
  // Row 2: collection date and time; the compound DataMatrix at the right.
  r = add_code128(layout, collected.value(), 1, 26, 8);
  if (!r) return r.error();
  add_text(layout, text_x, 35, kTextBeneath, "Collected " + print_local(*data.collected));
  layout.elements.emplace_back(DataMatrixSymbol{0, 26, 0.5, 2, label.compound});
  Result<Rect> dm = extent(std::get<DataMatrixSymbol>(layout.elements.back()));
  if (!dm) return dm.error();
  std::get<DataMatrixSymbol>(layout.elements.back()).x = 99 - dm.value().width;

  // Row 3: Chain of Identity.
  r = add_code128(layout, coi.value(), 1, 41, 8);
  if (!r) return r.error();
  add_text(layout, text_x, 50, kTextBeneath, "COI " + coi.value().content);

  add_rule(layout, 56);
  // Patient and use.
  const PatientData& patient = *data.patient;
  y = add_text(layout, text_x, 59, 3.2, "Patient " + patient.initials + "   MRN " + patient.mrn, Weight::Bold);
  y = add_text(layout, text_x, y + 3, 4.0, "FOR AUTOLOGOUS USE ONLY", Weight::Bold);
  for (const std::string& note : data.notes) y = add_text(layout, text_x, y + 2.2, 2.4, note);
  return label;
}

}  // namespace cj::labels
