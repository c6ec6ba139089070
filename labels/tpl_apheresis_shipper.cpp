// apheresis-shipper v1, 100 x 75 mm: the outer shipper that carries the bag to the manufacturer.
//   APHERESIS SHIPPER, shipper id               | QR link
//   COI
//   DIN of the bag inside (K boxed)
//   shipped: local time and zone, UTC beneath (ISBT 128 §7.4.4.2, shipments across zones)
#include "labels/compose.h"
#include "labels/symbols.h"
#include "labels/templates.h"

namespace cj::labels {

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
  const double text_x = 1 + kQuietModules * kModule;

  double y = add_text(layout, text_x, 3, 4.0, "APHERESIS SHIPPER", Weight::Bold);
  add_text(layout, text_x, y + 2, 2.6, "Shipper " + data.shipper_id);
  layout.elements.emplace_back(QrSymbol{0, 1, 0.4, 4, data.link});
  Result<Rect> qr = extent(std::get<QrSymbol>(layout.elements.back()));
  if (!qr) return qr.error();
  std::get<QrSymbol>(layout.elements.back()).x = 99 - qr.value().width;

  Result<Rect> r = add_code128(layout, coi.value(), 1, 15, 8);
  if (!r) return r.error();
  add_text(layout, text_x, 24, kTextBeneath, "COI " + coi.value().content);
  r = add_code128(layout, din.value(), 1, 30, 8);
  if (!r) return r.error();
  y = add_eye_readable_din(layout, din.value(), text_x, 40, 3.2);

  add_rule(layout, y + 2);
  y = add_text(layout, text_x, y + 4.5, 3.0, "Shipped " + print_local(*data.shipped), Weight::Bold);
  y = add_text(layout, text_x, y + 1.5, 3.0, print_utc(*data.shipped));
  y = add_text(layout, text_x, y + 3, 3.2, "FOR AUTOLOGOUS USE ONLY", Weight::Bold);
  for (const std::string& note : data.notes) y = add_text(layout, text_x, y + 1.8, 2.2, note);
  return label;
}

}  // namespace cj::labels
