# web_assets: the browser pages (server/web/**) built into the binary, so that `celljourney serve`
# serves the same files from any directory and an install is one executable (included from
# server/CMakeLists.txt). The ETag of each file is its SHA-256, computed here once.
#
# This file has two uses:
#  - included: defines the `web_assets` library from a generated embedded_web_files.cpp
#    (rebuilt when a file under server/web changes, is added or removed);
#  - run as a script (cmake -DWEB_DIR=... -DWEB_FILES=a|b/c -DOUTPUT=... -P web_assets.cmake):
#    writes that .cpp.

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)
  string(REPLACE "|" ";" files "${WEB_FILES}")
  list(SORT files)
  set(entries "")
  foreach(name IN LISTS files)
    if(NOT name MATCHES "^[A-Za-z0-9_./-]+$" OR name MATCHES "\\.\\.")
      message(FATAL_ERROR "web file '${name}': use letters, digits, '_', '-', '.' and '/' only")
    endif()
    file(READ "${WEB_DIR}/${name}" hex HEX)
    file(SHA256 "${WEB_DIR}/${name}" sha)
    string(SUBSTRING "${sha}" 0 32 etag)
    string(LENGTH "${hex}" hex_length)
    math(EXPR size "${hex_length} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
    string(APPEND entries "    {\"/${name}\", \"\\\"${etag}\\\"\",\n     std::string_view(\"${escaped}\", ${size})},\n")
  endforeach()
  file(WRITE "${OUTPUT}"
    "// Generated from server/web/** by server/transport/web_assets.cmake. Do not edit.\n"
    "#include \"server/transport/embedded_files.h\"\n\n"
    "namespace cj::transport {\n\nnamespace {\nconstexpr EmbeddedFile kFiles[] = {\n${entries}};\n}  // namespace\n\n"
    "std::span<const EmbeddedFile> embedded_web_files() { return kFiles; }\n\n}  // namespace cj::transport\n")
  return()
endif()

set(CJ_WEB_DIR ${CMAKE_CURRENT_LIST_DIR}/../web)
cmake_path(NORMAL_PATH CJ_WEB_DIR)
file(GLOB_RECURSE CJ_WEB_PATHS CONFIGURE_DEPENDS ${CJ_WEB_DIR}/*)
set(CJ_WEB_NAMES "")
foreach(path IN LISTS CJ_WEB_PATHS)
  file(RELATIVE_PATH name "${CJ_WEB_DIR}" "${path}")
  list(APPEND CJ_WEB_NAMES "${name}")
endforeach()
list(SORT CJ_WEB_NAMES)
# The names go on the command line, so that adding or removing a file re-runs the generator.
string(JOIN "|" CJ_WEB_NAMES_ARG ${CJ_WEB_NAMES})
set(CJ_EMBEDDED_WEB_CPP ${CMAKE_CURRENT_BINARY_DIR}/transport/embedded_web_files.cpp)
add_custom_command(
  OUTPUT ${CJ_EMBEDDED_WEB_CPP}
  COMMAND ${CMAKE_COMMAND} -DWEB_DIR=${CJ_WEB_DIR} "-DWEB_FILES=${CJ_WEB_NAMES_ARG}"
          -DOUTPUT=${CJ_EMBEDDED_WEB_CPP} -P ${CMAKE_CURRENT_LIST_FILE}
  DEPENDS ${CJ_WEB_PATHS} ${CMAKE_CURRENT_LIST_FILE}
  COMMENT "Embedding the browser pages (server/web/**)"
  VERBATIM)
add_library(web_assets STATIC ${CJ_EMBEDDED_WEB_CPP})
