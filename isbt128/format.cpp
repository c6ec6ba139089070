#include "isbt128/format.h"

#include "isbt128/structure_numbers.h"
#include "isbt128/structure_table.h"

namespace cj::isbt128 {

void append_format(std::string& out, const Structure& structure) {
  // A DIN's data identifier "=A" is '=' plus the content's first character: the table's "="
  // is what precedes the content. Every other structure: data identifier, then content.
  const StructureDescriptor* descriptor = structure.national ? nullptr : find_structure(structure.number);
  if (descriptor != nullptr) {
    out += descriptor->data_identifier;
  } else {
    out += structure.data_identifier;
  }
  out += structure.content;
}

std::size_t text_length(const Structure& structure) {
  const bool din = !structure.national && structure.number == numbers::kDonationIdentificationNumber;
  return structure.data_identifier.size() + structure.content.size() - (din ? 1 : 0);
}

std::string format(const Structure& structure) {
  std::string text;
  append_format(text, structure);
  return text;
}

std::string format(std::span<const Structure> structures) {
  std::string text;
  for (const Structure& structure : structures) append_format(text, structure);
  return text;
}

}  // namespace cj::isbt128
