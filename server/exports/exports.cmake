# server/exports: registry and interoperability export. The formats (registry rows, CSV, FHIR R4)
# are pure computation in their own library, unit-tested without a database; loading journeys,
# the API routes and the audit record are part of `server`.
add_library(export_formats STATIC
  ${CMAKE_CURRENT_LIST_DIR}/csv_cells.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fhir_bundle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/journey_facts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry_csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry_row.cpp)
target_link_libraries(export_formats PUBLIC workflows Boost::json Boost::headers)
set(EXPORT_SERVER_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/export_query.cpp
  ${CMAKE_CURRENT_LIST_DIR}/export_run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/export_routes.cpp)
