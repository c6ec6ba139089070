// final-product-storage v2, 100 x 100 mm: printed at receipt of the final product in the cell
// lab, stuck on the cassette or overwrap; says where the bag is stored.
//   DIN (K boxed)                 | product code, description
//   expiration date and time      | DataMatrix: compound message of the four structures
//   COI, grouped                  |
//   patient; received; STORAGE POSITION (large, up to two lines, never below 4 mm); the use
//   its collection type allows; notes
// Every text is fitted into its box (text_fit.h); what does not fit refuses the label.
#include "isbt128/compound.h"
#include "isbt128/format.h"
#include "labels/column.h"
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

namespace {
constexpr std::string_view kName = "final-product-storage";
// The field this label exists for, read at the freezer: large, and refused rather than small.
constexpr double kPositionMinSize = 4.0;
constexpr double kPositionBottom = 87;  // room below for the use statement
}  // namespace

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
  const std::string caption = "Expires " + print_local(*data.expires);
  Status header = add_bag_header(layout, {kName, din.value(), product.value(), data.product->description,
                                          expires.value(), caption, "expires", label.compound, coi.value()});
  if (!header) return header.error();

  const PatientData& patient = *data.patient;
  Column column(layout, kName, kTextLeft, 59, 98.5 - kTextLeft, content_bottom(layout));
  for (Status s :
       {column.add("Patient " + patient.initials + "   MRN " + patient.mrn, "patient.mrn", {3.2, Weight::Bold}),
        column.add("Received " + print_local(*data.received), "received", {2.4, Weight::Regular, 1}),
        column.add("Storage position", "storage_position", {2.2, Weight::Regular, 1, 0.9}),
        column.add(data.storage_position, "storage_position",
                   {6.0, Weight::Bold, 2, 0.5, kPositionMinSize, kPositionBottom}),
        column.add(use_statement(data.product->collection_type), "product.collection_type",
                   {3.2, Weight::Bold, 2, 1.0}),
        column.add_list(data.notes, "notes", {2.2, Weight::Regular, 20, 0.6})})
    if (!s) return s.error();
  return label;
}

}  // namespace cj::labels
