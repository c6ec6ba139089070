// apheresis-shipper v2, 100 x 75 mm: the outer shipper that carries the bag to the manufacturer.
//   APHERESIS SHIPPER, shipper id (up to two lines, left of the QR) | QR link
//   COI, grouped
//   DIN of the bag inside (K boxed)
//   shipped: local time and zone, UTC beneath (ISBT 128 §7.4.4.2, shipments across zones)
//   the use the bag's collection type allows (when the product is given); notes
// Every text is fitted into its box (text_fit.h); what does not fit refuses the label.
#include "labels/column.h"
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

namespace {
constexpr std::string_view kName = "apheresis-shipper";
}  // namespace

Result<Label> build_apheresis_shipper(const LabelData& data) {
  if (!data.coi) return missing("coi");
  if (!data.din) return missing("din");
  if (!data.shipped) return missing("shipped");
  if (data.shipper_id.empty()) return missing("shipper_id");
  if (data.link.empty()) return missing("link");
  Result<isbt128::Structure> coi = coi_structure(*data.coi);
  if (!coi) return coi.error();
  Result<isbt128::Structure> din = din_structure(*data.din);
  if (!din) return din.error();

  Label label;
  label.structures = {coi.value(), din.value()};
  label.link = data.link;
  Layout& layout = label.layout;
  layout.width = 100;
  layout.height = 75;
  const double text_x = kTextLeft;

  QrSymbol qr_symbol{0, 1, 0.4, 4, data.link};
  Result<Rect> qr = extent(qr_symbol);
  if (!qr) return qr.error();
  qr_symbol.x = 99 - qr.value().width;
  layout.elements.emplace_back(std::move(qr_symbol));

  // The shipper id left of the QR code, above the COI symbol at 15 mm.
  Column top(layout, kName, text_x, 2.5, 99 - qr.value().width - 1 - text_x, 14.7);
  for (Status s : {top.add("APHERESIS SHIPPER", "shipper_id", {3.4, Weight::Bold, 1}),
                   top.add("Shipper ", data.shipper_id, "shipper_id", {3.2, Weight::Regular, 2, 0.6})})
    if (!s) return s.error();

  Result<Rect> r = add_code128(layout, coi.value(), 1, 15, 8);
  if (!r) return r.error();
  Result<double> placed = place_text(layout, {text_x, 24.2, 98.5 - text_x, 1, 3.0, kMinEyeReadable, Weight::Bold, 29.8},
                                     grouped_coi(coi.value()), "coi", kName);
  if (!placed) return placed.error();
  r = add_code128(layout, din.value(), 1, 30, 8);
  if (!r) return r.error();
  const double y = add_eye_readable_din(layout, din.value(), text_x, 40, 3.2);

  add_rule(layout, y + 2);
  Column column(layout, kName, text_x, y + 4.5, 98.5 - text_x, content_bottom(layout));
  const std::string use = data.product ? use_statement(data.product->collection_type) : "";
  for (Status s : {column.add("Shipped " + print_local(*data.shipped), "shipped", {3.0, Weight::Bold, 1}),
                   column.add(print_utc(*data.shipped), "shipped", {3.0, Weight::Regular, 1, 0.4}),
                   column.add(use, "product.collection_type", {3.2, Weight::Bold, 2, 1.0}),
                   column.add_list(data.notes, "notes", {2.2, Weight::Regular, 20, 0.6})})
    if (!s) return s.error();
  return label;
}

}  // namespace cj::labels
