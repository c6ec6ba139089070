// The template builders behind templates() (template.h); one file each: tpl_<name>.cpp.
#pragma once

#include <optional>
#include <string>

#include "labels/label_data.h"
#include "labels/template.h"

namespace cj::labels {

Result<Label> build_apheresis_bag(const LabelData& data);
Result<Label> build_patient_wristband(const LabelData& data);
Result<Label> build_apheresis_shipper(const LabelData& data);
Result<Label> build_final_product_storage(const LabelData& data);
Result<Label> build_verification_sheet(const LabelData& data);

// A missing part of the data, as an error naming it.
Error missing(std::string_view field);

// The footer every label carries: template name and version (D7.2.4 label version control).
void add_template_footer(Layout& layout, std::string_view name, int version);

}  // namespace cj::labels
