#include "isbt128/build.h"

#include <string>

#include "isbt128/decode.h"
#include "isbt128/format.h"
#include "isbt128/structure_table.h"
#include "isbt128/text.h"

namespace cj::isbt128 {
namespace {

Result<Structure> decode_whole(const std::string& text, std::string_view what) {
  Structure structure;
  Result<std::size_t> end = decode_structure(text, 0, structure);
  if (!end) return end.error();
  if (end.value() != text.size()) {
    const std::size_t extra = text.size() - end.value();
    return Error{ErrorCode::WrongLength,
                 Text() + "The " + structure.name + " is " + extra + " character" + (extra == 1 ? "" : "s") +
                     " longer than " + what + " allows.",
                 end.value()};
  }
  return structure;
}

}  // namespace

Result<Structure> make_structure(std::string_view number, std::string_view content) {
  const StructureDescriptor* descriptor = find_structure(number);
  if (descriptor == nullptr) {
    return Error{ErrorCode::UnknownDataIdentifier,
                 Text() + "There is no ISBT 128 data structure numbered '" + number + "'.", 0};
  }
  if (content.empty()) {
    return Error{ErrorCode::WrongLength, Text() + "The " + descriptor->name + " has no content.", 0};
  }
  std::string text(descriptor->data_identifier);
  text += content;
  return decode_whole(text, "the standard");
}

Result<Structure> make_national(std::string_view data_identifier, std::string_view content) {
  std::string text(data_identifier);
  text += content;
  const DataIdentifierMatch match = match_data_identifier(text, 0);
  if (match.descriptor == nullptr || !match.descriptor->national || match.length != data_identifier.size()) {
    return Error{ErrorCode::UnknownDataIdentifier,
                 Text() + "'" + data_identifier + "' is not a national data identifier (&a-&z, &; or &!).", 0};
  }
  for (std::size_t at = data_identifier.size(); at < text.size(); ++at) {
    if (starts_data_identifier(text, at)) {
      return Error{ErrorCode::InvalidCharacter,
                   Text() + "National content cannot contain a data identifier: one starts at position " + at + ".",
                   at};
    }
  }
  return decode_whole(text, "its content");
}

}  // namespace cj::isbt128
