#include "labels/template.h"

#include "labels/compose.h"
#include "labels/templates.h"

namespace cj::labels {

namespace {
constexpr Template kTemplates[] = {
    {"apheresis-bag", 2, "Apheresis collection bag", "100 x 100 mm", build_apheresis_bag},
    {"patient-wristband", 2, "Patient wristband (COI + patient ID)", "150 x 30 mm", build_patient_wristband},
    {"apheresis-shipper", 2, "Apheresis shipper", "100 x 75 mm", build_apheresis_shipper},
    {"final-product-storage", 2, "Final product receipt and storage position", "100 x 100 mm",
     build_final_product_storage},
    {"verification-sheet", 2, "Bag-to-patient verification sheet", "148 x 210 mm (A5)", build_verification_sheet},
};
}  // namespace

std::span<const Template> templates() { return kTemplates; }

const Template* find_template(std::string_view name) {
  for (const Template& t : kTemplates)
    if (t.name == name) return &t;
  return nullptr;
}

Error missing(std::string_view field) {
  return Error{"this template needs " + std::string(field) + " in the data", std::string(field)};
}

void add_template_footer(Layout& layout, std::string_view name, int version) {
  const std::string text = std::string(name) + " v" + std::to_string(version);
  constexpr double kSize = 1.5;
  add_text(layout, layout.width - 2 - text_width(text, kSize), layout.height - kSize - 1.2, kSize, text);
}

Result<Label> build_label(std::string_view template_name, std::string_view json) {
  const Template* t = find_template(template_name);
  if (!t)
    return Error{"no template called '" + std::string(template_name) + "' (see: celljourney-label templates)",
                 "template"};
  Result<LabelData> data = parse_label_data(json);
  if (!data) return data.error();
  Result<Label> label = t->build(data.value());
  if (label) {
    label.value().template_name = std::string(t->name);
    label.value().template_version = t->version;
    add_template_footer(label.value().layout, t->name, t->version);
  }
  return label;
}

}  // namespace cj::labels
