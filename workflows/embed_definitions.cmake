# Run as a script by workflows/CMakeLists.txt:
#   cmake -DDEFINITIONS_DIR=... -DDEFINITION_FILES=core.yaml|products/x.yaml -DOUTPUT=... -P embed_definitions.cmake
# Writes a .cpp whose embedded_definitions() returns every file's name and exact bytes.
cmake_minimum_required(VERSION 3.25)
string(REPLACE "|" ";" files "${DEFINITION_FILES}")
list(SORT files)
set(entries "")
foreach(name IN LISTS files)
  file(READ "${DEFINITIONS_DIR}/${name}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  # Every byte as a \xNN escape: exact bytes whatever the content (quotes, °, backslashes).
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
  string(APPEND entries "    {\"${name}\",\n     std::string_view(\"${escaped}\", ${size})},\n")
endforeach()
if(entries STREQUAL "")
  set(body "std::span<const EmbeddedDefinition> embedded_definitions() { return {}; }\n")
else()
  set(body "namespace {\nconstexpr EmbeddedDefinition kDefinitions[] = {\n${entries}};\n}  // namespace\n\n"
           "std::span<const EmbeddedDefinition> embedded_definitions() { return kDefinitions; }\n")
endif()
file(WRITE "${OUTPUT}"
  "// Generated from workflows/core.yaml and workflows/products/*.yaml by workflows/embed_definitions.cmake. Do not edit.\n"
  "#include \"workflows/embedded_definitions.h\"\n\n"
  "namespace cj::workflows {\n\n${body}\n}  // namespace cj::workflows\n")
