# storage: the private PostgreSQL cluster and schema migrations (included from server/CMakeLists.txt).
#
# This file has two uses:
#  - included: defines the `storage` library, with server/migrations/*.sql embedded into it
#    through a generated embedded_migrations.cpp (rebuilt when a .sql file changes, is added
#    or removed);
#  - run as a script (cmake -DMIGRATIONS_DIR=... -DMIGRATION_FILES=a.sql|b.sql -DOUTPUT=... -P
#    storage.cmake): writes that .cpp. Build fails on a badly named or duplicate-numbered file.

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)
  string(REPLACE "|" ";" files "${MIGRATION_FILES}")
  list(SORT files)
  set(entries "")
  set(seen_versions "")
  set(previous 0)
  foreach(name IN LISTS files)
    if(NOT name MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
      message(FATAL_ERROR "migration file '${name}': name it NNNN_lowercase_words.sql (e.g. 0002_journeys.sql)")
    endif()
    string(REGEX REPLACE "^0+" "" version "${CMAKE_MATCH_1}")
    if(version STREQUAL "")
      message(FATAL_ERROR "migration file '${name}': versions start at 0001")
    endif()
    if(version IN_LIST seen_versions)
      message(FATAL_ERROR "migration file '${name}': another file already has version ${version}")
    endif()
    list(APPEND seen_versions ${version})
    file(READ "${MIGRATIONS_DIR}/${name}" hex HEX)
    string(LENGTH "${hex}" hex_length)
    math(EXPR size "${hex_length} / 2")
    # Every byte as a \xNN escape: exact bytes (the checksum is over them), whatever the content.
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
    string(APPEND entries "    {${version}, \"${name}\",\n     std::string_view(\"${escaped}\", ${size})},\n")
  endforeach()

  set(body "")
  if(entries STREQUAL "")
    set(body "std::span<const Migration> embedded_migrations() { return {}; }\n")
  else()
    set(body "namespace {\nconstexpr Migration kMigrations[] = {\n${entries}};\n}  // namespace\n\n"
             "std::span<const Migration> embedded_migrations() { return kMigrations; }\n")
  endif()
  file(WRITE "${OUTPUT}"
    "// Generated from server/migrations/*.sql by server/storage/storage.cmake. Do not edit.\n"
    "#include \"server/storage/migrations.h\"\n\n"
    "namespace cj::storage {\n\n${body}\n}  // namespace cj::storage\n")
  return()
endif()

set(CJ_MIGRATIONS_DIR ${CMAKE_CURRENT_LIST_DIR}/../migrations)
cmake_path(NORMAL_PATH CJ_MIGRATIONS_DIR)
file(GLOB CJ_MIGRATION_PATHS CONFIGURE_DEPENDS ${CJ_MIGRATIONS_DIR}/*.sql)
set(CJ_MIGRATION_NAMES "")
foreach(path IN LISTS CJ_MIGRATION_PATHS)
  get_filename_component(name "${path}" NAME)
  list(APPEND CJ_MIGRATION_NAMES "${name}")
endforeach()
list(SORT CJ_MIGRATION_NAMES)
# The names go on the command line, so that adding or removing a file re-runs the generator.
string(JOIN "|" CJ_MIGRATION_NAMES_ARG ${CJ_MIGRATION_NAMES})
set(CJ_EMBEDDED_MIGRATIONS_CPP ${CMAKE_CURRENT_BINARY_DIR}/storage/embedded_migrations.cpp)
add_custom_command(
  OUTPUT ${CJ_EMBEDDED_MIGRATIONS_CPP}
  COMMAND ${CMAKE_COMMAND} -DMIGRATIONS_DIR=${CJ_MIGRATIONS_DIR} "-DMIGRATION_FILES=${CJ_MIGRATION_NAMES_ARG}"
          -DOUTPUT=${CJ_EMBEDDED_MIGRATIONS_CPP} -P ${CMAKE_CURRENT_LIST_FILE}
  DEPENDS ${CJ_MIGRATION_PATHS} ${CMAKE_CURRENT_LIST_FILE}
  COMMENT "Embedding schema migrations (server/migrations/*.sql)"
  VERBATIM)

# The watchdog script, read at configure time (a change to it re-runs CMake) into a raw string.
set(CJ_WATCHDOG_SH ${CMAKE_CURRENT_LIST_DIR}/watchdog.sh)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CJ_WATCHDOG_SH})
file(READ ${CJ_WATCHDOG_SH} CJ_WATCHDOG_TEXT)
if(CJ_WATCHDOG_TEXT MATCHES "\\)sh\"")
  message(FATAL_ERROR "server/storage/watchdog.sh: the text )sh\" would end the raw string it is embedded in")
endif()
set(CJ_EMBEDDED_WATCHDOG_CPP ${CMAKE_CURRENT_BINARY_DIR}/storage/embedded_watchdog.cpp)
file(CONFIGURE OUTPUT ${CJ_EMBEDDED_WATCHDOG_CPP} CONTENT
  "// Generated from server/storage/watchdog.sh by server/storage/storage.cmake. Do not edit.\n#include \"server/storage/watchdog_script.h\"\n\nnamespace cj::storage {\n\nconst char* watchdog_script() {\n  return R\"sh(@CJ_WATCHDOG_TEXT@)sh\";\n}\n\n}  // namespace cj::storage\n"
  @ONLY)

file(GLOB STORAGE_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
add_library(storage STATIC ${STORAGE_SOURCES} ${CJ_EMBEDDED_MIGRATIONS_CPP} ${CJ_EMBEDDED_WATCHDOG_CPP})
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
target_link_libraries(storage PUBLIC base PkgConfig::PQXX spdlog::spdlog Threads::Threads PRIVATE PkgConfig::SODIUM)
