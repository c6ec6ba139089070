// apheresis-bag v2, 100 x 100 mm: the collection bag as it leaves the apheresis unit.
//   DIN (K boxed)                 | product code, description
//   collection date and time      | DataMatrix: compound message of the four structures
//   COI, grouped                  |
//   patient initials, MRN; collecting facility; volume and anticoagulant; the use its
//   collection type allows (FOR AUTOLOGOUS USE ONLY for type 1); notes
// Every text is fitted into its box (text_fit.h); what does not fit refuses the label.
#include "isbt128/compound.h"
#include "isbt128/format.h"
#include "labels/column.h"
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

namespace {
constexpr std::string_view kName = "apheresis-bag";

// "Volume 250 mL   Anticoagulant ACD-A", either part when only it is recorded.
std::string contents_line(const LabelData& data) {
  std::string line;
  if (data.volume_ml) line = "Volume " + print_volume(*data.volume_ml);
  if (!data.anticoagulant.empty())
    line.append(line.empty() ? "" : "   ").append("Anticoagulant ").append(data.anticoagulant);
  return line;
}
}  // namespace

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
  const std::string caption = "Collected " + print_local(*data.collected);
  Status header = add_bag_header(layout, {kName, din.value(), product.value(), data.product->description,
                                          collected.value(), caption, "collected", label.compound, coi.value()});
  if (!header) return header.error();

  // Below the rule at 56 mm, one text under the other down to the footer.
  const PatientData& patient = *data.patient;
  Column column(layout, kName, kTextLeft, 58.6, 98.5 - kTextLeft, content_bottom(layout));
  for (Status s :
       {column.add("Patient " + patient.initials + "   MRN " + patient.mrn, "patient.mrn", {3.0, Weight::Bold}),
        column.add("Collected at ", data.collection_facility, "collection_facility", {2.3, Weight::Regular, 2, 0.6}),
        column.add(contents_line(data), data.anticoagulant.empty() ? "volume_ml" : "anticoagulant",
                   {2.3, Weight::Regular, 2, 0.4}),
        column.add(use_statement(data.product->collection_type), "product.collection_type",
                   {3.6, Weight::Bold, 2, 0.9}),
        column.add_list(data.notes, "notes", {2.2, Weight::Regular, 20, 0.6})})
    if (!s) return s.error();
  return label;
}

}  // namespace cj::labels
